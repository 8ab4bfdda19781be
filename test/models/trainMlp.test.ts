import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LabelledRows } from '../../models/labelledRows.ts';
import { createMlp, forwardMlp } from '../../models/mlp.ts';
import { accuracyOf } from '../../models/classificationMetrics.ts';
import { createRng } from '../../common/prng.ts';
import { trainMlp, type TrainOptions } from '../../models/trainMlp.ts';

/** Three Gaussian blobs in 6 dimensions, centred 4 apart along different axes. */
function blobs(count: number, seed: number): LabelledRows {
  const rng = createRng(seed);
  const rows = new Float32Array(count * 6);
  const labels = new Uint8Array(count);
  for (let r = 0; r < count; r++) {
    const label = r % 3;
    labels[r] = label;
    for (let j = 0; j < 6; j++) rows[r * 6 + j] = rng.normal() + (j === label * 2 ? 4 : 0);
  }
  return { rows, labels, count };
}

const options: TrainOptions = { epochs: 8, batchSize: 16, learningRate: 1e-2, finalLearningRate: 1e-3, seed: 5 };

describe('trainMlp', () => {
  it('decreases the training loss and learns a separable problem', () => {
    const data = blobs(300, 1);
    const mlp = createMlp([6, 16, 3], createRng(2));
    const losses = trainMlp(mlp, data, options);
    assert.equal(losses.length, 8);
    assert.ok(losses[7]! < losses[0]! * 0.7, `losses ${losses.join(', ')}`);
    const test = blobs(300, 99);
    assert.ok(accuracyOf(forwardMlp(mlp, test.rows, test.count), test.labels, 3) > 0.95);
  });

  it('gives bit-identical weights for the same seeds', () => {
    const data = blobs(100, 3);
    const train = () => {
      const mlp = createMlp([6, 8, 3], createRng(4));
      trainMlp(mlp, data, options);
      return mlp.layers.map((layer) => [layer.weights, layer.bias]);
    };
    assert.deepEqual(train(), train());
  });

  it('reports each epoch to onEpoch', () => {
    const seen: number[] = [];
    trainMlp(createMlp([6, 4, 3], createRng(1)), blobs(30, 1), { ...options, epochs: 3, onEpoch: (epoch) => seen.push(epoch) });
    assert.deepEqual(seen, [0, 1, 2]);
  });
});
