// mnist-mlp: the small, accurate model. 784→256→10, trained end to end on the 8,000 train digits
// with Adam and ±1-pixel shifts; about 96.5 % on the test split in around 10 s on one core.

import { createMlp } from './mlp.ts';
import type { ModelRecipe } from './modelRecipe.ts';
import { createRng } from '../common/prng.ts';
import { randomShift } from './shiftAugmentation.ts';
import { trainMlp } from './trainMlp.ts';

const seed = 1;
const epochs = 10;
const batchSize = 64;
const learningRate = 2e-3;
const maxShift = 1;

/** The recipe of mnist-mlp. */
export const mnistMlpRecipe: ModelRecipe = {
  name: 'mnist-mlp',
  description: 'MNIST digit classifier, MLP 784-256-10 (ReLU, softmax), trained in TypeScript with Adam',
  seed,
  layers: [784, 256, 10],
  async train(train, options = {}) {
    const mlp = createMlp(this.layers, createRng(seed));
    const runEpochs = options.epochs ?? epochs;
    trainMlp(mlp, train, {
      epochs: runEpochs,
      batchSize,
      learningRate,
      finalLearningRate: learningRate / 100,
      seed: seed + 1,
      transformRow: randomShift(28, 28, maxShift),
    });
    return {
      mlp,
      training: {
        method: 'all layers trained with minibatch Adam on softmax cross-entropy, cosine learning-rate decay',
        trainRows: train.count,
        epochs: runEpochs,
        batchSize,
        learningRate,
        augmentation: `random shifts of up to ${maxShift} pixel in x and y`,
      },
    };
  },
};
