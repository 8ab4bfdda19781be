// The open-loop driver: sends each request at its intended time from a schedule fixed in advance,
// whatever the target does, and measures latency from that intended time (wrk2), so a stall shows in the tail.

import { ConnectionPool } from './connectionPool.ts';
import { requestsOf, type RequestSource } from './modelRoutes.ts';
import type { OutcomeSink, RequestOutcome } from './requestOutcome.ts';
import { startSendTicker } from './sendTicker.ts';

/** Defaults of the optional settings, in one place. */
export const openLoopDefaults = {
  /** Enough for a 1 s stall at ~1,000 req/s before requests wait; sockets open only when needed. */
  connections: 1024,
} as const;

/**
 * The shortest time between two wake-ups of the send loop. Below ~4,000 req/s each request gets its own
 * wake-up; above, a wake-up sends every request that came due since the last one, each at most this late
 * (plus ~0.1 ms of wake-up latency), well inside the 1 ms goal. A wake-up is a thread switch and a message
 * (~50 µs of CPU on a small VM), so at 25,000 req/s waking 4,000 times a second instead of 25,000 is what
 * lets the driver keep up with wrk.
 */
const minTickGapMs = 0.25;

/** A send this far behind its intended time counts as delayed (the driver fell behind: a GC, a busy CPU). */
const lateMs = 1;

export interface OpenLoopSettings {
  /** The endpoint every request is POSTed to (http: or https:); with a mix, the origin of its routes. */
  readonly url: string;
  /** Intended send times in ms from the start of the phase, ascending (see arrivalSchedule); may be endless. */
  readonly schedule: Iterable<number>;
  /** Arrivals at or after this offset are not sent (nor counted as scheduled). */
  readonly durationMs: number;
  /** Extra request headers; content-type defaults to application/json. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A request still unanswered this long after it was sent ends as `failure: 'timeout'`. */
  readonly timeoutMs: number;
  /** Most requests in flight (one per keep-alive connection, no pipelining). */
  readonly connections?: number;
  /**
   * Most requests waiting for a connection (default: as many as `connections`). A request due when every
   * connection is busy waits here and goes out as soon as one frees, still timed from its intended time;
   * one due when the backlog is full too is dropped (an error of kind `dropped`).
   */
  readonly backlog?: number;
  readonly onOutcome: OutcomeSink;
  /** Aborting stops the phase at once: nothing more is sent and requests in flight are abandoned. */
  readonly signal?: AbortSignal;
  /** Ending stops the schedule early: nothing more is due, and requests in flight or waiting still complete. */
  readonly endSignal?: AbortSignal;
}

/**
 * The loop's settings and what it sends: `nextBody` (called once per request actually sent) to `url`, or a
 * `mix` of models, each request's model picked as it comes due so that a dropped request has one too.
 */
export type OpenLoopOptions = OpenLoopSettings & RequestSource;

export interface OpenLoopResult {
  /** performance.now() at offset 0 of the schedule: every intendedMs is startMs + offset. */
  readonly startMs: number;
  /** Arrivals the schedule put in [0, durationMs) that the driver reached (all of them unless aborted or ended). */
  readonly scheduled: number;
  /** Requests written to a connection; scheduled = sent + dropped + expired (+ waiting ones when aborted). */
  readonly sent: number;
  /** Of the sent requests, those sent from the backlog or more than 1 ms late (still timed from their intended time). */
  readonly delayed: number;
  /** Due when every connection was busy and the backlog full: never sent. */
  readonly dropped: number;
  /** Timed out while waiting for a connection (intended time + timeoutMs passed): never sent, failed as timeouts. */
  readonly expired: number;
  /** Sent requests answered with a 2xx status. */
  readonly succeeded: number;
  /** Requests that failed: non-2xx, timeout (expired ones included) or connection error. */
  readonly failed: number;
  /** performance.now() of the first and the last intended send that came due; undefined when none did. */
  readonly firstIntendedMs: number | undefined;
  readonly lastIntendedMs: number | undefined;
  /** Sent requests left without an outcome because the run was aborted. */
  readonly abandoned: number;
}

/**
 * Runs one open-loop phase and resolves when every sent request has completed or timed out, so it is
 * bounded by durationMs + timeoutMs (plus scheduling slack). Every scheduled request gets exactly one
 * outcome: sent ones when they end, dropped ones (`dropped: true`, no sentMs) when they come due,
 * expired ones (`failure: 'timeout'`, no sentMs) when their timeout passes while they wait.
 *
 * wrk2's rule, for each request when its intended time has come (or the driver gets to it, if later): sent
 * at once if a connection is free and none is waiting; else it waits in the backlog (FIFO) and is sent as
 * soon as a connection frees; else, the backlog being full, dropped. Every request is timed from its
 * intended time, and its timeout counts from there too, so neither a busy pool nor a driver that fell
 * behind can hide latency.
 *
 * @throws RangeError for invalid options; rejects with the error if a body source or onOutcome throws.
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { durationMs, onOutcome, timeoutMs } = options;
  const requests = requestsOf(options);
  const tagged = requests.routes !== undefined;
  const connections = options.connections ?? openLoopDefaults.connections;
  const backlogLimit = options.backlog ?? connections;
  if (!(durationMs >= 0)) throw new RangeError(`invalid durationMs: ${durationMs}`);
  if (!Number.isInteger(backlogLimit) || backlogLimit < 0) throw new RangeError(`invalid backlog: ${backlogLimit}`);
  const counts = { scheduled: 0, sent: 0, delayed: 0, dropped: 0, expired: 0, succeeded: 0, failed: 0 };
  let firstIntendedMs: number | undefined;
  let lastIntendedMs: number | undefined;
  /** Intended times (and models) of the requests waiting for a connection, oldest first (a ring would do; it is short). */
  const backlog: number[] = [];
  const backlogModels: number[] = [];
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
    connections,
    timeoutMs,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(requests.routes ? { routes: requests.routes } : {}),
    onDone: (outcome) => {
      inFlight--;
      if (outcome.failure === undefined) counts.succeeded++;
      else counts.failed++;
      report(outcome);
      if (!stopped) sendWaiting(performance.now());
      if (next === undefined && inFlight === 0 && backlog.length === 0) stop();
    },
  });
  // Sends the waiting requests that a free connection can take, oldest first; one whose timeout (counted
  // from its intended time) has passed ends as a timeout without being sent.
  const sendWaiting = (now: number) => {
    while (backlog.length > 0 && !stopped) {
      const intendedMs = backlog[0]!;
      if (now - intendedMs >= timeoutMs) {
        backlog.shift();
        const model = backlogModels.shift()!;
        counts.expired++;
        counts.failed++;
        report({ intendedMs, doneMs: now, failure: 'timeout', ...(tagged ? { model } : {}) });
        continue;
      }
      if (!pool.available) return;
      backlog.shift();
      const model = backlogModels.shift()!;
      pool.send(requests.bodyOf(model), intendedMs, model);
      counts.sent++;
      counts.delayed++;
      inFlight++;
    }
  };
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
      sendWaiting(tickMs);
      for (let now = tickMs; next !== undefined && startMs + next <= now && !stopped; now = performance.now()) {
        const intendedMs = startMs + next;
        counts.scheduled++;
        firstIntendedMs ??= intendedMs;
        lastIntendedMs = intendedMs;
        const model = requests.pick();
        if (backlog.length === 0 && pool.available) {
          pool.send(requests.bodyOf(model), intendedMs, model);
          counts.sent++;
          if (now - intendedMs > lateMs) counts.delayed++;
          inFlight++;
        } else if (backlog.length < backlogLimit) {
          backlog.push(intendedMs);
          backlogModels.push(model);
        } else {
          counts.dropped++;
          report({ intendedMs, dropped: true, ...(tagged ? { model } : {}) });
        }
        next = pull();
      }
    } catch (error) {
      stop(error);
    }
    if (stopped) return;
    if (next !== undefined) {
      ticker.arm(Math.max(startMs + next, tickMs + minTickGapMs));
      return;
    }
    void ticker.stop(); // nothing more to send; the phase ends when the requests in flight and waiting do
    if (inFlight === 0 && backlog.length === 0) stop();
  };
  const onEnd = () => {
    next = undefined;
    wake();
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
  options.endSignal?.addEventListener('abort', onEnd, { once: true });
  startMs = performance.now();
  if (options.signal?.aborted === true) stop();
  else if (options.endSignal?.aborted === true) onEnd();
  else tick();
  try {
    await finished;
  } finally {
    clearInterval(backstop);
    options.signal?.removeEventListener('abort', onAbort);
    options.endSignal?.removeEventListener('abort', onEnd);
    await ticker.stop();
  }
  return { startMs, ...counts, firstIntendedMs, lastIntendedMs, abandoned: inFlight + backlog.length };
}
