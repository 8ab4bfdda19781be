// The multilayer perceptron we train and export: dense layers with ReLU between them and a softmax
// at the end, with weights in flat row-major typed arrays laid out exactly as ONNX MatMul wants them.

import { denseForward, reluInPlace, softmaxRowsInPlace } from './denseKernels.ts';
import type { Rng } from '../common/prng.ts';

/** One fully connected layer: `output = input · weights + bias`. */
export interface DenseLayer {
  readonly inputs: number;
  readonly outputs: number;
  /** `inputs × outputs`, row-major (row k holds the weights leaving input k). */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

/** Dense layers with ReLU after every layer but the last, and softmax after the last. */
export interface Mlp {
  readonly layers: readonly DenseLayer[];
}

/** Layer widths of `mlp`, input first: e.g. `[784, 256, 10]`. */
export function mlpSizes(mlp: Mlp): number[] {
  const first = mlp.layers[0];
  return first === undefined ? [] : [first.inputs, ...mlp.layers.map((layer) => layer.outputs)];
}

/** A dense layer with He-normal weights (std √(2/inputs)), suited to ReLU, and zero bias. */
export function createDenseLayer(inputs: number, outputs: number, rng: Rng): DenseLayer {
  const weights = new Float32Array(inputs * outputs);
  const std = Math.sqrt(2 / inputs);
  for (let i = 0; i < weights.length; i++) weights[i] = rng.normal() * std;
  return { inputs, outputs, weights, bias: new Float32Array(outputs) };
}

/** An MLP with the given widths (`[784, 256, 10]` has two layers), He-initialised from `rng`. */
export function createMlp(sizes: readonly number[], rng: Rng): Mlp {
  if (sizes.length < 2) throw new RangeError('an MLP needs at least an input and an output width');
  const layers: DenseLayer[] = [];
  for (let l = 1; l < sizes.length; l++) layers.push(createDenseLayer(sizes[l - 1]!, sizes[l]!, rng));
  return { layers };
}

/**
 * The activations of the last layer for `count` rows: class probabilities when `softmax` is true
 * (the default, what the exported model computes), logits otherwise.
 */
export function forwardMlp(mlp: Mlp, rows: Float32Array, count: number, softmax = true): Float32Array {
  let activations = rows;
  mlp.layers.forEach((layer, index) => {
    const output = new Float32Array(count * layer.outputs);
    denseForward(activations, count, layer, output);
    if (index < mlp.layers.length - 1) reluInPlace(output);
    activations = output;
  });
  const last = mlp.layers[mlp.layers.length - 1];
  if (softmax && last !== undefined) softmaxRowsInPlace(activations, count, last.outputs);
  return activations;
}
