// A closed-loop load (autocannon) against a V2 server, with each request's body chosen by a generator.

import autocannon from 'autocannon';

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
 * Runs `connections` connections for `seconds`, each request a one-row body from `nextBody`.
 * Latencies are autocannon's (whole milliseconds), adequate for the tens-of-ms requests measured here.
 */
export async function closedLoop(url: string, connections: number, seconds: number, nextBody: () => string): Promise<ClosedLoopResult> {
  let hits = 0;
  let answered = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: nextBody() }),
        onResponse: (_status, _body, _context, headers) => {
          answered++;
          const cache = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'x-infercap-cache');
          if (cache?.[1] === 'hit') hits++;
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    rowsPerSecond: (result.requests.total - result.non2xx) / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    cacheHitRatio: answered === 0 ? 0 : hits / answered,
  };
}
