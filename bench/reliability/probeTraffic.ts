// Valid inference traffic for the reliability runs, on node:http so that every answer's status and
// headers (Retry-After, X-Infercap-Cache) are seen: open loop (fixed schedule, latency from the intended
// send time, as wrk2) or closed loop (connections sending back to back), tallied per answer.

import http from 'node:http';
import { LatencyHistogram } from '../../harness/stats/latencyHistogram.ts';

export interface ProbeAnswer {
  /** When the request was due (open loop) or sent (closed loop), performance.now() ms. */
  readonly intendedMs: number;
  readonly doneMs: number;
  /** Undefined when no answer came (connection error or timeout). */
  readonly status?: number;
  readonly retryAfter?: string;
  readonly cache?: string;
  /** The socket error code (ECONNRESET, ECONNREFUSED, …) or "timeout". */
  readonly error?: string;
}

export interface ProbeTarget {
  /** The inference URL. */
  readonly url: string;
  readonly body: () => string;
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

/** Sends one request; never rejects. */
export function sendProbe(agent: http.Agent, target: ProbeTarget, intendedMs: number): Promise<ProbeAnswer> {
  return new Promise((resolve) => {
    const body = target.body();
    let settled = false;
    const settle = (answer: Omit<ProbeAnswer, 'intendedMs' | 'doneMs'>) => {
      if (settled) return;
      settled = true;
      resolve({ intendedMs, doneMs: performance.now(), ...answer });
    };
    const request = http.request(
      target.url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...target.headers },
        timeout: target.timeoutMs,
      },
      (response) => {
        response.resume();
        response.on('error', () => settle({ error: 'ECONNRESET' }));
        response.once('end', () => {
          const retryAfter = response.headers['retry-after'];
          const cache = response.headers['x-infercap-cache'];
          settle({
            status: response.statusCode!,
            ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
            ...(typeof cache === 'string' ? { cache } : {}),
          });
        });
      },
    );
    request.once('timeout', () => {
      settle({ error: 'timeout' });
      request.destroy();
    });
    request.on('error', (error: NodeJS.ErrnoException) => settle({ error: error.code ?? error.message }));
    request.end(body);
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
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxInFlight });
  const pending = new Set<Promise<void>>();
  const start = performance.now();
  const gapMs = 1000 / options.rate;
  try {
    for (let i = 0; ; i++) {
      const offset = i * gapMs;
      if (offset >= options.durationMs || options.signal?.aborted) break;
      const due = start + offset;
      if (due > performance.now()) await sleep(due - performance.now());
      if (pending.size >= options.maxInFlight) {
        tally.dropped++;
        continue;
      }
      tally.sent++;
      const done: Promise<void> = sendProbe(agent, target, due).then((answer) => {
        pending.delete(done);
        tally.add(answer);
        options.onAnswer?.(answer);
      });
      pending.add(done);
    }
    await Promise.all(pending);
  } finally {
    agent.destroy();
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
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const loop = async () => {
    while (!options.signal.aborted) {
      tally.sent++;
      const answer = await sendProbe(agent, target, performance.now());
      tally.add(answer);
      options.onAnswer?.(answer);
      // A refused connection answers at once: do not spin on a server that is gone.
      if (answer.status === undefined) await sleep(20);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, loop));
  } finally {
    agent.destroy();
  }
  return tally;
}
