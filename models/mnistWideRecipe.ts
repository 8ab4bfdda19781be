// mnist-wide: the compute-heavy model, 784→8192→8192→8192→10 (about 141 M multiply-adds per row, a
// 563 MB fp32 file, the scale of a BERT-base). It is this heavy so that inference, not HTTP, dominates a
// request on the reference server: measured on the 2-core machine, one HTTP request costs ~0.6 ms of CPU
// (server and load generator together), one row of this model ~3.5 ms of CPU at batch 32, so batching,
// quantization and caching effects show in load tests. The hidden layers keep their seeded He
// initialisation (random features); only the 8192→10 readout is trained, on features of 2,000 train
// digits computed with ONNX Runtime, which keeps the build within seconds.

import { selectRows } from './labelledRows.ts';
import { createDenseLayer, type Mlp } from './mlp.ts';
import { mlpToOnnx } from './mlpToOnnx.ts';
import type { ModelRecipe } from './modelRecipe.ts';
import { runOnnxModel } from './onnxRuntimeRunner.ts';
import { createRng } from '../common/prng.ts';
import { trainMlp } from './trainMlp.ts';

const seed = 2;
const epochs = 10;
const batchSize = 64;
const learningRate = 3e-3;
const width = 8192;
const readoutTrainRows = 2000;

/** The widths of mnist-wide, input first. */
export const mnistWideLayers = [784, width, width, width, 10] as const;

/** ReLU activations of the fixed hidden layers for `count` rows, computed by ONNX Runtime. */
async function hiddenFeatures(hidden: Mlp, rows: Float32Array, count: number): Promise<Float32Array> {
  const featureModel = mlpToOnnx(hidden, { graphName: 'mnist-wide-features', description: 'hidden layers of mnist-wide', finalActivation: 'relu' });
  return runOnnxModel(featureModel, rows, count, 250);
}

/** The recipe of mnist-wide. */
export const mnistWideRecipe: ModelRecipe = {
  name: 'mnist-wide',
  description:
    'MNIST digit classifier, MLP 784-8192-8192-8192-10 (ReLU, softmax): fixed random hidden layers, readout trained in TypeScript; compute-heavy on purpose',
  seed,
  layers: mnistWideLayers,
  async train(train, options = {}) {
    const rng = createRng(seed);
    const hidden: Mlp = { layers: mnistWideLayers.slice(1, -1).map((outputs, i) => createDenseLayer(mnistWideLayers[i]!, outputs, rng)) };
    const readout: Mlp = { layers: [createDenseLayer(width, 10, rng)] };
    const subset = selectRows(train, Array.from({ length: Math.min(readoutTrainRows, train.count) }, (_, i) => i));
    const features = await hiddenFeatures(hidden, subset.rows, subset.count);
    const runEpochs = options.epochs ?? epochs;
    trainMlp(readout, { rows: features, labels: subset.labels, count: subset.count }, {
      epochs: runEpochs,
      batchSize,
      learningRate,
      finalLearningRate: learningRate / 100,
      seed: seed + 1,
    });
    return {
      mlp: { layers: [...hidden.layers, ...readout.layers] },
      training: {
        method: 'hidden layers fixed at their seeded He-normal initialisation; readout trained with minibatch Adam on softmax cross-entropy over features computed by ONNX Runtime',
        trainRows: subset.count,
        epochs: runEpochs,
        batchSize,
        learningRate,
        augmentation: null,
      },
    };
  },
};
