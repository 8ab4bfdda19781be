import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InfercapError } from '../../../common/errors.ts';
import {
  createPredictionCache,
  predictionCacheBackends,
  type PredictionCacheOptions,
} from '../../../reference-server/cache/createPredictionCache.ts';

const valid: PredictionCacheOptions = { backend: 'lru', maxEntries: 10, maxBytes: 1_000, ttlMs: 1_000 };

/** Asserts that `options` are refused with E_INVALID_OPTION and exactly `message`. */
function assertRefused(options: PredictionCacheOptions, message: string) {
  assert.throws(
    () => createPredictionCache(options),
    (error: unknown) => {
      assert.ok(error instanceof InfercapError);
      assert.equal(error.code, 'E_INVALID_OPTION');
      assert.equal(error.message, message);
      return true;
    },
  );
}

describe('createPredictionCache', () => {
  it('builds each registered backend', async () => {
    assert.deepEqual(predictionCacheBackends, ['lru', 'redis', 'off']);
    for (const backend of ['lru', 'off'] as const) {
      const cache = createPredictionCache({ ...valid, backend });
      assert.equal(cache.kind, backend);
      await cache.close();
    }
    // Port 1 on loopback has nothing listening: the client is built, fails to connect, and closes.
    const redis = createPredictionCache({ ...valid, backend: 'redis', redisUrl: 'redis://127.0.0.1:1' });
    assert.equal(redis.kind, 'redis');
    assert.equal(await redis.get('k'), undefined);
    await redis.close();
  });

  it('passes the limits to the lru backend', async () => {
    const cache = createPredictionCache({ ...valid, maxEntries: 1 });
    await cache.set('a', Buffer.from('A'));
    await cache.set('b', Buffer.from('B'));
    assert.equal(await cache.get('a'), undefined);
    assert.equal((await cache.get('b'))?.toString(), 'B');
  });

  it('requires --redis-url with the redis backend', () => {
    const message = '--redis-url: is required with --cache redis (e.g. redis://127.0.0.1:6379)';
    assertRefused({ ...valid, backend: 'redis' }, message);
    assertRefused({ ...valid, backend: 'redis', redisUrl: '' }, message);
  });

  it('refuses a redis URL that is not redis:// or rediss://', () => {
    assertRefused(
      { ...valid, backend: 'redis', redisUrl: 'localhost:6379' },
      '--redis-url: "localhost:6379" must start with redis:// or rediss:// (e.g. redis://127.0.0.1:6379)',
    );
    assertRefused(
      { ...valid, backend: 'redis', redisUrl: 'http://127.0.0.1:6379' },
      '--redis-url: "http://127.0.0.1:6379" must start with redis:// or rediss:// (e.g. redis://127.0.0.1:6379)',
    );
    assertRefused(
      { ...valid, backend: 'redis', redisUrl: 'not a url' },
      '--redis-url: "not a url" is not a URL; write it as redis://host:port (e.g. redis://127.0.0.1:6379)',
    );
  });

  it('refuses an unknown backend, naming the known ones', () => {
    assertRefused(
      { ...valid, backend: 'memcached' as PredictionCacheOptions['backend'] },
      '--cache: unknown backend "memcached"; use one of lru, redis, off',
    );
    assertRefused(
      { ...valid, backend: 'toString' as PredictionCacheOptions['backend'] },
      '--cache: unknown backend "toString"; use one of lru, redis, off',
    );
  });

  it('refuses limits that are not positive integers', () => {
    assertRefused({ ...valid, maxEntries: 0 }, '--cache-max-entries: must be a positive integer, got 0');
    assertRefused({ ...valid, maxEntries: 1.5 }, '--cache-max-entries: must be a positive integer, got 1.5');
    assertRefused({ ...valid, maxBytes: -1 }, '--cache-max-bytes: must be a positive integer, got -1');
    assertRefused({ ...valid, ttlMs: 0 }, '--cache-ttl-ms: must be a positive number of milliseconds, got 0');
    assertRefused({ ...valid, ttlMs: Number.NaN }, '--cache-ttl-ms: must be a positive number of milliseconds, got NaN');
    assertRefused({ ...valid, ttlMs: Infinity }, '--cache-ttl-ms: must be a positive number of milliseconds, got Infinity');
  });
});
