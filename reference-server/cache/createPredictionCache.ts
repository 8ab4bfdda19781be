// Builds the prediction cache the options ask for. Adding a backend: one file, one line in `backends`.

import { optionNotPositive, optionNotPositiveInteger, optionUnknownChoice, redisUrlMissing, redisUrlNotUrl, redisUrlWrongScheme } from '../../common/errors.ts';
import { silentLogger, type Logger } from '../../common/log.ts';
import { LruPredictionCache } from './lruPredictionCache.ts';
import { OffPredictionCache } from './offPredictionCache.ts';
import type { PredictionCache } from './predictionCache.ts';

export interface PredictionCacheOptions {
  readonly backend: PredictionCache['kind'];
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

type ValidOptions = PredictionCacheOptions & { readonly logger: Logger };

// The Redis client (ioredis) is loaded only by servers that use it: it is a tenth of a replica's start-up.
const backends: Record<PredictionCache['kind'], (options: ValidOptions) => PredictionCache | Promise<PredictionCache>> = {
  lru: (o) => new LruPredictionCache({ maxEntries: o.maxEntries, maxBytes: o.maxBytes, ttlMs: o.ttlMs }),
  redis: async (o) => new (await import('./redisPredictionCache.ts')).RedisPredictionCache({ redisUrl: o.redisUrl!, ttlMs: o.ttlMs, logger: o.logger }),
  off: () => new OffPredictionCache(),
};

/** The backend names, for `--cache` choices and help text. */
export const predictionCacheBackends = Object.keys(backends) as PredictionCache['kind'][];

/**
 * Validates `options` and builds the chosen backend.
 * @throws InfercapError E_INVALID_OPTION naming the flag (`--cache`, `--cache-max-entries`,
 *   `--cache-max-bytes`, `--cache-ttl-ms`, `--redis-url`) and what to do.
 */
export async function createPredictionCache(options: PredictionCacheOptions): Promise<PredictionCache> {
  const create = Object.hasOwn(backends, options.backend) ? backends[options.backend] : undefined;
  if (create === undefined) {
    throw optionUnknownChoice('--cache', 'backend', String(options.backend), predictionCacheBackends);
  }
  requirePositiveInteger('--cache-max-entries', options.maxEntries);
  requirePositiveInteger('--cache-max-bytes', options.maxBytes);
  if (!Number.isFinite(options.ttlMs) || options.ttlMs <= 0) {
    throw optionNotPositive('--cache-ttl-ms', 'milliseconds', options.ttlMs);
  }
  if (options.backend === 'redis') requireRedisUrl(options.redisUrl);
  return create({ ...options, logger: options.logger ?? silentLogger });
}

function requirePositiveInteger(flag: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) throw optionNotPositiveInteger(flag, value);
}

/** Checks the URL of the `redis` backend; shared with the server's option validation. */
export function requireRedisUrl(redisUrl: string | undefined): void {
  if (redisUrl === undefined || redisUrl === '') {
    throw redisUrlMissing();
  }
  let protocol: string;
  try {
    protocol = new URL(redisUrl).protocol;
  } catch {
    throw redisUrlNotUrl(redisUrl);
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw redisUrlWrongScheme(redisUrl);
  }
}
