import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nonDecreasingFit } from '../../../simulator/service/nonDecreasingFit.ts';

describe('nonDecreasingFit', () => {
  it('leaves a non-decreasing sequence as it is', () => {
    assert.deepEqual(nonDecreasingFit([1, 2, 2, 5]), [1, 2, 2, 5]);
    assert.deepEqual(nonDecreasingFit([]), []);
  });

  it('pools each run that falls into its mean, joining runs until the whole is non-decreasing', () => {
    assert.deepEqual(nonDecreasingFit([1, 3, 2, 4]), [1, 2.5, 2.5, 4]);
    // 6, 2 pool to 4; then 4 > 3 pools again to 11/3; 5 stays above it.
    assert.deepEqual(nonDecreasingFit([1, 6, 2, 3, 5]), [1, 11 / 3, 11 / 3, 11 / 3, 5]);
    assert.deepEqual(nonDecreasingFit([4, 3, 2, 1]), [2.5, 2.5, 2.5, 2.5]);
  });

  it('fits as SciPy\'s isotonic_regression does (scipy.optimize.isotonic_regression, SciPy 1.17.1)', () => {
    // R's ?isoreg example input; SciPy printed [0.5, 0.5, 3, 3, 3, 3, 3, 3, 3].
    assert.deepEqual(nonDecreasingFit([1, 0, 4, 3, 3, 5, 4, 2, 0]), [0.5, 0.5, 3, 3, 3, 3, 3, 3, 3]);
    // A calibration's p95s (bench:fidelity, 1 replica, 03:00 UTC 2026-12-05); SciPy printed
    // [58.53, 85.39666666666666 (×3), 131.70999999999998 (×2)].
    const fitted = nonDecreasingFit([58.53, 93.69, 90.56, 71.94, 169.6, 93.82]);
    const scipy = [58.53, 85.39666666666666, 85.39666666666666, 85.39666666666666, 131.70999999999998, 131.70999999999998];
    fitted.forEach((value, i) => assert.ok(Math.abs(value - scipy[i]!) < 1e-9, `${i}: ${value} vs ${scipy[i]}`));
  });
});
