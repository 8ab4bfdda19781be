// The open-loop driver: sends each request at its intended time from a schedule fixed in advance,
// whatever the target does, and measures latency from that intended time (wrk2), so a stall shows in the tail.

import { ConnectionPool } from './connectionPool.ts';
import type { OutcomeSink, RequestOutcome } from './requestOutcome.ts';
import { startSendTicker } from './sendTicker.ts';

/** Defaults of the optional settings, in one place. */
export const openLoopDefaults = {
  /** Enough for a 1 s stall at ~1,000 req/s before requests are dropped; sockets open only when needed. */
  connections: 1024,
  /** How far behind its intended time a request may still be sent (see {@link OpenLoopOptions.maxLateMs}). */
  maxLateMs: 100,
} as const;

/**
 * The shortest time between two wake-ups of the send loop. Below ~4,000 req/s each request gets its own
 * wake-up; above, a wake-up sends every request that came due since the last one, each at most this late
 * (plus ~0.1 ms of wake-up latency), well inside the 1 ms goal. A wake-up is a thread switch and a message
 * (~50 µs of CPU on a small VM), so at 25,000 req/s waking 4,000 times a second instead of 25,000 is what
 * lets the driver keep up with wrk.
 */
const minTickGapMs = 0.25;

export interface OpenLoopOptions {
  /** The endpoint every request is POSTed to (http: or https:). */
  readonly url: string;
  /** Intended send times in ms from the start of the phase, ascending (see arrivalSchedule); may be endless. */
  readonly schedule: Iterable<number>;
  /** Arrivals at or after this offset are not sent (nor counted as scheduled). */
  readonly durationMs: number;
  /** The body of the next request, called once per request actually sent. */
  readonly nextBody: () => string | Buffer;
  /** Extra request headers; content-type defaults to application/json. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A request still unanswered this long after it was sent ends as `failure: 'timeout'`. */
  readonly timeoutMs: number;
  /** Most requests in flight (one per keep-alive connection, no pipelining). */
  readonly connections?: number;
  /**
   * A request that the driver reaches more than this many ms after its intended time is dropped, not sent:
   * the driver itself fell behind (its event loop was blocked or saturated), and sending late would both
   * charge the driver's delay to the target and put a burst on it that the schedule never asked for.
   */
  readonly maxLateMs?: number;
  readonly onOutcome: OutcomeSink;
  /** Aborting stops the phase at once: nothing more is sent and requests in flight are abandoned. */
  readonly signal?: AbortSignal;
}

export interface OpenLoopResult {
  /** performance.now() at offset 0 of the schedule: every intendedMs is startMs + offset. */
  readonly startMs: number;
  /** Arrivals the schedule put in [0, durationMs) that the driver reached (all of them unless aborted). */
  readonly scheduled: number;
  readonly sent: number;
  /** droppedBusy + droppedLate; scheduled = sent + dropped. */
  readonly dropped: number;
  /** Dropped because every connection was busy at the intended time (k6's dropped_iterations). */
  readonly droppedBusy: number;
  /** Dropped because the driver reached them more than maxLateMs late. */
  readonly droppedLate: number;
  /** Sent requests answered with a 2xx status. */
  readonly succeeded: number;
  /** Sent requests that failed: non-2xx, timeout or connection error. */
  readonly failed: number;
  /** Sent requests left without an outcome because the run was aborted. */
  readonly abandoned: number;
}

/**
 * Runs one open-loop phase and resolves when every sent request has completed or timed out, so it is
 * bounded by durationMs + timeoutMs (plus scheduling slack). Every scheduled request gets exactly one
 * outcome: sent ones when they end, dropped ones (`dropped: true`, no sentMs) at their intended time.
 *
 * Drop rule, checked for each request when its intended time has come: dropped if the driver got to it more
 * than `maxLateMs` late, else dropped if all `connections` are busy, else sent.
 *
 * @throws RangeError for invalid options; rejects with the error if nextBody or onOutcome throws.
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { durationMs, onOutcome, nextBody } = options;
  const maxLateMs = options.maxLateMs ?? openLoopDefaults.maxLateMs;
  if (!(durationMs >= 0)) throw new RangeError(`invalid durationMs: ${durationMs}`);
  if (!(maxLateMs >= 0)) throw new RangeError(`invalid maxLateMs: ${maxLateMs}`);
  const counts = { scheduled: 0, sent: 0, droppedBusy: 0, droppedLate: 0, succeeded: 0, failed: 0 };
  let inFlight = 0;
  let stopped = false;
  let next: number | undefined;

  const report = (outcome: RequestOutcome) => {
    try {
      onOutcome(outcome);
    } catch (error) {
      stop(error);
    }
  };
  const pool = new ConnectionPool({
    url: options.url,
    connections: options.connections ?? openLoopDefaults.connections,
    timeoutMs: options.timeoutMs,
    ...(options.headers ? { headers: options.headers } : {}),
    onDone: (outcome) => {
      inFlight--;
      if (outcome.failure === undefined) counts.succeeded++;
      else counts.failed++;
      report(outcome);
      if (next === undefined && inFlight === 0) stop();
    },
  });
  const arrivals = options.schedule[Symbol.iterator]();
  const pull = (): number | undefined => {
    const arrival = arrivals.next();
    return arrival.done === true || arrival.value >= durationMs ? undefined : arrival.value;
  };
  next = pull();
  let startMs = 0;
  let settle: (error?: unknown) => void = () => {};
  const finished = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error));
  });
  const stop = (error?: unknown) => {
    if (stopped) return;
    stopped = true;
    next = undefined;
    pool.close();
    settle(error);
  };

  // Sends everything that is due. It runs in the check phase (setImmediate), after the poll phase has read
  // every response that is ready: after a pause of the event loop (a GC, a busy CPU) connections whose
  // answer already arrived are free again, not seen as busy and the requests due dropped for nothing.
  let tickQueued = false;
  const wake = () => {
    if (tickQueued) return;
    tickQueued = true;
    setImmediate(tick);
  };
  const tick = () => {
    tickQueued = false;
    if (stopped) return;
    const tickMs = performance.now();
    try {
      for (let now = tickMs; next !== undefined && startMs + next <= now; now = performance.now()) {
        const intendedMs = startMs + next;
        counts.scheduled++;
        if (now - intendedMs > maxLateMs) {
          counts.droppedLate++;
          report({ intendedMs, dropped: true });
        } else if (!pool.available) {
          counts.droppedBusy++;
          report({ intendedMs, dropped: true });
        } else {
          pool.send(nextBody(), intendedMs);
          counts.sent++;
          inFlight++;
        }
        next = pull();
      }
    } catch (error) {
      stop(error);
    }
    if (next !== undefined) {
      ticker.arm(Math.max(startMs + next, tickMs + minTickGapMs));
      return;
    }
    void ticker.stop(); // nothing more to send; the phase ends when the requests in flight do
    if (inFlight === 0) stop();
  };

  // The precise ticker wakes the loop at each due time. A coarse timer only backs it up (each wake-up of
  // a thread costs ~50 µs of CPU on a small VM, so a 1 ms one would cost 5 % of a core for nothing).
  const ticker = await startSendTicker(wake).catch((error: unknown) => {
    pool.close();
    throw error;
  });
  const backstop = setInterval(wake, 10);
  const onAbort = () => stop();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  startMs = performance.now();
  if (options.signal?.aborted === true) stop();
  else tick();
  try {
    await finished;
  } finally {
    clearInterval(backstop);
    options.signal?.removeEventListener('abort', onAbort);
    await ticker.stop();
  }
  return { startMs, ...counts, dropped: counts.droppedBusy + counts.droppedLate, abandoned: inFlight };
}
