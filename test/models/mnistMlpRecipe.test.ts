import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accuracyOf } from '../../models/classificationMetrics.ts';
import { loadMnistSplits } from '../../models/mnistDigits.ts';
import { mnistMlpRecipe } from '../../models/mnistMlpRecipe.ts';
import { forwardMlp } from '../../models/mlp.ts';
import { mlpToOnnx } from '../../models/mlpToOnnx.ts';

describe('mnistMlpRecipe', () => {
  const { train, test } = loadMnistSplits();
  const build = () => mnistMlpRecipe.train(train, { epochs: 1 });

  it('is deterministic: the same seed gives a byte-identical ONNX file', async () => {
    const first = await build();
    const second = await build();
    const options = { graphName: 'mnist-mlp', description: mnistMlpRecipe.description };
    assert.deepEqual(mlpToOnnx(first.mlp, options), mlpToOnnx(second.mlp, options));
    assert.deepEqual(first.training, second.training);
  });

  it('already classifies most test digits after one epoch', async () => {
    const { mlp, training } = await build();
    assert.equal(training.epochs, 1);
    assert.equal(training.trainRows, 8000);
    assert.ok(accuracyOf(forwardMlp(mlp, test.rows, test.count), test.labels, 10) > 0.9);
  });
});
