// The interface every prediction-cache backend implements (the backends: cacheBackends.ts).

import type { CacheBackendName } from './cacheBackends.ts';

/**
 * A store of encoded predictions keyed by a digest of model, version and the exact input bytes.
 * Backends never throw on lookup or store: an unavailable backend behaves as a miss.
 */
export interface PredictionCache {
  readonly kind: CacheBackendName;
  get(key: string): Promise<Buffer | undefined>;
  set(key: string, value: Buffer): Promise<void>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}
