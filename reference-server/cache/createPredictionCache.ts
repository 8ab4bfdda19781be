// Builds the prediction cache the options ask for, from the backend registry (cacheBackends.ts).

import { optionNotPositive, optionNotPositiveInteger, optionUnknownChoice } from '../../common/errors.ts';
import { silentLogger, type Logger } from '../../common/log.ts';
import { cacheBackendNames, cacheBackends, isCacheBackend, requireBackendOptions, type CacheBackendName } from './cacheBackends.ts';
import type { PredictionCache } from './predictionCache.ts';

export interface PredictionCacheOptions {
  readonly backend: CacheBackendName;
  /** `lru`: most entries held. */
  readonly maxEntries: number;
  /** `lru`: most bytes held (value bytes + key length per entry). */
  readonly maxBytes: number;
  /** `lru` and `redis`: entry lifetime in ms. */
  readonly ttlMs: number;
  /** `redis`: required. */
  readonly redisUrl?: string;
  readonly logger?: Logger;
}

/**
 * Validates `options`, then loads and builds the chosen backend.
 * @throws InfercapError E_INVALID_OPTION naming the flag (`--cache`, `--cache-max-entries`,
 *   `--cache-max-bytes`, `--cache-ttl-ms`, `--redis-url`) and what to do.
 */
export async function createPredictionCache(options: PredictionCacheOptions): Promise<PredictionCache> {
  if (!isCacheBackend(options.backend)) {
    throw optionUnknownChoice('--cache', 'backend', String(options.backend), cacheBackendNames);
  }
  requirePositiveInteger('--cache-max-entries', options.maxEntries);
  requirePositiveInteger('--cache-max-bytes', options.maxBytes);
  if (!Number.isFinite(options.ttlMs) || options.ttlMs <= 0) {
    throw optionNotPositive('--cache-ttl-ms', 'milliseconds', options.ttlMs);
  }
  requireBackendOptions(options.backend, options);
  const backend = await cacheBackends[options.backend].load();
  return backend.createCache({ ...options, logger: options.logger ?? silentLogger });
}

function requirePositiveInteger(flag: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) throw optionNotPositiveInteger(flag, value);
}
