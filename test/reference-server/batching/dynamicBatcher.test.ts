import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DynamicBatcher, type DynamicBatcherOptions } from '../../../reference-server/batching/dynamicBatcher.ts';
import type { NamedTensor } from '../../../reference-server/inference/tensor.ts';

/** An executor that doubles its input and holds every batch until the test releases it. */
function heldExecutor() {
  const batches: number[] = [];
  const releases: (() => void)[] = [];
  const execute = async (inputs: readonly NamedTensor[]) => {
    const input = inputs[0]!;
    batches.push(input.shape[0]!);
    await new Promise<void>((resolve) => releases.push(resolve));
    return { outputs: [{ name: 'out', datatype: 'FP32' as const, shape: input.shape, data: (input.data as Float32Array).map((v) => v * 2) }] };
  };
  const releaseNext = async () => {
    while (releases.length === 0) await new Promise((resolve) => setImmediate(resolve));
    releases.shift()!();
  };
  return { batches, execute, releaseNext };
}

const rowsOf = (...values: number[]) => [{ name: 'in', datatype: 'FP32' as const, shape: [values.length, 1], data: Float32Array.from(values) }];

const options = (overrides: Partial<DynamicBatcherOptions> & Pick<DynamicBatcherOptions, 'execute'>): DynamicBatcherOptions => ({
  batching: true,
  maxBatchSize: 8,
  maxQueueDelayMs: 0,
  maxQueueSize: 100,
  queueTimeoutMs: 0,
  instances: 1,
  model: 'm',
  version: 'v',
  batchedInputs: [true],
  ...overrides,
});

describe('DynamicBatcher', () => {
  it('merges requests that queue while a batch runs, and gives each caller its own rows', async () => {
    const executor = heldExecutor();
    const batcher = new DynamicBatcher(options({ execute: executor.execute }));
    const first = batcher.submit(rowsOf(1), 1);
    const rest = [batcher.submit(rowsOf(2, 3), 2), batcher.submit(rowsOf(4), 1), batcher.submit(rowsOf(5, 6, 7), 3)];
    assert.equal(batcher.depth, 3);
    await executor.releaseNext();
    await executor.releaseNext();
    const results = await Promise.all([first, ...rest]);
    assert.deepEqual(executor.batches, [1, 6]);
    assert.deepEqual(results.map((r) => Array.from(r.outputs[0]!.data as Float32Array)), [[2], [4, 6], [8], [10, 12, 14]]);
    assert.deepEqual(results.map((r) => r.batchRows), [1, 6, 6, 6]);
  });

  it('sends one full batch ahead while the instance is busy, and holds a partial one until it is free', async () => {
    const executor = heldExecutor();
    const batcher = new DynamicBatcher(options({ execute: executor.execute, maxBatchSize: 2, maxQueueDelayMs: 0 }));
    const first = batcher.submit(rowsOf(1), 1);
    const full = [batcher.submit(rowsOf(2), 1), batcher.submit(rowsOf(3), 1)];
    const partial = batcher.submit(rowsOf(4), 1);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(executor.batches, [1, 2]);
    assert.equal(batcher.depth, 1);
    await executor.releaseNext();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(executor.batches, [1, 2], 'the partial batch waits while the batch sent ahead runs');
    await executor.releaseNext();
    await executor.releaseNext();
    await Promise.all([...full, partial]);
    assert.deepEqual(executor.batches, [1, 2, 1]);
  });

  it('never puts more than maxBatchSize rows in one batch', async () => {
    const executor = heldExecutor();
    const batcher = new DynamicBatcher(options({ execute: executor.execute, maxBatchSize: 4 }));
    const all = [batcher.submit(rowsOf(0), 1), ...[1, 2, 3, 4, 5].map((v) => batcher.submit(rowsOf(v, v), 2))];
    for (let i = 0; i < 4; i++) await executor.releaseNext();
    await Promise.all(all);
    assert.deepEqual(executor.batches, [1, 4, 4, 2]);
  });

  it('with batching off runs every request alone', async () => {
    const executor = heldExecutor();
    const batcher = new DynamicBatcher(options({ execute: executor.execute, batching: false }));
    const all = [batcher.submit(rowsOf(1), 1), batcher.submit(rowsOf(2), 1), batcher.submit(rowsOf(3, 4), 2)];
    for (let i = 0; i < 3; i++) await executor.releaseNext();
    await Promise.all(all);
    assert.deepEqual(executor.batches, [1, 1, 2]);
  });

  it('refuses at once with 503 and Retry-After when the queue is full', async () => {
    const executor = heldExecutor();
    const batcher = new DynamicBatcher(options({ execute: executor.execute, maxQueueSize: 2, model: 'mnist-mlp', version: 'fp32' }));
    const running = batcher.submit(rowsOf(1), 1);
    const queued = [batcher.submit(rowsOf(2), 1), batcher.submit(rowsOf(3), 1)];
    await assert.rejects(batcher.submit(rowsOf(4), 1), (error: { code: string; httpStatus: number; headers: Record<string, string> }) => {
      assert.equal(error.code, 'E_QUEUE_FULL');
      assert.equal(error.httpStatus, 503);
      assert.equal(error.headers['Retry-After'], '1');
      return true;
    });
    await executor.releaseNext();
    await executor.releaseNext();
    await Promise.all([running, ...queued]);
  });

  it('rejects a request that waited longer than its queue timeout, and runs the others', async () => {
    const executor = heldExecutor();
    const batcher = new DynamicBatcher(options({ execute: executor.execute }));
    const running = batcher.submit(rowsOf(1), 1);
    const impatient = batcher.submit(rowsOf(2), 1, 5);
    const patient = batcher.submit(rowsOf(3), 1);
    await assert.rejects(impatient, { code: 'E_QUEUE_TIMEOUT', httpStatus: 503 });
    await executor.releaseNext();
    await executor.releaseNext();
    assert.deepEqual(Array.from((await patient).outputs[0]!.data as Float32Array), [6]);
    await running;
    assert.deepEqual(executor.batches, [1, 1]);
  });

  it('whenIdle resolves only after queued and running work has finished', async () => {
    const executor = heldExecutor();
    const batcher = new DynamicBatcher(options({ execute: executor.execute }));
    const work = [batcher.submit(rowsOf(1), 1), batcher.submit(rowsOf(2), 1)];
    let idle = false;
    const idlePromise = batcher.whenIdle().then(() => (idle = true));
    await executor.releaseNext();
    assert.equal(idle, false);
    await executor.releaseNext();
    await idlePromise;
    await Promise.all(work);
    assert.equal(idle, true);
  });

  it('passes an execution failure to every caller of the batch', async () => {
    const batcher = new DynamicBatcher(options({ execute: async () => Promise.reject(new Error('boom')) }));
    await assert.rejects(batcher.submit(rowsOf(1), 1), /boom/);
  });
});
