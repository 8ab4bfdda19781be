import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adamStep, createAdam } from '../../models/adam.ts';
import type { Mlp } from '../../models/mlp.ts';

describe('adamStep', () => {
  it('moves each parameter by about the learning rate against the sign of its gradient on the first step', () => {
    const mlp: Mlp = { layers: [{ inputs: 1, outputs: 2, weights: Float32Array.of(1, -1), bias: Float32Array.of(0, 0) }] };
    const state = createAdam(mlp);
    adamStep(state, mlp, { weights: [Float32Array.of(0.5, -3)], bias: [Float32Array.of(0, 2)] }, 0.1);
    assert.equal(state.step, 1);
    const [w0, w1] = mlp.layers[0]!.weights;
    const [b0, b1] = mlp.layers[0]!.bias;
    assert.ok(Math.abs(w0! - 0.9) < 1e-6, String(w0));
    assert.ok(Math.abs(w1! - -0.9) < 1e-6, String(w1));
    assert.equal(b0, 0);
    assert.ok(Math.abs(b1! - -0.1) < 1e-6, String(b1));
  });
});
