import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMlp, forwardMlp } from '../../models/mlp.ts';
import { mlpToOnnx } from '../../models/mlpToOnnx.ts';
import { maxAbsDifference } from '../../models/classificationMetrics.ts';
import { runOnnxModel } from '../../models/onnxRuntimeRunner.ts';
import { createRng } from '../../common/prng.ts';

describe('runOnnxModel', () => {
  it('runs all rows through the model in batches, in order', async () => {
    const mlp = createMlp([6, 5, 4], createRng(2));
    const rng = createRng(3);
    const rows = Float32Array.from({ length: 7 * 6 }, () => rng.next());
    const probabilities = await runOnnxModel(mlpToOnnx(mlp, { graphName: 'g', description: 'd' }), rows, 7, 3);
    assert.equal(probabilities.length, 7 * 4);
    assert.ok(maxAbsDifference(probabilities, forwardMlp(mlp, rows, 7)) < 1e-6);
  });
});
