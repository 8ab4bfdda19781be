// mnist-wide: the compute-heavy model, 784→2048→2048→10 (about 5.8 M multiply-adds per row, so that
// inference dominates the cost of an HTTP request). The two hidden layers keep their seeded He
// initialisation (random features); only the 2048→10 readout is trained, on features of 2,000
// train digits, which keeps the build within seconds while giving about 90 % test accuracy.

import { denseForward, reluInPlace } from './denseKernels.ts';
import { selectRows } from './labelledRows.ts';
import { createDenseLayer, type DenseLayer, type Mlp } from './mlp.ts';
import type { ModelRecipe } from './modelRecipe.ts';
import { createRng } from './prng.ts';
import { trainMlp } from './trainMlp.ts';

const seed = 2;
const epochs = 10;
const batchSize = 64;
const learningRate = 3e-3;
/** Computing 2048-wide features in TypeScript costs ~2.5 ms a row: a subset keeps the build short. */
const readoutTrainRows = 2000;

/** ReLU activations of the fixed hidden layers for `count` rows. */
function hiddenFeatures(layers: readonly DenseLayer[], rows: Float32Array, count: number): Float32Array {
  let activations = rows;
  for (const layer of layers) {
    const output = new Float32Array(count * layer.outputs);
    denseForward(activations, count, layer, output);
    reluInPlace(output);
    activations = output;
  }
  return activations;
}

/** The recipe of mnist-wide. */
export const mnistWideRecipe: ModelRecipe = {
  name: 'mnist-wide',
  description:
    'MNIST digit classifier, MLP 784-2048-2048-10 (ReLU, softmax): fixed random hidden layers, readout trained in TypeScript; compute-heavy on purpose',
  seed,
  layers: [784, 2048, 2048, 10],
  train(train, options = {}) {
    const rng = createRng(seed);
    const hidden = [createDenseLayer(784, 2048, rng), createDenseLayer(2048, 2048, rng)];
    const readout: Mlp = { layers: [createDenseLayer(2048, 10, rng)] };
    const subset = selectRows(train, Array.from({ length: Math.min(readoutTrainRows, train.count) }, (_, i) => i));
    const features = hiddenFeatures(hidden, subset.rows, subset.count);
    const runEpochs = options.epochs ?? epochs;
    trainMlp(readout, { rows: features, labels: subset.labels, count: subset.count }, {
      epochs: runEpochs,
      batchSize,
      learningRate,
      finalLearningRate: learningRate / 100,
      seed: seed + 1,
    });
    return {
      mlp: { layers: [...hidden, ...readout.layers] },
      training: {
        method: 'hidden layers fixed at their seeded He-normal initialisation; readout trained with minibatch Adam on softmax cross-entropy',
        trainRows: subset.count,
        epochs: runEpochs,
        batchSize,
        learningRate,
        augmentation: null,
      },
    };
  },
};
