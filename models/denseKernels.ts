// The inner loops of training and of the TypeScript forward pass, on flat row-major typed arrays.
// They skip zero inputs, which makes them several times faster on MNIST (about 80 % of the pixels
// are 0) and after ReLU (about half the activations are 0), and allocate nothing.

import type { DenseLayer } from './mlp.ts';

/** `output[r, :] = bias + Σ_k input[r, k] · weights[k, :]` for `count` rows. */
export function denseForward(input: Float32Array, count: number, layer: DenseLayer, output: Float32Array): void {
  const { inputs, outputs, weights, bias } = layer;
  // Accumulating in doubles and unrolling by 8 makes this loop about twice as fast in V8.
  const acc = new Float64Array(outputs);
  const unrolled = outputs - (outputs % 8);
  for (let r = 0; r < count; r++) {
    for (let j = 0; j < outputs; j++) acc[j] = bias[j]!;
    const inBase = r * inputs;
    for (let k = 0; k < inputs; k++) {
      const a = input[inBase + k]!;
      if (a === 0) continue;
      axpy(acc, a, weights, k * outputs, unrolled, outputs);
    }
    output.set(acc, r * outputs);
  }
}

/** `acc[j] += a · source[offset + j]` for j in [0, length); `unrolled` is length rounded down to 8. */
function axpy(acc: Float64Array, a: number, source: Float32Array, offset: number, unrolled: number, length: number): void {
  let j = 0;
  for (; j < unrolled; j += 8) {
    const w = offset + j;
    acc[j]! += a * source[w]!;
    acc[j + 1]! += a * source[w + 1]!;
    acc[j + 2]! += a * source[w + 2]!;
    acc[j + 3]! += a * source[w + 3]!;
    acc[j + 4]! += a * source[w + 4]!;
    acc[j + 5]! += a * source[w + 5]!;
    acc[j + 6]! += a * source[w + 6]!;
    acc[j + 7]! += a * source[w + 7]!;
  }
  for (; j < length; j++) acc[j]! += a * source[offset + j]!;
}

/** `values = max(values, 0)`, element-wise. */
export function reluInPlace(values: Float32Array): void {
  for (let i = 0; i < values.length; i++) if (values[i]! < 0) values[i] = 0;
}

/**
 * Replaces each row of logits by its softmax and returns the summed cross-entropy of the rows
 * against `labels` (0 when no labels are given). Uses the max-subtraction trick for stability.
 */
export function softmaxRowsInPlace(values: Float32Array, count: number, width: number, labels?: Uint8Array): number {
  let loss = 0;
  for (let r = 0; r < count; r++) {
    const base = r * width;
    let max = -Infinity;
    for (let j = 0; j < width; j++) if (values[base + j]! > max) max = values[base + j]!;
    let sum = 0;
    for (let j = 0; j < width; j++) sum += Math.exp(values[base + j]! - max);
    if (labels !== undefined) loss += Math.log(sum) + max - values[base + labels[r]!]!;
    for (let j = 0; j < width; j++) values[base + j] = Math.exp(values[base + j]! - max) / sum;
  }
  return loss;
}

/** `gradWeights = inputᵀ · delta` and `gradBias = Σ_r delta[r, :]` (both overwritten). */
export function denseWeightGradients(
  input: Float32Array,
  delta: Float32Array,
  count: number,
  layer: DenseLayer,
  gradWeights: Float32Array,
  gradBias: Float32Array,
): void {
  const { inputs, outputs } = layer;
  const acc = new Float64Array(outputs);
  const unrolled = outputs - (outputs % 8);
  for (let k = 0; k < inputs; k++) {
    acc.fill(0);
    for (let r = 0; r < count; r++) {
      const a = input[r * inputs + k]!;
      if (a === 0) continue;
      axpy(acc, a, delta, r * outputs, unrolled, outputs);
    }
    gradWeights.set(acc, k * outputs);
  }
  acc.fill(0);
  for (let r = 0; r < count; r++) axpy(acc, 1, delta, r * outputs, unrolled, outputs);
  gradBias.set(acc);
}

/**
 * Back-propagates `delta` through the layer and its input's ReLU:
 * `inputDelta[r, k] = input[r, k] > 0 ? Σ_j delta[r, j] · weights[k, j] : 0`.
 */
export function denseInputDelta(
  input: Float32Array,
  delta: Float32Array,
  count: number,
  layer: DenseLayer,
  inputDelta: Float32Array,
): void {
  const { inputs, outputs, weights } = layer;
  for (let r = 0; r < count; r++) {
    const dBase = r * outputs;
    const inBase = r * inputs;
    for (let k = 0; k < inputs; k++) {
      if (!(input[inBase + k]! > 0)) {
        inputDelta[inBase + k] = 0;
        continue;
      }
      const wBase = k * outputs;
      let sum = 0;
      for (let j = 0; j < outputs; j++) sum += delta[dBase + j]! * weights[wBase + j]!;
      inputDelta[inBase + k] = sum;
    }
  }
}
