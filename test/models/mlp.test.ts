import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMlp, forwardMlp, mlpSizes, type Mlp } from '../../models/mlp.ts';
import { createRng } from '../../common/prng.ts';

describe('createMlp', () => {
  it('creates one layer per pair of widths with He-normal weights and zero bias', () => {
    const mlp = createMlp([400, 300, 10], createRng(1));
    assert.deepEqual(mlpSizes(mlp), [400, 300, 10]);
    assert.deepEqual(mlp.layers.map((layer) => [layer.weights.length, layer.bias.length]), [
      [120_000, 300],
      [3000, 10],
    ]);
    const weights = mlp.layers[0]!.weights;
    const variance = weights.reduce((sum, w) => sum + w * w, 0) / weights.length;
    assert.ok(Math.abs(variance / (2 / 400) - 1) < 0.02, `variance ${variance}`);
    assert.ok(mlp.layers.every((layer) => layer.bias.every((b) => b === 0)));
  });

  it('is deterministic for a seed', () => {
    assert.deepEqual(createMlp([5, 4, 3], createRng(8)), createMlp([5, 4, 3], createRng(8)));
  });

  it('refuses fewer than two widths', () => {
    assert.throws(() => createMlp([5], createRng(1)), RangeError);
  });
});

describe('forwardMlp', () => {
  // 2 → 2 (ReLU) → 2 (softmax)
  const mlp: Mlp = {
    layers: [
      { inputs: 2, outputs: 2, weights: Float32Array.of(1, -1, 1, -1), bias: Float32Array.of(0, 0) },
      { inputs: 2, outputs: 2, weights: Float32Array.of(1, 0, 0, 1), bias: Float32Array.of(0, Math.log(3)) },
    ],
  };

  it('applies ReLU between layers and softmax at the end', () => {
    // Row [1, 1]: hidden [2, -2] → ReLU [2, 0] → logits [2, ln 3].
    const [p0, p1] = forwardMlp(mlp, Float32Array.of(1, 1), 1);
    assert.ok(Math.abs(p0! - Math.exp(2) / (Math.exp(2) + 3)) < 1e-7);
    assert.ok(Math.abs(p1! - 3 / (Math.exp(2) + 3)) < 1e-7);
  });

  it('returns logits when softmax is off', () => {
    assert.deepEqual([...forwardMlp(mlp, Float32Array.of(1, 1, -1, -1), 2, false)], [2, Math.fround(Math.log(3)), 0, Math.fround(2 + Math.log(3))]);
  });
});
