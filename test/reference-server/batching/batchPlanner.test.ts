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
    assert.deepEqual(planDispatch(queued(1, 2), policy, 105), { kind: 'dispatch', indices: [0, 1], rows: 3 });
  });

  it('dispatches at once when the rows fill the batch exactly', () => {
    assert.deepEqual(planDispatch(queued(4, 4, 1), policy, 100), { kind: 'dispatch', indices: [0, 1], rows: 8 });
  });

  it('dispatches at once when the next request would not fit, leaving it for the next batch', () => {
    assert.deepEqual(planDispatch(queued(3, 4, 2), policy, 100), { kind: 'dispatch', indices: [0, 1], rows: 7 });
  });

  it('takes requests in arrival order, never skipping ahead to fill a batch', () => {
    assert.deepEqual(planDispatch(queued(6, 5, 2), policy, 100), { kind: 'dispatch', indices: [0], rows: 6 });
  });

  it('with batching off dispatches the oldest request alone, without waiting', () => {
    assert.deepEqual(planDispatch(queued(3, 1), { ...policy, batching: false }, 100), { kind: 'dispatch', indices: [0], rows: 3 });
  });

  it('with a zero delay dispatches a partial batch immediately', () => {
    assert.deepEqual(planDispatch(queued(1), { ...policy, maxQueueDelayMs: 0 }, 100), { kind: 'dispatch', indices: [0], rows: 1 });
  });

  it('batches a request only with requests of its group, in arrival order, leaving other groups queued', () => {
    const queue = [
      { rows: 1, enqueuedAtMs: 100, group: 'a' },
      { rows: 2, enqueuedAtMs: 101, group: 'b' },
      { rows: 3, enqueuedAtMs: 102, group: 'a' },
    ];
    assert.deepEqual(planDispatch(queue, policy, 105), { kind: 'dispatch', indices: [0, 2], rows: 4 });
    assert.deepEqual(planDispatch(queue.slice(1), policy, 105), { kind: 'wait', delayMs: 1 });
  });

  it('dispatches a full group at once while an older group still waits for its delay', () => {
    const queue = [
      { rows: 1, enqueuedAtMs: 100, group: 'a' },
      { rows: 4, enqueuedAtMs: 100, group: 'b' },
      { rows: 4, enqueuedAtMs: 101, group: 'b' },
    ];
    assert.deepEqual(planDispatch(queue, policy, 101), { kind: 'dispatch', indices: [1, 2], rows: 8 });
  });

  it('cuts a batch at the largest preferred batch size the oldest requests add up to, without waiting', () => {
    const preferred = { ...policy, preferredBatchSizes: [2, 4] };
    assert.deepEqual(planDispatch(queued(1, 1, 2, 1), preferred, 100), { kind: 'dispatch', indices: [0, 1, 2], rows: 4 });
    assert.deepEqual(planDispatch(queued(1, 2), preferred, 100), { kind: 'wait', delayMs: 5 });
  });
});
