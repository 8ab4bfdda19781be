import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nearestRank, ServedRecorder } from '../../../harness/fidelity/servedRecorder.ts';

describe('nearestRank', () => {
  it('is the value at rank ⌈p/100 · n⌉, null for no values', () => {
    const hundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(nearestRank(hundred, 95), 95);
    assert.equal(nearestRank(hundred, 50), 50);
    assert.equal(nearestRank([5, 10], 50), 5);
    assert.equal(nearestRank([5, 10], 95), 10);
    assert.equal(nearestRank([7], 0), 7);
    assert.equal(nearestRank([], 50), null);
  });
});

describe('ServedRecorder', () => {
  it('counts served requests and 429/503 answers by second of completion from the origin, latency from the intended send', () => {
    const recorder = new ServedRecorder(1000);
    const outcomes = [
      { intendedMs: 1000, sentMs: 1000, doneMs: 1005, status: 200 },
      { intendedMs: 1500, sentMs: 1500, doneMs: 1510, status: 200 },
      { intendedMs: 1900, sentMs: 1900, doneMs: 2100, status: 200 },
      { intendedMs: 1200, sentMs: 1200, doneMs: 1201, status: 503, failure: 'status' as const },
      { intendedMs: 2500, sentMs: 2500, doneMs: 2501, status: 429, failure: 'status' as const },
      // Neither served nor rejected: a server error, a drop, a timeout.
      { intendedMs: 2600, sentMs: 2600, doneMs: 2700, status: 500, failure: 'status' as const },
      { intendedMs: 2700, dropped: true },
      { intendedMs: 2800, sentMs: 2800, doneMs: 7800, failure: 'timeout' as const },
      // Completed after the two seconds asked for: in the totals only.
      { intendedMs: 2900, sentMs: 2900, doneMs: 3100, status: 200 },
    ];
    for (const outcome of outcomes) recorder.record(outcome);
    assert.deepEqual(recorder.seconds(2), [
      { throughput: 2, rejected: 1, p50: 5, p95: 10, p99: 10 },
      { throughput: 1, rejected: 1, p50: 200, p95: 200, p99: 200 },
    ]);
    assert.deepEqual(recorder.totals(2), { throughput: 2, rejected: 2, p50: 10, p95: 200, p99: 200 });
  });

  it('reports empty seconds as no throughput and no percentile', () => {
    const recorder = new ServedRecorder(0);
    assert.deepEqual(recorder.seconds(1), [{ throughput: 0, rejected: 0, p50: null, p95: null, p99: null }]);
    assert.deepEqual(recorder.totals(1), { throughput: 0, rejected: 0, p50: null, p95: null, p99: null });
  });
});
