import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { ensureModels } from '../../models/ensureModels.ts';
import { createDenseLayer, mlpSizes } from '../../models/mlp.ts';
import { loadMnistSplits } from '../../models/mnistDigits.ts';
import { mnistWideRecipe } from '../../models/mnistWideRecipe.ts';
import { mlpToOnnx } from '../../models/mlpToOnnx.ts';
import { defaultModelsDir, modelFilePath } from '../../models/modelsLayout.ts';
import { createRng } from '../../common/prng.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('mnistWideRecipe', () => {
  it('keeps the seeded hidden layers, trains the readout, and rebuilds the built fp32 file byte for byte', async () => {
    await ensureModels(defaultModelsDir);
    const { mlp, training } = await mnistWideRecipe.train(loadMnistSplits().train);
    assert.deepEqual(mlpSizes(mlp), [784, 8192, 8192, 8192, 10]);
    const rng = createRng(mnistWideRecipe.seed);
    assert.ok(sha256(new Uint8Array(mlp.layers[0]!.weights.buffer)) === sha256(new Uint8Array(createDenseLayer(784, 8192, rng).weights.buffer)));
    assert.equal(training.trainRows, 2000);
    const bytes = mlpToOnnx(mlp, { graphName: 'mnist-wide', description: mnistWideRecipe.description });
    assert.equal(sha256(bytes), sha256(new Uint8Array(await readFile(modelFilePath(defaultModelsDir, 'mnist-wide', 'fp32')))));
  });
});
