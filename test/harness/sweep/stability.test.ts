import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStable } from '../../../harness/sweep/stability.ts';
import { kneeOf } from '../../../harness/sweep/knee.ts';

describe('isStable', () => {
  it('needs the last three windows within ±10 % of their mean on throughput and p95', () => {
    assert.equal(isStable([{ throughput: 100, p95: 10 }, { throughput: 105, p95: 10.5 }]), false);
    assert.equal(isStable([{ throughput: 50, p95: 99 }, { throughput: 100, p95: 10 }, { throughput: 105, p95: 10.5 }, { throughput: 95, p95: 9.6 }]), true);
    assert.equal(isStable([{ throughput: 100, p95: 10 }, { throughput: 100, p95: 10 }, { throughput: 130, p95: 10 }]), false);
    assert.equal(isStable([{ throughput: 100, p95: 10 }, { throughput: 100, p95: 10 }, { throughput: 100, p95: 13 }]), false);
    assert.equal(isStable([{ throughput: 0, p95: null }, { throughput: 0, p95: null }, { throughput: 0, p95: null }]), false);
  });
});

describe('kneeOf', () => {
  it('is the highest throughput whose p99 is within the budget', () => {
    const points = [
      { level: 1, throughput: 100, p99: 5 },
      { level: 2, throughput: 190, p99: 9 },
      { level: 4, throughput: 260, p99: 30 },
      { level: 8, throughput: 270, p99: 80 },
    ];
    assert.equal(kneeOf(points, 50)?.level, 4);
    assert.equal(kneeOf(points, 100)?.level, 8);
    assert.equal(kneeOf(points, 1), undefined);
  });
});
