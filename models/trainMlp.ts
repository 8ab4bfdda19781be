// Minibatch training of an MLP with Adam and a cosine learning-rate schedule, deterministic for a
// given seed: the same data, options and seed always give the same weights, bit for bit.

import { adamStep, createAdam } from './adam.ts';
import { createBackpropScratch, createGradients, lossAndGradients } from './backprop.ts';
import type { LabelledRows } from './labelledRows.ts';
import type { Mlp } from './mlp.ts';
import { createRng, permutation } from '../common/prng.ts';
import type { RowTransform } from './shiftAugmentation.ts';

/** How to train; every field has a value in the model specs, nothing is implicit. */
export interface TrainOptions {
  readonly epochs: number;
  readonly batchSize: number;
  /** Peak learning rate; it decays along a half cosine to `finalLearningRate` at the last step. */
  readonly learningRate: number;
  readonly finalLearningRate: number;
  /** Seeds the order in which rows are visited. */
  readonly seed: number;
  /** Applied to every row each time it is visited (augmentation); rows are copied as they are otherwise. */
  readonly transformRow?: RowTransform;
  /** Called after each epoch with its mean training loss. */
  readonly onEpoch?: (epoch: number, meanLoss: number) => void;
}

/** Trains `mlp` in place on `data` and returns the mean training loss of each epoch. */
export function trainMlp(mlp: Mlp, data: LabelledRows, options: TrainOptions): number[] {
  const { epochs, batchSize, learningRate, finalLearningRate, transformRow } = options;
  const width = mlp.layers[0]!.inputs;
  if (data.rows.length !== data.count * width) throw new RangeError(`rows must be ${width} features wide`);
  const rng = createRng(options.seed);
  const gradients = createGradients(mlp);
  const scratch = createBackpropScratch(mlp, batchSize);
  const adam = createAdam(mlp);
  const batchRows = new Float32Array(batchSize * width);
  const batchLabels = new Uint8Array(batchSize);
  const stepsPerEpoch = Math.ceil(data.count / batchSize);
  const totalSteps = epochs * stepsPerEpoch;
  const losses: number[] = [];

  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = permutation(data.count, rng);
    let lossSum = 0;
    for (let start = 0; start < data.count; start += batchSize) {
      const count = Math.min(batchSize, data.count - start);
      for (let i = 0; i < count; i++) {
        const source = order[start + i]!;
        const row = data.rows.subarray(source * width, (source + 1) * width);
        if (transformRow === undefined) batchRows.set(row, i * width);
        else transformRow(row, batchRows.subarray(i * width, (i + 1) * width), rng);
        batchLabels[i] = data.labels[source]!;
      }
      lossSum += lossAndGradients(mlp, batchRows, batchLabels, count, gradients, scratch) * count;
      const progress = adam.step / Math.max(1, totalSteps - 1);
      const rate = finalLearningRate + 0.5 * (learningRate - finalLearningRate) * (1 + Math.cos(Math.PI * progress));
      adamStep(adam, mlp, gradients, rate);
    }
    const meanLoss = lossSum / data.count;
    losses.push(meanLoss);
    options.onEpoch?.(epoch, meanLoss);
  }
  return losses;
}
