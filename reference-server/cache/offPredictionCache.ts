// The `off` backend: every lookup misses and nothing is stored, so every request runs the model.

import type { CacheBuildOptions } from './cacheBackends.ts';
import type { PredictionCache } from './predictionCache.ts';

/** A cache that never holds anything (`--cache off`). */
export class OffPredictionCache implements PredictionCache {
  readonly kind = 'off';

  async get(_key: string): Promise<Buffer | undefined> {
    return undefined;
  }

  async set(_key: string, _value: Buffer): Promise<void> {}

  async close(): Promise<void> {}
}

/** The registry's factory (cacheBackends.ts). */
export function createCache(_options: CacheBuildOptions): PredictionCache {
  return new OffPredictionCache();
}
