// The one registry of prediction-cache backends. The server's `--cache` choices and help, the option
// checks of the server and of scenarios, the factory and the `cache` field of run results all read it.
// Adding a backend: its file (exporting `createCache`) and one line here.

import type { Logger } from '../../common/log.ts';
import type { PredictionCache } from './predictionCache.ts';
import { requireRedisUrl } from './redisUrl.ts';

/** What every backend is built from: the server's validated cache options. */
export interface CacheBuildOptions {
  /** Most entries held. */
  readonly maxEntries: number;
  /** Most bytes held (value bytes + key length per entry). */
  readonly maxBytes: number;
  /** Entry lifetime in ms. */
  readonly ttlMs: number;
  /** Present (and checked) when the backend requires it. */
  readonly redisUrl?: string | undefined;
  readonly logger: Logger;
}

/** A backend's module: one factory. */
export interface CacheBackendModule {
  createCache(options: CacheBuildOptions): PredictionCache;
}

/** A server option a backend cannot run without, and how it is checked. */
export interface RequiredCacheOption {
  readonly option: 'redisUrl';
  /** A value to show in messages. */
  readonly example: string;
  /** @throws InfercapError E_INVALID_OPTION naming the flag. */
  readonly check: (value: string | undefined) => void;
}

export interface CacheBackend {
  /** For help text: what the backend keeps and where. */
  readonly describe: string;
  readonly requires: readonly RequiredCacheOption[];
  /** Loads the backend's module only when it is chosen: ioredis is a tenth of a replica's start-up. */
  readonly load: () => Promise<CacheBackendModule>;
}

const redisUrl: RequiredCacheOption = { option: 'redisUrl', example: 'redis://127.0.0.1:6379', check: requireRedisUrl };

// Typed one by one (not inferred) so that the modules' own types, which name CacheBackendName, do not feed back into it.
const backend = (entry: CacheBackend): CacheBackend => entry;

export const cacheBackends = {
  lru: backend({ describe: 'in-process LRU', requires: [], load: () => import('./lruPredictionCache.ts') }),
  redis: backend({ describe: 'shared through Redis', requires: [redisUrl], load: () => import('./redisPredictionCache.ts') }),
  off: backend({ describe: 'no caching', requires: [], load: () => import('./offPredictionCache.ts') }),
};

export type CacheBackendName = keyof typeof cacheBackends;

/** The backend names, in registry order (`lru` first: the default); a tuple, as z.enum wants. */
export const cacheBackendNames = Object.keys(cacheBackends) as [CacheBackendName, ...CacheBackendName[]];

export function isCacheBackend(name: unknown): name is CacheBackendName {
  return typeof name === 'string' && Object.hasOwn(cacheBackends, name);
}

/** The options `backend` requires (empty for most). */
export function requiredOptionsOf(backend: CacheBackendName): readonly RequiredCacheOption[] {
  return cacheBackends[backend].requires;
}

/**
 * Checks the options `backend` requires (e.g. `--redis-url` for `redis`), before anything is loaded.
 * @throws InfercapError E_INVALID_OPTION naming the flag.
 */
export function requireBackendOptions(backend: CacheBackendName, options: { readonly redisUrl?: string | undefined }): void {
  for (const required of requiredOptionsOf(backend)) required.check(options[required.option]);
}

/** `Prediction cache backend: lru (in-process LRU), …`, for `--cache`'s help. */
export const cacheBackendHelp = `Prediction cache backend: ${cacheBackendNames.map((name) => `${name} (${cacheBackends[name].describe})`).join(', ')}`;
