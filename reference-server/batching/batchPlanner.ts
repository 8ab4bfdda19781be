// The dynamic batcher's decision, as a pure function of the queue and the clock (Triton's dynamic
// batcher is the model): requests batch only with requests of their group (same non-batch dims, equal
// unbatched inputs), in arrival order. A group's batch is dispatched as soon as it is full, or can be cut
// at a preferred batch size, or once its oldest request has waited the maximum queue delay; otherwise
// the batcher waits exactly as long as the oldest request of any group still may.

export interface QueuedRows {
  /** Rows the request carries (its batched inputs' first dimension). */
  readonly rows: number;
  /** When it entered the queue, on the planner's clock (milliseconds). */
  readonly enqueuedAtMs: number;
  /** Requests of different groups never share a batch (batchGroup.ts); undefined is one group. */
  readonly group?: string;
}

export interface BatchPolicy {
  /** false: every request runs alone, at once. */
  readonly batching: boolean;
  /** Most rows in one batch; no queued request carries more. */
  readonly maxBatchSize: number;
  readonly maxQueueDelayMs: number;
  /** Batch sizes dispatched at once when the group's oldest requests add up to one exactly (ascending). */
  readonly preferredBatchSizes?: readonly number[];
}

export type DispatchDecision =
  | { readonly kind: 'idle' }
  | { readonly kind: 'wait'; readonly delayMs: number }
  /** `indices` of the queue (ascending) form the batch of `rows` rows. */
  | { readonly kind: 'dispatch'; readonly indices: readonly number[]; readonly rows: number };

type GroupDecision = Exclude<DispatchDecision, { kind: 'idle' }>;

function planGroup(queue: readonly QueuedRows[], first: number, policy: BatchPolicy, nowMs: number): GroupDecision {
  const group = queue[first]!.group;
  const indices: number[] = [];
  const rowsAfter: number[] = [];
  let rows = 0;
  let leftOut = false;
  for (let i = first; i < queue.length; i++) {
    const request = queue[i]!;
    if (request.group !== group) continue;
    // Arrival order within the group: never skip a request to fill a batch with later ones.
    if (rows + request.rows > policy.maxBatchSize) {
      leftOut = true;
      break;
    }
    rows += request.rows;
    indices.push(i);
    rowsAfter.push(rows);
  }
  // A request larger than the limit is refused at admission; this guard keeps the planner total anyway.
  if (indices.length === 0) return { kind: 'dispatch', indices: [first], rows: queue[first]!.rows };
  const waitedMs = nowMs - queue[first]!.enqueuedAtMs;
  if (rows === policy.maxBatchSize || leftOut || waitedMs >= policy.maxQueueDelayMs) return { kind: 'dispatch', indices, rows };
  const preferred = policy.preferredBatchSizes ?? [];
  for (let p = preferred.length - 1; p >= 0; p--) {
    const cut = rowsAfter.indexOf(preferred[p]!);
    if (cut >= 0) return { kind: 'dispatch', indices: indices.slice(0, cut + 1), rows: preferred[p]! };
  }
  return { kind: 'wait', delayMs: policy.maxQueueDelayMs - waitedMs };
}

/** What to do now with `queue` (oldest first), given the policy and the current time. */
export function planDispatch(queue: readonly QueuedRows[], policy: BatchPolicy, nowMs: number): DispatchDecision {
  const oldest = queue[0];
  if (oldest === undefined) return { kind: 'idle' };
  if (!policy.batching) return { kind: 'dispatch', indices: [0], rows: oldest.rows };
  // Groups in the order of their oldest request: the first that can go, goes.
  const seen = new Set<string | undefined>();
  let delayMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < queue.length; i++) {
    const group = queue[i]!.group;
    if (seen.has(group)) continue;
    seen.add(group);
    const decision = planGroup(queue, i, policy, nowMs);
    if (decision.kind === 'dispatch') return decision;
    delayMs = Math.min(delayMs, decision.delayMs);
  }
  return { kind: 'wait', delayMs };
}
