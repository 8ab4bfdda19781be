import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accuracyOf, argmaxAgreement, maxAbsDifference } from '../../models/classificationMetrics.ts';

const a = Float32Array.of(0.1, 0.7, 0.2, 0.5, 0.25, 0.25, 0.3, 0.3, 0.4);
const b = Float32Array.of(0.1, 0.6, 0.3, 0.2, 0.5, 0.3, 0.3, 0.3, 0.4);

describe('classification metrics', () => {
  it('accuracyOf is the fraction of rows whose argmax is the label', () => {
    assert.equal(accuracyOf(a, Uint8Array.of(1, 0, 0), 3), 2 / 3);
  });

  it('argmaxAgreement is the fraction of rows where two models agree', () => {
    assert.equal(argmaxAgreement(a, b, 3, 3), 2 / 3);
  });

  it('maxAbsDifference is the largest element-wise difference', () => {
    assert.equal(maxAbsDifference(a, b), Math.fround(0.5) - Math.fround(0.2));
    assert.throws(() => maxAbsDifference(a, b.subarray(1)), RangeError);
  });
});
