// The per-model-version request queue: admits requests into a bounded queue, forms batches as
// planDispatch decides, runs them on a limited number of model instances and hands each caller its rows.

import { queueFull, queueTimeout } from '../../common/errors.ts';
import type { NamedTensor } from '../inference/tensor.ts';
import { planDispatch, type BatchPolicy } from './batchPlanner.ts';
import { concatRows, splitRows } from './rowTensors.ts';

/**
 * Runs one batch through the model: inputs with `rows` rows in, outputs with as many rows out, and the
 * time the model itself took when the executor knows it (a batch sent ahead waits before it runs).
 */
export type BatchExecutor = (inputs: readonly NamedTensor[]) => Promise<{ readonly outputs: NamedTensor[]; readonly inferMs?: number }>;

export interface BatchObserver {
  /** A batch of `rows` rows from `requests` requests took `inferMs` in the model. */
  batchExecuted(rows: number, requests: number, inferMs: number): void;
  queueDepthChanged(depth: number): void;
}

export interface DynamicBatcherOptions extends BatchPolicy {
  /** Most requests waiting (not yet dispatched); a full queue refuses at once. */
  readonly maxQueueSize: number;
  /** 0: no limit on the time a request may wait in the queue. */
  readonly queueTimeoutMs: number;
  /** Batches that may run at the same time. */
  readonly instances: number;
  readonly model: string;
  readonly version: string;
  readonly execute: BatchExecutor;
  /** Per input, whether it is split by rows (concatenated across a batch) or equal across it. */
  readonly batchedInputs: readonly boolean[];
  readonly observer?: BatchObserver;
  /** Monotonic milliseconds; injectable for tests. */
  readonly now?: () => number;
}

export interface BatchedResult {
  readonly outputs: NamedTensor[];
  readonly queueMs: number;
  readonly inferMs: number;
  /** Rows in the batch this request ran in. */
  readonly batchRows: number;
}

interface Pending {
  readonly inputs: readonly NamedTensor[];
  readonly rows: number;
  readonly group: string | undefined;
  readonly enqueuedAtMs: number;
  readonly resolve: (result: BatchedResult) => void;
  readonly reject: (error: unknown) => void;
  timeout?: NodeJS.Timeout;
}

/** Removes the entries at `indices` (ascending) from `queue` and returns them, in order. */
function takeIndices<T>(queue: T[], indices: readonly number[]): T[] {
  if (indices.length === indices[indices.length - 1]! + 1) return queue.splice(0, indices.length);
  const taken = indices.map((index) => queue[index]!);
  for (let i = indices.length - 1; i >= 0; i--) queue.splice(indices[i]!, 1);
  return taken;
}

export class DynamicBatcher {
  readonly #options: DynamicBatcherOptions;
  readonly #now: () => number;
  readonly #queue: Pending[] = [];
  #running = 0;
  #timer: NodeJS.Timeout | undefined;
  #idleWaiters: (() => void)[] = [];

  constructor(options: DynamicBatcherOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Requests waiting to be dispatched. */
  get depth(): number {
    return this.#queue.length;
  }

  /**
   * Queues a request of `rows` rows, batched only with requests of the same `group` (batchGroup.ts);
   * rejects at once with E_QUEUE_FULL when the queue is full.
   */
  submit(inputs: readonly NamedTensor[], rows: number, queueTimeoutMs = this.#options.queueTimeoutMs, group?: string): Promise<BatchedResult> {
    if (this.#queue.length >= this.#options.maxQueueSize) {
      return Promise.reject(queueFull(this.#options.model, this.#options.version, 1));
    }
    return new Promise<BatchedResult>((resolve, reject) => {
      const pending: Pending = { inputs, rows, group, enqueuedAtMs: this.#now(), resolve, reject };
      if (queueTimeoutMs > 0) pending.timeout = setTimeout(() => this.#expire(pending, queueTimeoutMs), queueTimeoutMs);
      this.#queue.push(pending);
      this.#options.observer?.queueDepthChanged(this.#queue.length);
      this.#pump();
    });
  }

  /** Resolves once nothing is queued or running (for draining at shutdown). */
  whenIdle(): Promise<void> {
    if (this.#queue.length === 0 && this.#running === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #expire(pending: Pending, timeoutMs: number): void {
    const index = this.#queue.indexOf(pending);
    if (index < 0) return;
    this.#queue.splice(index, 1);
    this.#options.observer?.queueDepthChanged(this.#queue.length);
    pending.reject(queueTimeout(timeoutMs));
    this.#notifyIfIdle();
  }

  /**
   * Dispatches while an instance is free; and, while every instance is busy, one full batch ahead per
   * instance, which waits in the instance's worker and starts the moment the running batch ends. Without
   * it the session idles between batches for a round trip through the event loop (the int8 model's worker
   * thread was idle 9 % of the time at 64 connections, profiled). Partial batches still wait for a free
   * instance, where they can grow.
   */
  #pump(): void {
    const { instances, maxBatchSize } = this.#options;
    while (this.#running < 2 * instances) {
      const decision = planDispatch(this.#queue, this.#options, this.#now());
      if (decision.kind === 'idle') return;
      const ahead = this.#running >= instances;
      if (ahead && (decision.kind !== 'dispatch' || decision.rows < maxBatchSize)) return;
      if (decision.kind === 'wait') {
        if (this.#timer === undefined) {
          // Timers are coarse (~1 ms); planning again on wake-up re-checks the real elapsed time.
          this.#timer = setTimeout(() => {
            this.#timer = undefined;
            this.#pump();
          }, Math.max(1, Math.ceil(decision.delayMs)));
        }
        return;
      }
      if (this.#timer !== undefined) {
        clearTimeout(this.#timer);
        this.#timer = undefined;
      }
      const batch = takeIndices(this.#queue, decision.indices);
      this.#options.observer?.queueDepthChanged(this.#queue.length);
      void this.#run(batch, decision.rows);
    }
  }

  async #run(batch: Pending[], rows: number): Promise<void> {
    this.#running++;
    const startedMs = this.#now();
    for (const pending of batch) clearTimeout(pending.timeout);
    try {
      const executed = await this.#options.execute(concatRows(batch.map((pending) => pending.inputs), this.#options.batchedInputs));
      const { outputs } = executed;
      const inferMs = executed.inferMs ?? this.#now() - startedMs;
      this.#options.observer?.batchExecuted(rows, batch.length, inferMs);
      const perRequest = splitRows(outputs, batch.map((pending) => pending.rows));
      batch.forEach((pending, index) =>
        pending.resolve({ outputs: perRequest[index]!, queueMs: startedMs - pending.enqueuedAtMs, inferMs, batchRows: rows }),
      );
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    } finally {
      this.#running--;
      this.#pump();
      this.#notifyIfIdle();
    }
  }

  #notifyIfIdle(): void {
    if (this.#queue.length > 0 || this.#running > 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
