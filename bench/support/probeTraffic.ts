// Valid inference traffic for the reliability suite and the benches, over the one HTTP client layer so
// that every answer's status and headers (Retry-After, X-Infercap-Cache) are seen: open loop (fixed
// schedule, latency from the intended send time, as wrk2) or closed loop (connections sending back to
// back), tallied per answer.

import { HttpConnections } from '../../common/http/httpConnections.ts';
import { LatencyHistogram } from '../../harness/stats/latencyHistogram.ts';

export interface ProbeAnswer {
  /** When the request was due (open loop) or sent (closed loop), performance.now() ms. */
  readonly intendedMs: number;
  readonly doneMs: number;
  /** Undefined when no answer came (connection error or timeout). */
  readonly status?: number;
  readonly retryAfter?: string;
  readonly cache?: string;
  /** Why no answer came: a socket error code (ECONNRESET, ECONNREFUSED, …), "timeout" or another HttpConnectionError problem. */
  readonly error?: string;
}

export interface ProbeTarget {
  /** The inference URL. */
  readonly url: string;
  readonly body: () => string | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

/** Counts and latencies of a run of probe traffic. */
export class ProbeTally {
  sent = 0;
  /** Open loop: due while `maxInFlight` requests were already waiting, so never sent. */
  dropped = 0;
  readonly byStatus: Record<string, number> = {};
  readonly errors: Record<string, number> = {};
  /** 503 and 429 answers with and without a Retry-After header. */
  shedWithRetryAfter = 0;
  shedWithoutRetryAfter = 0;
  cacheHits = 0;
  cacheMisses = 0;
  /** Latency of 200 answers. */
  readonly ok = new LatencyHistogram();

  add(answer: ProbeAnswer): void {
    if (answer.status === undefined) {
      const kind = answer.error ?? 'unknown';
      this.errors[kind] = (this.errors[kind] ?? 0) + 1;
      return;
    }
    this.byStatus[answer.status] = (this.byStatus[answer.status] ?? 0) + 1;
    if (answer.status === 503 || answer.status === 429) {
      if (answer.retryAfter !== undefined && /^\d+$/.test(answer.retryAfter)) this.shedWithRetryAfter++;
      else this.shedWithoutRetryAfter++;
    }
    if (answer.status === 200) this.ok.record(Math.max(0, answer.doneMs - answer.intendedMs));
    if (answer.cache === 'hit') this.cacheHits++;
    if (answer.cache === 'miss') this.cacheMisses++;
  }

  count(status: number): number {
    return this.byStatus[status] ?? 0;
  }

  get answered(): number {
    return Object.values(this.byStatus).reduce((sum, n) => sum + n, 0);
  }

  get failed(): number {
    return Object.values(this.errors).reduce((sum, n) => sum + n, 0);
  }
}

/** The inference URL's origin, path and header lines, worked out once per run. */
interface ProbeRoute {
  readonly origin: string;
  readonly path: string;
  readonly headerLines: string;
}

function probeRoute(target: ProbeTarget): ProbeRoute {
  const url = new URL(target.url);
  const headers = { 'content-type': 'application/json', ...target.headers };
  return { origin: url.origin, path: `${url.pathname}${url.search}`, headerLines: Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('') };
}

/** The value of header `name` (lower case) in a raw header list. */
function headerValue(rawHeaders: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === name) return rawHeaders[i + 1];
  return undefined;
}

/** Sends one POST over `connections`, or resolves with error `busy` at once when none is free; never rejects. */
function sendProbe(connections: HttpConnections, route: ProbeRoute, target: ProbeTarget, intendedMs: number): Promise<ProbeAnswer> {
  return new Promise((resolve) => {
    const sent = connections.send({ method: 'POST', path: route.path, headerLines: route.headerLines, body: target.body(), timeoutMs: target.timeoutMs }, (error, answer) => {
      const doneMs = performance.now();
      if (answer === undefined) return resolve({ intendedMs, doneMs, error: error!.problem });
      const retryAfter = headerValue(answer.rawHeaders, 'retry-after');
      const cache = headerValue(answer.rawHeaders, 'x-infercap-cache');
      resolve({ intendedMs, doneMs, status: answer.status, ...(retryAfter === undefined ? {} : { retryAfter }), ...(cache === undefined ? {} : { cache }) });
    });
    if (!sent) resolve({ intendedMs, doneMs: performance.now(), error: 'busy' });
  });
}

export interface OpenProbeOptions {
  readonly rate: number;
  readonly durationMs: number;
  /** Most requests waiting at once; arrivals beyond are dropped (counted). */
  readonly maxInFlight: number;
  readonly onAnswer?: (answer: ProbeAnswer) => void;
  readonly signal?: AbortSignal;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Constant-rate open-loop traffic for `durationMs`; resolves when every request sent has ended. */
export async function runOpenProbe(target: ProbeTarget, options: OpenProbeOptions, tally = new ProbeTally()): Promise<ProbeTally> {
  const connections = new HttpConnections(new URL(target.url).origin, { maxConnections: options.maxInFlight, keepBodies: false });
  const route = probeRoute(target);
  const pending = new Set<Promise<void>>();
  const start = performance.now();
  const gapMs = 1000 / options.rate;
  try {
    for (let i = 0; ; i++) {
      const offset = i * gapMs;
      if (offset >= options.durationMs || options.signal?.aborted) break;
      const due = start + offset;
      if (due > performance.now()) await sleep(due - performance.now());
      if (!connections.available) {
        tally.dropped++;
        continue;
      }
      tally.sent++;
      const done: Promise<void> = sendProbe(connections, route, target, due).then((answer) => {
        pending.delete(done);
        tally.add(answer);
        options.onAnswer?.(answer);
      });
      pending.add(done);
    }
    await Promise.all(pending);
  } finally {
    connections.close();
  }
  return tally;
}

export interface ClosedProbeOptions {
  readonly connections: number;
  /** Stops sending new requests when aborted (requests in flight still end). */
  readonly signal: AbortSignal;
  readonly onAnswer?: (answer: ProbeAnswer) => void;
}

/** `connections` loops, each sending its next request when the last one ends, until `signal` aborts. */
export async function runClosedProbe(target: ProbeTarget, options: ClosedProbeOptions, tally = new ProbeTally()): Promise<ProbeTally> {
  const connections = new HttpConnections(new URL(target.url).origin, { maxConnections: options.connections, keepBodies: false });
  const route = probeRoute(target);
  const loop = async () => {
    while (!options.signal.aborted) {
      tally.sent++;
      const answer = await sendProbe(connections, route, target, performance.now());
      tally.add(answer);
      options.onAnswer?.(answer);
      // A refused connection answers at once: do not spin on a server that is gone.
      if (answer.status === undefined) await sleep(20);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, loop));
  } finally {
    connections.close();
  }
  return tally;
}
