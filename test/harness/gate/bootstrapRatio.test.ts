import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bootstrapMedianRatio, pooledMedian, ratioOf } from '../../../harness/gate/bootstrapRatio.ts';

const options = { confidence: 0.95, resamples: 1000, seed: 42 };

describe('bootstrapMedianRatio', () => {
  it('gives the exact ratio, with a zero-width interval, when every sample is the same', () => {
    assert.deepEqual(bootstrapMedianRatio([[2, 2, 2]], [[3, 3], [3]], options), { ratio: 1.5, low: 1.5, high: 1.5 });
  });

  it('brackets the ratio of the medians, and is reproducible for a seed', () => {
    const baseline = [[9, 10, 11, 10, 12, 8, 10, 11, 9, 10]];
    const current = [[13, 12, 14, 13, 15, 11, 13, 14, 12, 13]];
    const interval = bootstrapMedianRatio(baseline, current, options);
    assert.equal(interval.ratio, 1.3);
    assert.ok(interval.low <= interval.ratio && interval.ratio <= interval.high, JSON.stringify(interval));
    assert.ok(interval.low > 1, JSON.stringify(interval));
    assert.deepEqual(bootstrapMedianRatio(baseline, current, options), interval);
  });

  it('keeps each stratum its size, so the mix of phases is that of the run', () => {
    // Stratum sizes fix the pooled median: 3 slow seconds never outnumber 4 fast ones in a resample.
    const interval = bootstrapMedianRatio([[1, 1, 1, 1], [5, 5, 5]], [[2, 2, 2, 2], [10, 10, 10]], options);
    assert.deepEqual(interval, { ratio: 2, low: 2, high: 2 });
  });
});

describe('pooledMedian and ratioOf', () => {
  it('take the median over all strata, NaN when empty', () => {
    assert.equal(pooledMedian([[1, 5], [3]]), 3);
    assert.ok(Number.isNaN(pooledMedian([[], []])));
  });

  it('stay finite when the baseline is zero', () => {
    assert.deepEqual([ratioOf(3, 2), ratioOf(0, 0), ratioOf(1, 0)], [1.5, 1, Number.MAX_VALUE]);
  });
});
