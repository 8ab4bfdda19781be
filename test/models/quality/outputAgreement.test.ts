import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { argmaxOfRows, classAgreement, matchShare, valueAgreement } from '../../../models/quality/outputAgreement.ts';

describe('classAgreement', () => {
  it('counts the rows whose top class is the same, and the rows matching the labels', () => {
    // 4 rows × 3 classes: the candidate moves row 1's top class from 0 to 2 and row 3's from 1 to 0.
    const reference = [0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.2, 0.2, 0.6, 0.3, 0.4, 0.3];
    const candidate = [0.3, 0.2, 0.5, 0.1, 0.8, 0.1, 0.2, 0.2, 0.6, 0.5, 0.4, 0.1];
    assert.deepEqual(classAgreement(reference, candidate, 4, 3), { agreement: 0.5, accuracy: null });
    assert.deepEqual(classAgreement(reference, candidate, 4, 3, [2, 1, 2, 1]), { agreement: 0.5, accuracy: 0.75 });
  });

  it('takes the first of tied scores, and agrees fully on no rows', () => {
    assert.deepEqual([...argmaxOfRows([1, 1, 0, 0, 2, 2], 2, 3)], [0, 1]);
    assert.deepEqual(classAgreement([], [], 0, 10), { agreement: 1, accuracy: null });
    assert.equal(matchShare([1, 2, 3], [1, 0, 3]), 2 / 3);
  });

  it('refuses outputs of another size', () => {
    assert.throws(() => classAgreement([1, 2], [1, 2, 3], 1, 2), RangeError);
  });
});

describe('valueAgreement', () => {
  it('gives the max absolute error, the mean relative error and the cosine, computed by hand', () => {
    // errors [0.5, 1, 0, 0.5], relative [0.25, 0.5, 0, 0.25]; r·c = 30, |r|² = 28, |c|² = 33.5.
    assert.deepEqual(valueAgreement([2, 2, 4, 2], [2.5, 3, 4, 1.5]), { maxAbsError: 1, meanRelError: 0.25, cosine: 30 / (Math.sqrt(28) * Math.sqrt(33.5)) });
  });

  it('leaves zero references out of the relative error but not the max, and names the all-zero cases', () => {
    assert.deepEqual(valueAgreement([0, 4], [3, 5]), { maxAbsError: 3, meanRelError: 0.25, cosine: 20 / (4 * Math.sqrt(34)) });
    assert.deepEqual(valueAgreement([0, 0], [0, 0]), { maxAbsError: 0, meanRelError: null, cosine: 1 });
    assert.deepEqual(valueAgreement([0, 0], [1, 0]), { maxAbsError: 1, meanRelError: null, cosine: 0 });
    assert.equal(valueAgreement([3, 4], [-3, -4]).cosine, -1);
  });
});
