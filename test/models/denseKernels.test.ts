import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { denseForward, denseInputDelta, denseWeightGradients, reluInPlace, softmaxRowsInPlace } from '../../models/denseKernels.ts';
import type { DenseLayer } from '../../models/mlp.ts';

// W = [[1, 2, 3], [4, 5, 6]] (2 inputs → 3 outputs), bias [0.5, 0, -1].
const layer: DenseLayer = { inputs: 2, outputs: 3, weights: Float32Array.of(1, 2, 3, 4, 5, 6), bias: Float32Array.of(0.5, 0, -1) };
const input = Float32Array.of(1, 0, 2, -1);
const delta = Float32Array.of(1, 0, 1, 0, 1, 2);

describe('denseForward', () => {
  it('computes input · W + bias row by row', () => {
    const output = new Float32Array(6);
    denseForward(input, 2, layer, output);
    assert.deepEqual([...output], [1.5, 2, 2, -1.5, -1, -1]);
  });

  it('handles widths that are not a multiple of the unrolling (8)', () => {
    const wide: DenseLayer = { inputs: 1, outputs: 11, weights: Float32Array.from({ length: 11 }, (_, i) => i), bias: new Float32Array(11) };
    const output = new Float32Array(11);
    denseForward(Float32Array.of(2), 1, wide, output);
    assert.deepEqual([...output], [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
  });
});

describe('reluInPlace', () => {
  it('zeroes negative values', () => {
    const values = Float32Array.of(-1, 0, 2, -0.5);
    reluInPlace(values);
    assert.deepEqual([...values], [0, 0, 2, 0]);
  });
});

describe('softmaxRowsInPlace', () => {
  it('normalises each row and returns the summed cross-entropy of the labels', () => {
    const values = Float32Array.of(0, 0, 1000, 1000);
    const loss = softmaxRowsInPlace(values, 2, 2, Uint8Array.of(0, 1));
    assert.deepEqual([...values], [0.5, 0.5, 0.5, 0.5]);
    assert.ok(Math.abs(loss - 2 * Math.log(2)) < 1e-12);
  });

  it('returns 0 loss without labels', () => {
    assert.equal(softmaxRowsInPlace(Float32Array.of(1, 2), 1, 2), 0);
  });
});

describe('denseWeightGradients', () => {
  it('computes inputᵀ · delta and the column sums of delta', () => {
    const gradWeights = new Float32Array(6).fill(99);
    const gradBias = new Float32Array(3).fill(99);
    denseWeightGradients(input, delta, 2, layer, gradWeights, gradBias);
    assert.deepEqual([...gradWeights], [1, 2, 5, 0, -1, -2]);
    assert.deepEqual([...gradBias], [1, 1, 3]);
  });
});

describe('denseInputDelta', () => {
  it('computes delta · Wᵀ where the input was positive, 0 elsewhere', () => {
    const inputDelta = new Float32Array(4).fill(99);
    denseInputDelta(input, delta, 2, layer, inputDelta);
    assert.deepEqual([...inputDelta], [4, 0, 8, 0]);
  });
});
