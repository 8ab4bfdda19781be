// The `redis` backend: predictions shared by every replica through a real Redis server (ioredis).
// Redis is an optimisation, never a dependency: while it is down every lookup is an immediate miss.

import { Redis } from 'ioredis';
import { silentLogger, type Logger } from '../../common/log.ts';
import type { CacheBuildOptions } from './cacheBackends.ts';
import type { PredictionCache } from './predictionCache.ts';
import { RateLimitedWarning } from './rateLimitedWarning.ts';

export interface RedisPredictionCacheOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`. */
  readonly redisUrl: string;
  /** Entries expire after this many ms (Redis `PX`, rounded up to a whole ms). */
  readonly ttlMs: number;
  readonly logger?: Logger;
  /** A command without a reply after this long is a miss; bounds the latency a hung Redis can add. */
  readonly commandTimeoutMs?: number;
  /** At most one outage warning per this many ms. */
  readonly warnIntervalMs?: number;
}

/** Reconnect delay: quick at first, then at most once a second, forever (until close). */
export const reconnectDelayMs = (attempt: number): number => Math.min(50 * 2 ** attempt, 1_000);

/** Predictions stored in Redis with a TTL; every failure is a logged miss, never an error. */
export class RedisPredictionCache implements PredictionCache {
  readonly kind = 'redis';
  readonly #client: Redis;
  readonly #ttlMs: number;
  readonly #logger: Logger;
  readonly #warning: RateLimitedWarning;
  /** host:port only: the URL may hold a password, which must not reach the logs. */
  readonly #target: string;
  #everReady = false;
  #unavailable = false;
  #closed = false;

  constructor(options: RedisPredictionCacheOptions) {
    this.#ttlMs = Math.ceil(options.ttlMs);
    this.#logger = options.logger ?? silentLogger;
    this.#target = redactedTarget(options.redisUrl);
    this.#warning = new RateLimitedWarning(this.#logger, 'prediction_cache_redis_unavailable', options.warnIntervalMs);
    this.#client = new Redis(options.redisUrl, {
      // Fail a command at once while disconnected instead of queueing it until Redis returns.
      enableOfflineQueue: false,
      // Commands in flight when the connection drops are failed, not replayed after reconnecting.
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      commandTimeout: options.commandTimeoutMs ?? 250,
      connectTimeout: 2_000,
      retryStrategy: reconnectDelayMs,
    });
    // Without an 'error' listener an outage would be an uncaught exception that ends the server.
    this.#client.on('error', (error: Error) => this.#connectionTrouble(error.message));
    this.#client.on('close', () => this.#connectionTrouble('connection closed'));
    this.#client.on('ready', () => this.#connected());
  }

  /** The stored bytes, or undefined on a miss, an expired entry, or any Redis trouble. */
  async get(key: string): Promise<Buffer | undefined> {
    if (!this.#usable()) return undefined;
    try {
      return (await this.#client.getBuffer(key)) ?? undefined;
    } catch (error) {
      this.#commandFailed('get', error);
      return undefined;
    }
  }

  /** Stores with `SET key value PX ttl`; on any Redis trouble, stores nothing. */
  async set(key: string, value: Buffer): Promise<void> {
    if (!this.#usable()) return;
    try {
      await this.#client.set(key, value, 'PX', this.#ttlMs);
    } catch (error) {
      this.#commandFailed('set', error);
    }
  }

  /** Says QUIT when connected (bounded wait), then drops the socket and stops reconnecting. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#client.status === 'ready') {
      let timer: NodeJS.Timeout | undefined;
      const giveUp = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 1_000);
        timer.unref();
      });
      await Promise.race([this.#client.quit().catch(() => undefined), giveUp]);
      clearTimeout(timer);
    }
    this.#client.disconnect();
  }

  /** Not ready means disconnected or reconnecting: answer a miss now rather than wait for an error. */
  #usable(): boolean {
    return !this.#closed && this.#client.status === 'ready';
  }

  #commandFailed(command: 'get' | 'set', error: unknown): void {
    if (this.#closed) return;
    this.#warning.warn({ target: this.#target, command, error: error instanceof Error ? error.message : String(error) });
  }

  #connectionTrouble(problem: string): void {
    if (this.#closed) return;
    this.#unavailable = true;
    this.#warning.warn({ target: this.#target, error: problem });
  }

  #connected(): void {
    if (!this.#everReady) {
      this.#logger.info('prediction_cache_redis_connected', { target: this.#target });
    } else if (this.#unavailable) {
      this.#logger.info('prediction_cache_redis_recovered', {
        target: this.#target,
        suppressedWarnings: this.#warning.takeSuppressedTotal(),
      });
    }
    this.#everReady = true;
    this.#unavailable = false;
  }
}

function redactedTarget(redisUrl: string): string {
  try {
    const url = new URL(redisUrl);
    return `${url.hostname}:${url.port === '' ? '6379' : url.port}`;
  } catch {
    return 'redis';
  }
}

/** The registry's factory (cacheBackends.ts), which checked `redisUrl` first. */
export function createCache(options: CacheBuildOptions): PredictionCache {
  return new RedisPredictionCache({ redisUrl: options.redisUrl!, ttlMs: options.ttlMs, logger: options.logger });
}
