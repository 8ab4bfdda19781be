// The closed-loop driver: `connections` clients, each sending its next request as soon as the previous
// one ends, on the same keep-alive connection pool as the open loop (so both time requests alike, to the
// sub-µs, and any timeout works, below 1 s too).
//
// It replaced autocannon, which our code could only time by listening to its internal Client's events
// through a private interface and an `as unknown as` cast, and whose timeout cannot go below 1 s. Measured
// side by side on the 2-core dev machine against bench's trivial loopback endpoint (64 connections, three
// interleaved rounds of 3 s, 2xx answers per second): autocannon 12,193 / 15,099 / 16,400 req/s, this loop
// 24,126 / 21,672 / 16,743 (medians 15,099 and 21,672: 1.44x), p50 3.7 against 2.4 ms.

import { ConnectionPool } from './connectionPool.ts';
import { requestsOf, type RequestSource } from './modelRoutes.ts';
import type { OutcomeSink, RequestOutcome } from './requestOutcome.ts';

export interface ClosedLoopSettings {
  /** The endpoint every request is POSTed to; with a mix, the origin of its routes. */
  readonly url: string;
  /** Concurrent connections, each with one request in flight at a time. */
  readonly connections: number;
  /** Time after which no new request starts; requests in flight then still complete or time out. */
  readonly durationMs: number;
  /** Extra request headers; content-type defaults to application/json. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A request unanswered this long ends as `failure: 'timeout'` (any positive time). */
  readonly timeoutMs: number;
  readonly onOutcome: OutcomeSink;
  /** Aborting stops the phase at once: connections close and requests in flight get no outcome. */
  readonly signal?: AbortSignal;
  /** Ending stops new requests early, as reaching durationMs does: requests in flight still complete. */
  readonly endSignal?: AbortSignal;
}

/** The loop's settings and what it sends: `nextBody` (called once per request sent) to `url`, or a `mix` of models. */
export type ClosedLoopOptions = ClosedLoopSettings & RequestSource;

export interface ClosedLoopResult {
  /** performance.now() when the phase started. */
  readonly startMs: number;
  /** performance.now() when new requests stopped (durationMs, or earlier if ended or aborted). */
  readonly stoppedMs: number;
  /** Requests written to a connection; each got one outcome (unless the run was aborted). */
  readonly sent: number;
  /** Requests answered with a 2xx status. */
  readonly succeeded: number;
  /** Non-2xx answers, timeouts and connection errors. */
  readonly failed: number;
}

/**
 * Runs one closed-loop phase and resolves once every connection has finished its last request: new
 * requests stop at durationMs and the ones in flight complete or time out, so every request sent has
 * exactly one outcome (intendedMs = the time it was handed to a connection: a closed loop has no
 * schedule). Bounded by durationMs + timeoutMs.
 *
 * @throws RangeError for invalid options; rejects with the error if a body source or onOutcome throws.
 */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const { connections, durationMs, onOutcome } = options;
  const requests = requestsOf(options);
  if (!Number.isInteger(connections) || connections < 1) throw new RangeError(`invalid connections: ${connections}`);
  if (!(durationMs >= 0)) throw new RangeError(`invalid durationMs: ${durationMs}`);
  const counts = { sent: 0, succeeded: 0, failed: 0 };
  let inFlight = 0;
  let sending = true;
  let finished = false;
  let stoppedMs = 0;
  let settle: (error?: unknown) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error));
  });

  const finish = (error?: unknown) => {
    if (finished) return;
    finished = true;
    stopSending();
    pool.close();
    settle(error);
  };
  const stopSending = () => {
    if (!sending) return;
    sending = false;
    stoppedMs = performance.now();
    if (inFlight === 0) finish();
  };
  const sendOne = () => {
    if (!pool.available) {
      // No connection free yet (a pool that reports before it frees one): try again right after.
      setImmediate(() => (sending ? sendOne() : inFlight === 0 && finish()));
      return;
    }
    try {
      const model = requests.pick();
      pool.send(requests.bodyOf(model), performance.now(), model);
      counts.sent++;
      inFlight++;
    } catch (error) {
      finish(error);
    }
  };
  const pool = new ConnectionPool({
    url: options.url,
    connections,
    timeoutMs: options.timeoutMs,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(requests.routes ? { routes: requests.routes } : {}),
    onDone: (outcome: RequestOutcome) => {
      inFlight--;
      if (outcome.failure === undefined) counts.succeeded++;
      else counts.failed++;
      try {
        // No schedule: a request was meant to go when it went.
        onOutcome(outcome.sentMs === undefined ? outcome : { ...outcome, intendedMs: outcome.sentMs });
      } catch (error) {
        finish(error);
        return;
      }
      // The pool frees the connection before it reports, so the next request reuses it at once.
      if (sending) sendOne();
      else if (inFlight === 0) finish();
    },
  });

  const startMs = performance.now();
  const stopTimer = setTimeout(stopSending, durationMs);
  const onAbort = () => finish();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  options.endSignal?.addEventListener('abort', stopSending, { once: true });
  if (options.signal?.aborted === true) finish();
  else if (options.endSignal?.aborted === true || durationMs === 0) stopSending();
  else for (let i = 0; i < connections && sending; i++) sendOne();
  try {
    await done;
  } finally {
    clearTimeout(stopTimer);
    options.signal?.removeEventListener('abort', onAbort);
    options.endSignal?.removeEventListener('abort', stopSending);
  }
  return { startMs, stoppedMs, ...counts };
}
