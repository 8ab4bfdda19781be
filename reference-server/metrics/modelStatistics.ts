// A model version's statistics in the shape of Triton's statistics extension
// (GET /v2/models[/{name}[/versions/{v}]]/stats): request counts with their total nanoseconds, executions,
// and per batch size the executions and their compute time. Plain counters, updated on the hot path.

interface Duration {
  count: number;
  ns: number;
}

const duration = (): Duration => ({ count: 0, ns: 0 });
const nanoseconds = (ms: number) => Math.round(ms * 1e6);

export class ModelStatistics {
  /** Unix ms of the last inference (0 before any). */
  #lastInference = 0;
  /** Rows inferred (Triton counts each batch element as an inference). */
  #inferenceCount = 0;
  /** Model executions (batches). */
  #executionCount = 0;
  readonly #success = duration();
  readonly #fail = duration();
  readonly #queue = duration();
  readonly #computeInput = duration();
  readonly #computeInfer = duration();
  readonly #computeOutput = duration();
  readonly #cacheHit = duration();
  readonly #cacheMiss = duration();
  readonly #batches = new Map<number, { count: number; inferNs: number }>();

  /** A request answered, with success or not, `totalMs` from arrival to answer. */
  requestFinished(succeeded: boolean, totalMs: number): void {
    add(succeeded ? this.#success : this.#fail, totalMs);
  }

  /** A request ran the model: `queueMs` waiting for its batch, `inferMs` its batch's execution. */
  ranInBatch(queueMs: number, inferMs: number): void {
    add(this.#queue, queueMs);
    add(this.#computeInfer, inferMs);
    // Inputs are decoded and outputs encoded on the event loop (in success's time); ORT's own copies are in compute_infer.
    add(this.#computeInput, 0);
    add(this.#computeOutput, 0);
  }

  cacheLookup(hit: boolean, lookupMs: number): void {
    add(hit ? this.#cacheHit : this.#cacheMiss, lookupMs);
  }

  /** One execution of the model on a batch of `rows` rows. */
  executed(rows: number, inferMs: number, nowUnixMs: number): void {
    this.#executionCount++;
    this.#inferenceCount += rows;
    this.#lastInference = nowUnixMs;
    const entry = this.#batches.get(rows) ?? { count: 0, inferNs: 0 };
    entry.count++;
    entry.inferNs += nanoseconds(inferMs);
    this.#batches.set(rows, entry);
  }

  /** Triton's `model_stats` entry. */
  toJson(name: string, version: string) {
    const pair = (d: Duration) => ({ count: d.count, ns: d.ns });
    return {
      name,
      version,
      last_inference: this.#lastInference,
      inference_count: this.#inferenceCount,
      execution_count: this.#executionCount,
      inference_stats: {
        success: pair(this.#success),
        fail: pair(this.#fail),
        queue: pair(this.#queue),
        compute_input: pair(this.#computeInput),
        compute_infer: pair(this.#computeInfer),
        compute_output: pair(this.#computeOutput),
        cache_hit: pair(this.#cacheHit),
        cache_miss: pair(this.#cacheMiss),
      },
      batch_stats: [...this.#batches.entries()]
        .sort(([a], [b]) => a - b)
        .map(([batchSize, entry]) => ({
          batch_size: batchSize,
          compute_input: { count: entry.count, ns: 0 },
          compute_infer: { count: entry.count, ns: entry.inferNs },
          compute_output: { count: entry.count, ns: 0 },
        })),
      memory_usage: [],
    };
  }
}

function add(target: Duration, ms: number): void {
  target.count++;
  target.ns += nanoseconds(ms);
}
