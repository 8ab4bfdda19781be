// The closed-loop driver: `connections` clients, each sending its next request as soon as the previous
// one ends (autocannon's programmatic API), with every request's own times recorded at sub-µs resolution.
//
// autocannon's latency histogram is in whole milliseconds, so the times come from its Client's events
// instead, attached in `setupClient` (which runs before a client sends its first request):
// - 'request' is emitted right before the client builds (setupRequest → nextBody) and writes the next
//   request: a first estimate of sentMs, early by the cost of building it (~15 µs for a 5 KB body);
// - 'response' is emitted when the response has been parsed completely: doneMs, and autocannon's own
//   duration, timed with hrtime from right before the socket write, gives the exact sentMs = doneMs −
//   duration. The later of the two estimates is used: autocannon's duration is wrong (too long) only after
//   a server closed a connection mid-request, which the 'request' estimate survives;
// - 'timeout' and 'connError' end the pending request as a timeout or a connection error.
// With pipelining 1 a client has one request in flight, but its reconnect paths emit the next 'request'
// before reporting the old one's fate, so each client keeps a FIFO of send times.
//
// autocannon's coordinated-omission "correction" only runs when its rate limiter is on, and autocannon
// rejects `ignoreCoordinatedOmission: true` without a rate, so neither option is passed: no correction,
// no rate limiter (its rate limiting sends in bursts at the start of each second).

import autocannon from 'autocannon';
import { cacheHeader } from './cacheHeader.ts';
import type { OutcomeSink } from './requestOutcome.ts';

export interface ClosedLoopOptions {
  readonly url: string;
  /** Concurrent connections, each with one request in flight at a time. */
  readonly connections: number;
  /** Time after which no new request starts; requests in flight then still complete or time out. */
  readonly durationMs: number;
  /** The body of the next request, called once per request sent. */
  readonly nextBody: () => string | Buffer;
  /** Extra request headers; content-type defaults to application/json. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A request unanswered this long ends as `failure: 'timeout'`; autocannon needs ≥ 1,000 ms. */
  readonly timeoutMs: number;
  readonly onOutcome: OutcomeSink;
  /** Aborting stops the phase: autocannon closes its connections and requests in flight get no outcome. */
  readonly signal?: AbortSignal;
}

export interface ClosedLoopResult {
  /** performance.now() when the phase started. */
  readonly startMs: number;
  /** Requests written to a connection; each got one outcome (unless the run was aborted). */
  readonly sent: number;
  /** Requests answered with a 2xx status. */
  readonly succeeded: number;
  /** Non-2xx answers, timeouts and connection errors. */
  readonly failed: number;
}

/** The parts of autocannon's per-connection Client used here (its typings describe 'headers' wrongly). */
interface AutocannonClient {
  /** Once reached, the client closes instead of sending its next request. */
  responseMax?: number;
  reqsMade: number;
  on(event: 'request' | 'timeout' | 'connError' | 'done', listener: () => void): void;
  on(event: 'headers', listener: (info: { headers: string[] }) => void): void;
  on(event: 'response', listener: (statusCode: number, bytes: number, durationMs: number) => void): void;
}

/**
 * Runs one closed-loop phase and resolves once every connection has finished its last request: new
 * requests stop at durationMs and the ones in flight complete or time out, so every request sent has
 * exactly one outcome (intendedMs = sentMs: a closed loop has no schedule). Bounded by durationMs + timeoutMs.
 *
 * @throws RangeError for invalid options; rejects with the error if nextBody or onOutcome throws.
 */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const { connections, durationMs, timeoutMs, onOutcome } = options;
  if (!Number.isInteger(connections) || connections < 1) throw new RangeError(`invalid connections: ${connections}`);
  if (!(durationMs >= 0)) throw new RangeError(`invalid durationMs: ${durationMs}`);
  if (!(timeoutMs >= 1000)) throw new RangeError(`invalid timeoutMs: ${timeoutMs} (autocannon's timeout is at least 1 s)`);

  const counts = { sent: 0, succeeded: 0, failed: 0 };
  const clients: AutocannonClient[] = [];
  let failure: unknown;
  const report = (outcome: Parameters<OutcomeSink>[0]) => {
    try {
      onOutcome(outcome);
    } catch (error) {
      failure ??= error;
      finishEarly();
    }
  };

  const watch = (client: AutocannonClient) => {
    clients.push(client);
    const sentTimes: number[] = [];
    let cache: 'hit' | 'miss' | undefined;
    const end = (extra: { status?: number; failure?: 'timeout' | 'connection' | 'status' }, durationMs = Number.POSITIVE_INFINITY) => {
      const doneMs = performance.now();
      const requestMs = sentTimes.shift();
      if (requestMs === undefined) return;
      const sentMs = Math.max(requestMs, doneMs - durationMs);
      if (extra.failure === undefined) counts.succeeded++;
      else counts.failed++;
      report({ intendedMs: sentMs, sentMs, doneMs, ...extra, ...(cache === undefined ? {} : { cache }) });
      cache = undefined;
    };
    client.on('request', () => {
      sentTimes.push(performance.now());
      counts.sent++;
      // After a timeout autocannon reports the 'timeout' right after this; anything older still queued
      // once that has run was lost when the server closed the connection mid-request.
      if (sentTimes.length > 1) queueMicrotask(() => { while (sentTimes.length > 1) end({ failure: 'connection' }); });
    });
    client.on('headers', (info) => {
      cache = cacheHeader(info.headers);
    });
    client.on('response', (status, _bytes, durationMs) => end(status >= 200 && status < 300 ? { status } : { status, failure: 'status' }, durationMs));
    client.on('timeout', () => end({ failure: 'timeout' }));
    client.on('connError', () => end({ failure: 'connection' }));
    // A client closes for good after a drain; a request it still holds then (not a timeout, which
    // autocannon reports right after) was lost with a connection the server closed.
    client.on('done', () => queueMicrotask(() => { while (sentTimes.length > 0 && !abandoned) end({ failure: 'connection' }); }));
  };

  // Stops new requests: each client closes after its pending response instead of sending again.
  const drain = () => {
    for (const client of clients) client.responseMax = Math.max(1, client.reqsMade);
  };
  let instance: autocannon.Instance | undefined;
  // Set when the phase is cut short: requests in flight are then abandoned without an outcome.
  let abandoned = false;
  const finishEarly = () => {
    abandoned = true;
    drain();
    instance?.stop();
  };

  // A throw inside autocannon's socket handlers would be uncaught: stop the phase and rethrow it at the end.
  let lastBody: string | Buffer = '';
  const nextBodyOrStop = () => {
    try {
      lastBody = options.nextBody();
    } catch (error) {
      failure ??= error;
      finishEarly();
    }
    return lastBody;
  };

  const startMs = performance.now();
  const done = new Promise<void>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        connections,
        // A safety net only: the phase ends by draining, and autocannon's own stop would cut requests off.
        duration: (durationMs + timeoutMs) / 1000 + 5,
        timeout: timeoutMs / 1000,
        // autocannon notices that every client is done at its next sample; keep that wait short.
        sampleInt: 50,
        requests: [{ setupRequest: (request) => ({ ...request, body: nextBodyOrStop() }) }],
        setupClient: (client) => watch(client as unknown as AutocannonClient),
      },
      (error) => (error ? reject(error) : resolve()),
    );
  });
  const drainTimer = setTimeout(drain, Math.max(0, startMs + durationMs - performance.now()));
  const onAbort = () => {
    abandoned = true;
    instance?.stop();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted === true) onAbort();
  try {
    await done;
  } catch (error) {
    failure ??= error;
  } finally {
    clearTimeout(drainTimer);
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (failure !== undefined) throw failure;
  return { startMs, ...counts };
}
