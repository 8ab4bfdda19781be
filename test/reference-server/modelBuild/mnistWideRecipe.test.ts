import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { ensureModels } from '../../../reference-server/modelBuild/ensureModels.ts';
import { createDenseLayer, mlpSizes } from '../../../reference-server/modelBuild/mlp.ts';
import { loadMnistSplits } from '../../../reference-server/modelBuild/mnistDigits.ts';
import { mnistWideRecipe } from '../../../reference-server/modelBuild/mnistWideRecipe.ts';
import { mlpToOnnx } from '../../../reference-server/modelBuild/mlpToOnnx.ts';
import { defaultModelsDir, modelFilePath } from '../../../reference-server/modelBuild/modelsLayout.ts';
import { createRng } from '../../../reference-server/modelBuild/prng.ts';

describe('mnistWideRecipe', () => {
  it('keeps the seeded hidden layers, trains the readout, and rebuilds the built fp32 file byte for byte', async () => {
    await ensureModels(defaultModelsDir);
    const { mlp, training } = mnistWideRecipe.train(loadMnistSplits().train);
    assert.deepEqual(mlpSizes(mlp), [784, 2048, 2048, 10]);
    const rng = createRng(mnistWideRecipe.seed);
    assert.deepEqual(mlp.layers[0]!.weights, createDenseLayer(784, 2048, rng).weights);
    assert.deepEqual(mlp.layers[1]!.weights, createDenseLayer(2048, 2048, rng).weights);
    assert.notDeepEqual(mlp.layers[2]!.weights, createDenseLayer(2048, 10, rng).weights);
    assert.equal(training.trainRows, 2000);
    const bytes = mlpToOnnx(mlp, { graphName: 'mnist-wide', description: mnistWideRecipe.description });
    assert.deepEqual(bytes, new Uint8Array(await readFile(modelFilePath(defaultModelsDir, 'mnist-wide', 'fp32'))));
  });
});
