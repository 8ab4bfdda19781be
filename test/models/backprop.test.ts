import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBackpropScratch, createGradients, lossAndGradients } from '../../models/backprop.ts';
import { createMlp, forwardMlp } from '../../models/mlp.ts';
import { createRng } from '../../common/prng.ts';

describe('lossAndGradients', () => {
  const rng = createRng(21);
  const mlp = createMlp([4, 5, 3], rng);
  for (const layer of mlp.layers) for (let i = 0; i < layer.bias.length; i++) layer.bias[i] = rng.normal() * 0.1;
  const count = 6;
  const rows = Float32Array.from({ length: count * 4 }, () => rng.normal());
  const labels = Uint8Array.of(0, 1, 2, 2, 1, 0);
  const scratch = createBackpropScratch(mlp, count);
  const loss = () => lossAndGradients(mlp, rows, labels, count, createGradients(mlp), scratch);

  it('returns the mean cross-entropy of the softmax outputs', () => {
    const probabilities = forwardMlp(mlp, rows, count);
    let expected = 0;
    for (let r = 0; r < count; r++) expected -= Math.log(probabilities[r * 3 + labels[r]!]!);
    assert.ok(Math.abs(loss() - expected / count) < 1e-6);
  });

  it('matches central finite differences for every weight and bias', () => {
    const gradients = createGradients(mlp);
    lossAndGradients(mlp, rows, labels, count, gradients, scratch);
    const checks = mlp.layers.flatMap((layer, l) => [
      [layer.weights, gradients.weights[l]!],
      [layer.bias, gradients.bias[l]!],
    ]);
    let compared = 0;
    for (const [params, analytic] of checks) {
      for (let i = 0; i < params!.length; i++) {
        const original = params![i]!;
        const plus = Math.fround(original + 1e-2);
        const minus = Math.fround(original - 1e-2);
        params![i] = plus;
        const lossPlus = loss();
        params![i] = minus;
        const lossMinus = loss();
        params![i] = original;
        const numeric = (lossPlus - lossMinus) / (plus - minus);
        const error = Math.abs(numeric - analytic![i]!);
        assert.ok(error < 1e-3 + 1e-2 * Math.abs(numeric), `parameter ${i}: numeric ${numeric}, analytic ${analytic![i]}`);
        compared++;
      }
    }
    assert.equal(compared, 4 * 5 + 5 + 5 * 3 + 3);
  });

  it('refuses a batch larger than its scratch buffers', () => {
    assert.throws(() => lossAndGradients(mlp, rows, labels, count + 1, createGradients(mlp), scratch), RangeError);
  });
});
