import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sendsPerSecond, shardSchedule, traceSchedule } from '../../../harness/drive/traceSchedule.ts';

const rates = (...perSecond: number[]) => ({ arrivals: Float64Array.from(perSecond) });

describe('traceSchedule', () => {
  it('spaces a rate trace evenly within each second with constant arrivals', () => {
    assert.deepEqual([...traceSchedule(rates(2, 0, 4), 'constant', 1)], [0, 500, 2000, 2250, 2500, 2750]);
  });

  it('carries a fractional rate over, so the total is never less than the trace asks for', () => {
    const schedule = traceSchedule(rates(2.5, 2.5, 2.5, 2.5), 'constant', 1);
    assert.deepEqual(sendsPerSecond(schedule, 4000), [3, 2, 3, 2]);
    assert.equal(traceSchedule(rates(0.1, 0.1, 0.1), 'constant', 1).length, 1); // 0.3 expected: one request, not none
  });

  it('keeps each second\'s count with Poisson arrivals, at seeded times inside the second', () => {
    const a = traceSchedule(rates(5, 10, 5), 'poisson', 7);
    assert.equal(a.length, 20);
    assert.deepEqual(sendsPerSecond(a, 3000), [5, 10, 5]);
    assert.deepEqual([...a], [...a].sort((x, y) => x - y));
    assert.deepEqual(a, traceSchedule(rates(5, 10, 5), 'poisson', 7));
    assert.notDeepEqual(a, traceSchedule(rates(5, 10, 5), 'poisson', 8));
  });

  it('replays an arrival log as logged', () => {
    const log = { arrivals: Float64Array.from([2, 1]), arrivalOffsets: Float64Array.from([0.25, 0.5, 1.75]) };
    assert.deepEqual([...traceSchedule(log, 'poisson', 1)], [250, 500, 1750]);
  });
});

describe('shardSchedule', () => {
  it('deals every request to exactly one shard, one of each block of n to each', () => {
    const whole = traceSchedule(rates(7, 3, 11, 0, 2), 'poisson', 3);
    const parts = [1, 2, 3].map((index) => shardSchedule(whole, { index, count: 3 }, 3));
    assert.deepEqual(parts.map((part) => part.length), [8, 8, 7]);
    assert.deepEqual(parts.flatMap((part) => [...part]).sort((x, y) => x - y), [...whole]);
    assert.deepEqual(shardSchedule(whole, { index: 2, count: 3 }, 3), parts[1]); // every shard deals alike
    assert.notDeepEqual(shardSchedule(whole, { index: 2, count: 3 }, 4), parts[1]); // seeded
    assert.equal(shardSchedule(whole, { index: 1, count: 1 }, 3), whole);
  });
});
