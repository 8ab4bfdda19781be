// The `lru` backend (the default): an in-process least-recently-used cache with entry, byte and age limits.

import { LRUCache } from 'lru-cache';
import type { CacheBuildOptions } from './cacheBackends.ts';
import type { PredictionCache } from './predictionCache.ts';

export interface LruPredictionCacheOptions {
  /** Most entries held; the least recently used is evicted first. */
  readonly maxEntries: number;
  /** Most bytes held, counting each entry as value bytes + key length. A larger entry is not stored. */
  readonly maxBytes: number;
  /** Age in ms after which an entry is a miss (rounded up to a whole ms). */
  readonly ttlMs: number;
  /**
   * Milliseconds from a monotonic clock (`performance.now` by default); tests pass their own to check TTL expiry exactly.
   * It must never return 0: lru-cache reads a start time of 0 as "no TTL".
   */
  readonly clock?: () => number;
}

/** Predictions kept in memory by lru-cache. */
export class LruPredictionCache implements PredictionCache {
  readonly kind = 'lru';
  readonly #entries: LRUCache<string, Buffer>;

  constructor(options: LruPredictionCacheOptions) {
    this.#entries = new LRUCache<string, Buffer>({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      sizeCalculation: (value, key) => Math.max(1, value.byteLength + key.length),
      ttl: Math.ceil(options.ttlMs),
      // Read the clock on every check: the default 1 ms memo would make an injected clock lag behind.
      ttlResolution: 0,
      ...(options.clock === undefined ? {} : { perf: { now: options.clock } }),
    });
  }

  /** The stored bytes (callers must not mutate them), or undefined when absent or older than the TTL. */
  async get(key: string): Promise<Buffer | undefined> {
    return this.#entries.get(key);
  }

  async set(key: string, value: Buffer): Promise<void> {
    // An own copy: a small Buffer is often a slice of a shared 8 KiB pool slab, which would keep the
    // whole slab alive and make the byte limit a fiction. allocUnsafeSlow never uses the pool.
    const copy = Buffer.allocUnsafeSlow(value.byteLength);
    value.copy(copy);
    this.#entries.set(key, copy);
  }

  async close(): Promise<void> {
    this.#entries.clear();
  }
}

/** The registry's factory (cacheBackends.ts). */
export function createCache(options: CacheBuildOptions): PredictionCache {
  return new LruPredictionCache({ maxEntries: options.maxEntries, maxBytes: options.maxBytes, ttlMs: options.ttlMs });
}
