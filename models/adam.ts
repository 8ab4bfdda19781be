// The Adam optimiser (Kingma & Ba, 2015) over an MLP's weights and biases, in place.

import type { MlpGradients } from './backprop.ts';
import type { Mlp } from './mlp.ts';

/** Adam's hyper-parameters; the learning rate is given per step so that it can follow a schedule. */
export interface AdamOptions {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/** The defaults of the paper. */
export const defaultAdamOptions: AdamOptions = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/** Moment estimates and step count of one optimisation run. */
export interface AdamState {
  readonly options: AdamOptions;
  readonly firstMoments: Float32Array[];
  readonly secondMoments: Float32Array[];
  step: number;
}

/** Zeroed moments for the parameters of `mlp` (weights then biases, layer by layer). */
export function createAdam(mlp: Mlp, options: AdamOptions = defaultAdamOptions): AdamState {
  const shapes = [...mlp.layers.map((layer) => layer.weights.length), ...mlp.layers.map((layer) => layer.bias.length)];
  return {
    options,
    firstMoments: shapes.map((length) => new Float32Array(length)),
    secondMoments: shapes.map((length) => new Float32Array(length)),
    step: 0,
  };
}

/** Applies one Adam update with `learningRate` to `mlp`'s parameters from `gradients`. */
export function adamStep(state: AdamState, mlp: Mlp, gradients: MlpGradients, learningRate: number): void {
  const { beta1, beta2, epsilon } = state.options;
  state.step += 1;
  const correction1 = 1 - beta1 ** state.step;
  const correction2 = 1 - beta2 ** state.step;
  const stepSize = (learningRate * Math.sqrt(correction2)) / correction1;
  const params = [...mlp.layers.map((layer) => layer.weights), ...mlp.layers.map((layer) => layer.bias)];
  const grads = [...gradients.weights, ...gradients.bias];
  for (let p = 0; p < params.length; p++) {
    const param = params[p]!;
    const grad = grads[p]!;
    const m = state.firstMoments[p]!;
    const v = state.secondMoments[p]!;
    for (let i = 0; i < param.length; i++) {
      const g = grad[i]!;
      const mi = beta1 * m[i]! + (1 - beta1) * g;
      const vi = beta2 * v[i]! + (1 - beta2) * g * g;
      m[i] = mi;
      v[i] = vi;
      param[i] = param[i]! - (stepSize * mi) / (Math.sqrt(vi) + epsilon);
    }
  }
}
