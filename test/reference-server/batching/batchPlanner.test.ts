import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planDispatch, type BatchPolicy } from '../../../reference-server/batching/batchPlanner.ts';

const policy: BatchPolicy = { batching: true, maxBatchSize: 8, maxQueueDelayMs: 5 };
const queued = (...rows: number[]) => rows.map((r, i) => ({ rows: r, enqueuedAtMs: 100 + i }));

describe('planDispatch', () => {
  it('is idle on an empty queue', () => {
    assert.deepEqual(planDispatch([], policy, 0), { kind: 'idle' });
  });

  it('waits exactly the rest of the oldest request\'s delay while the batch is not full', () => {
    assert.deepEqual(planDispatch(queued(1, 2), policy, 102), { kind: 'wait', delayMs: 3 });
  });

  it('dispatches what is queued once the oldest request has waited the maximum delay', () => {
    assert.deepEqual(planDispatch(queued(1, 2), policy, 105), { kind: 'dispatch', requests: 2, rows: 3 });
  });

  it('dispatches at once when the rows fill the batch exactly', () => {
    assert.deepEqual(planDispatch(queued(4, 4, 1), policy, 100), { kind: 'dispatch', requests: 2, rows: 8 });
  });

  it('dispatches at once when the next request would not fit, leaving it for the next batch', () => {
    assert.deepEqual(planDispatch(queued(3, 4, 2), policy, 100), { kind: 'dispatch', requests: 2, rows: 7 });
  });

  it('takes requests in arrival order, never skipping ahead to fill a batch', () => {
    assert.deepEqual(planDispatch(queued(6, 5, 2), policy, 100), { kind: 'dispatch', requests: 1, rows: 6 });
  });

  it('with batching off dispatches the oldest request alone, without waiting', () => {
    assert.deepEqual(planDispatch(queued(3, 1), { ...policy, batching: false }, 100), { kind: 'dispatch', requests: 1, rows: 3 });
  });

  it('with a zero delay dispatches a partial batch immediately', () => {
    assert.deepEqual(planDispatch(queued(1), { ...policy, maxQueueDelayMs: 0 }, 100), { kind: 'dispatch', requests: 1, rows: 1 });
  });
});
