// Per-client rate limiting: one token bucket per client (API key or remote address), at most
// `maxClients` tracked (least recently seen forgotten first), so a flood of addresses cannot grow memory.

import { LRUCache } from 'lru-cache';
import { fullBucket, takeToken, type TakeResult, type TokenBucket, type TokenBucketLimits } from './tokenBucket.ts';

export interface RateLimiterOptions extends TokenBucketLimits {
  /** Most clients whose buckets are remembered. */
  readonly maxClients: number;
  /** The clock, in ms (performance.now in the server, a counter in tests). */
  readonly now: () => number;
}

export class RateLimiter {
  readonly #options: RateLimiterOptions;
  readonly #buckets: LRUCache<string, TokenBucket>;

  /** @throws RangeError for a non-positive rate, a burst below 1 or a bad client count. */
  constructor(options: RateLimiterOptions) {
    if (!(options.rate > 0)) throw new RangeError(`invalid rate: ${options.rate}`);
    if (!(options.burst >= 1)) throw new RangeError(`invalid burst: ${options.burst}`);
    if (!Number.isInteger(options.maxClients) || options.maxClients < 1) throw new RangeError(`invalid maxClients: ${options.maxClients}`);
    this.#options = options;
    this.#buckets = new LRUCache({ max: options.maxClients });
  }

  /** Clients currently tracked. */
  get size(): number {
    return this.#buckets.size;
  }

  /** Takes one token from `client`'s bucket (a forgotten or new client starts full). */
  take(client: string): TakeResult {
    const now = this.#options.now();
    let bucket = this.#buckets.get(client);
    if (bucket === undefined) {
      bucket = fullBucket(this.#options, now);
      this.#buckets.set(client, bucket);
    }
    return takeToken(bucket, this.#options, now);
  }
}
