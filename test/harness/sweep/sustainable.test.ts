import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSustainable } from '../../../harness/sweep/sustainable.ts';
import { kneeOf } from '../../../harness/sweep/knee.ts';

const level = { offeredRate: 400, throughput: 396, dropped: 0, errorRate: 0, p99: 20 };

describe('isSustainable', () => {
  it('needs throughput ≥ 99 % of offered, nothing dropped and p99 within budget', () => {
    assert.deepEqual(
      [
        level,
        { ...level, throughput: 395.9 },
        { ...level, dropped: 1 },
        { ...level, p99: 25.001 },
        { ...level, p99: null },
        { ...level, offeredRate: null, errorRate: 0.01 },
        { ...level, offeredRate: null, errorRate: 0.0101 },
      ].map((figures) => isSustainable(figures, 25)),
      [true, false, false, false, false, true, false],
    );
  });
});

describe('kneeOf', () => {
  it('is the highest sustainable level; a point without a verdict (older file) falls back to its p99', () => {
    const points = [
      { level: 1, throughput: 100, p99: 5, sustainable: true },
      { level: 2, throughput: 190, p99: 8, sustainable: true },
      { level: 3, throughput: 200, p99: 9, sustainable: false },
    ];
    assert.equal(kneeOf(points, 10)?.level, 2);
    assert.equal(kneeOf(points.map(({ sustainable: _s, ...rest }) => rest), 10)?.level, 3);
    assert.equal(kneeOf([{ level: 1, throughput: 1, p99: 11 }], 10), undefined);
  });
});
