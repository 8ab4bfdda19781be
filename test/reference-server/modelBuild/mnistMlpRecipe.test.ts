import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accuracyOf } from '../../../reference-server/modelBuild/classificationMetrics.ts';
import { loadMnistSplits } from '../../../reference-server/modelBuild/mnistDigits.ts';
import { mnistMlpRecipe } from '../../../reference-server/modelBuild/mnistMlpRecipe.ts';
import { forwardMlp } from '../../../reference-server/modelBuild/mlp.ts';
import { mlpToOnnx } from '../../../reference-server/modelBuild/mlpToOnnx.ts';

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
