// The dynamic batcher's decision, as a pure function of the queue and the clock (Triton's dynamic
// batcher is the model): dispatch as soon as a batch is full, or once its oldest request has waited
// the maximum queue delay; otherwise wait exactly as long as that oldest request still may.

export interface QueuedRows {
  /** Rows the request carries (its inputs' first dimension). */
  readonly rows: number;
  /** When it entered the queue, on the planner's clock (milliseconds). */
  readonly enqueuedAtMs: number;
}

export interface BatchPolicy {
  /** false: every request runs alone, at once. */
  readonly batching: boolean;
  /** Most rows in one batch; no queued request carries more. */
  readonly maxBatchSize: number;
  readonly maxQueueDelayMs: number;
}

export type DispatchDecision =
  | { readonly kind: 'idle' }
  | { readonly kind: 'wait'; readonly delayMs: number }
  | { readonly kind: 'dispatch'; readonly requests: number; readonly rows: number };

/** What to do now with `queue` (oldest first), given the policy and the current time. */
export function planDispatch(queue: readonly QueuedRows[], policy: BatchPolicy, nowMs: number): DispatchDecision {
  const oldest = queue[0];
  if (oldest === undefined) return { kind: 'idle' };
  if (!policy.batching) return { kind: 'dispatch', requests: 1, rows: oldest.rows };

  let requests = 0;
  let rows = 0;
  while (requests < queue.length && rows + queue[requests]!.rows <= policy.maxBatchSize) {
    rows += queue[requests]!.rows;
    requests++;
  }
  // A request larger than the limit is refused at admission; this guard keeps the planner total anyway.
  if (requests === 0) return { kind: 'dispatch', requests: 1, rows: oldest.rows };
  const full = rows === policy.maxBatchSize || requests < queue.length;
  const waitedMs = nowMs - oldest.enqueuedAtMs;
  if (full || waitedMs >= policy.maxQueueDelayMs) return { kind: 'dispatch', requests, rows };
  return { kind: 'wait', delayMs: policy.maxQueueDelayMs - waitedMs };
}
