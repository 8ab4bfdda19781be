// Softmax cross-entropy loss of an MLP on a minibatch and its exact gradients (back-propagation),
// into buffers allocated once per training run.

import { denseForward, denseInputDelta, denseWeightGradients, reluInPlace, softmaxRowsInPlace } from './denseKernels.ts';
import type { Mlp } from './mlp.ts';

/** Gradients with the same shapes as the MLP's weights and biases. */
export interface MlpGradients {
  readonly weights: Float32Array[];
  readonly bias: Float32Array[];
}

/** Per-layer activation and delta buffers for minibatches of up to `batchSize` rows. */
export interface BackpropScratch {
  readonly batchSize: number;
  readonly activations: Float32Array[];
  readonly deltas: Float32Array[];
}

/** Zeroed gradient buffers shaped like `mlp`. */
export function createGradients(mlp: Mlp): MlpGradients {
  return {
    weights: mlp.layers.map((layer) => new Float32Array(layer.weights.length)),
    bias: mlp.layers.map((layer) => new Float32Array(layer.bias.length)),
  };
}

/** Buffers for minibatches of up to `batchSize` rows. */
export function createBackpropScratch(mlp: Mlp, batchSize: number): BackpropScratch {
  return {
    batchSize,
    activations: mlp.layers.map((layer) => new Float32Array(batchSize * layer.outputs)),
    deltas: mlp.layers.map((layer) => new Float32Array(batchSize * layer.inputs)),
  };
}

/**
 * Mean softmax cross-entropy of `mlp` on `count` rows and its gradient with respect to every
 * weight and bias, written into `gradients` (overwritten, not accumulated).
 */
export function lossAndGradients(
  mlp: Mlp,
  rows: Float32Array,
  labels: Uint8Array,
  count: number,
  gradients: MlpGradients,
  scratch: BackpropScratch,
): number {
  if (count > scratch.batchSize) throw new RangeError(`batch of ${count} rows exceeds the scratch size ${scratch.batchSize}`);
  const layers = mlp.layers;
  const last = layers.length - 1;
  const inputOf = (l: number): Float32Array => (l === 0 ? rows : scratch.activations[l - 1]!);

  for (let l = 0; l <= last; l++) {
    const output = scratch.activations[l]!;
    denseForward(inputOf(l), count, layers[l]!, output);
    if (l < last) reluInPlace(output.subarray(0, count * layers[l]!.outputs));
  }
  const classes = layers[last]!.outputs;
  const probabilities = scratch.activations[last]!;
  const loss = softmaxRowsInPlace(probabilities, count, classes, labels) / count;

  // d(mean loss)/d(logits) = (softmax - onehot) / count, computed in place of the probabilities.
  let delta = probabilities;
  for (let r = 0; r < count; r++) {
    for (let j = 0; j < classes; j++) delta[r * classes + j]! /= count;
    delta[r * classes + labels[r]!]! -= 1 / count;
  }
  for (let l = last; l >= 0; l--) {
    const layer = layers[l]!;
    denseWeightGradients(inputOf(l), delta, count, layer, gradients.weights[l]!, gradients.bias[l]!);
    if (l > 0) {
      const inputDelta = scratch.deltas[l]!;
      denseInputDelta(inputOf(l), delta, count, layer, inputDelta);
      delta = inputDelta;
    }
  }
  return loss;
}
