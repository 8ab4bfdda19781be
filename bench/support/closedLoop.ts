// A closed-loop load against a V2 server (the probe traffic's closed loop, over the one HTTP client
// layer), with each request's body chosen by a generator, summed up for the benches.

import { runClosedProbe } from './probeTraffic.ts';

export interface ClosedLoopResult {
  readonly requestsPerSecond: number;
  readonly rowsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly cacheHitRatio: number;
}

/** Serialises one row of `width` pseudo-random values with 3 decimals, as a client would send pixels. */
export function rowJson(seed: number, width = 784): string {
  return bodyJson(`${rowValues(seed, width - 1).join(',')},${(seed % 1000) / 1000}`, width);
}

function rowValues(seed: number, count: number): string[] {
  let x = seed >>> 0 || 1;
  const values: string[] = [];
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    values.push(((x >>> 0) % 1000 / 1000).toFixed(3));
  }
  return values;
}

const bodyJson = (data: string, width: number) =>
  `{"inputs":[{"name":"input","shape":[1,${width}],"datatype":"FP32","data":[${data}]}]}`;

/**
 * A generator of distinct one-row bodies that costs the load generator almost nothing per request:
 * a fixed pseudo-random row whose first three pixels encode the sequence number in steps of 1/1024,
 * exact in FP32, so no two bodies are equal as tensors (not only as text) for 2^30 requests.
 */
export function distinctRowBodies(width = 784, firstSequence = 0): () => string {
  const tail = rowValues(12345, width - 3).join(',');
  let sequence = firstSequence;
  return () => {
    const s = sequence++;
    return bodyJson(`${(s & 1023) / 1024},${((s >>> 10) & 1023) / 1024},${((s >>> 20) & 1023) / 1024},${tail}`, width);
  };
}

/**
 * Runs `connections` connections for `seconds`, each request a one-row body from `nextBody` (with
 * `headers` beside content-type application/json, which they may replace); the rates divide by the time
 * from the first send to the last answer. Latencies are of the 200 answers.
 */
export async function closedLoop(
  url: string,
  connections: number,
  seconds: number,
  nextBody: () => string | Buffer,
  headers: Readonly<Record<string, string>> = {},
): Promise<ClosedLoopResult> {
  const startMs = performance.now();
  const tally = await runClosedProbe({ url, body: nextBody, headers, timeoutMs: 30_000 }, { connections, signal: AbortSignal.timeout(seconds * 1000) });
  const durationS = (performance.now() - startMs) / 1000;
  const answered = tally.answered;
  const ok = tally.count(200);
  return {
    requestsPerSecond: tally.sent / durationS,
    rowsPerSecond: ok / durationS,
    p50Ms: tally.ok.percentile(50) ?? NaN,
    p99Ms: tally.ok.percentile(99) ?? NaN,
    errors: tally.failed,
    non2xx: answered - Object.entries(tally.byStatus).reduce((sum, [status, n]) => sum + (Number(status) >= 200 && Number(status) < 300 ? n : 0), 0),
    cacheHitRatio: answered === 0 ? 0 : tally.cacheHits / answered,
  };
}
