import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InfercapError } from '../../../common/errors.ts';
import { cacheBackendNames } from '../../../reference-server/cache/cacheBackends.ts';
import {
  createPredictionCache,
  type PredictionCacheOptions,
} from '../../../reference-server/cache/createPredictionCache.ts';

const valid: PredictionCacheOptions = { backend: 'lru', maxEntries: 10, maxBytes: 1_000, ttlMs: 1_000 };

/** Asserts that `options` are refused with E_INVALID_OPTION and exactly `message`. */
async function assertRefused(options: PredictionCacheOptions, message: string) {
  await assert.rejects(
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
    assert.deepEqual(cacheBackendNames, ['lru', 'redis', 'off']);
    for (const backend of ['lru', 'off'] as const) {
      const cache = await createPredictionCache({ ...valid, backend });
      assert.equal(cache.kind, backend);
      await cache.close();
    }
    // Port 1 on loopback has nothing listening: the client is built, fails to connect, and closes.
    const redis = await createPredictionCache({ ...valid, backend: 'redis', redisUrl: 'redis://127.0.0.1:1' });
    assert.equal(redis.kind, 'redis');
    assert.equal(await redis.get('k'), undefined);
    await redis.close();
  });

  it('passes the limits to the lru backend', async () => {
    const cache = await createPredictionCache({ ...valid, maxEntries: 1 });
    await cache.set('a', Buffer.from('A'));
    await cache.set('b', Buffer.from('B'));
    assert.equal(await cache.get('a'), undefined);
    assert.equal((await cache.get('b'))?.toString(), 'B');
  });

  it('requires --redis-url with the redis backend', async () => {
    const message = '--redis-url: is required with --cache redis (e.g. redis://127.0.0.1:6379)';
    await assertRefused({ ...valid, backend: 'redis' }, message);
    await assertRefused({ ...valid, backend: 'redis', redisUrl: '' }, message);
  });

  it('refuses a redis URL that is not redis:// or rediss://', async () => {
    await assertRefused(
      { ...valid, backend: 'redis', redisUrl: 'localhost:6379' },
      '--redis-url: "localhost:6379" must start with redis:// or rediss:// (e.g. redis://127.0.0.1:6379)',
    );
    await assertRefused(
      { ...valid, backend: 'redis', redisUrl: 'http://127.0.0.1:6379' },
      '--redis-url: "http://127.0.0.1:6379" must start with redis:// or rediss:// (e.g. redis://127.0.0.1:6379)',
    );
    await assertRefused(
      { ...valid, backend: 'redis', redisUrl: 'not a url' },
      '--redis-url: "not a url" is not a URL; write it as redis://host:port (e.g. redis://127.0.0.1:6379)',
    );
  });

  it('refuses an unknown backend, naming the known ones', async () => {
    await assertRefused(
      { ...valid, backend: 'memcached' as PredictionCacheOptions['backend'] },
      '--cache: unknown backend "memcached"; choose one of lru, redis, off',
    );
    await assertRefused(
      { ...valid, backend: 'toString' as PredictionCacheOptions['backend'] },
      '--cache: unknown backend "toString"; choose one of lru, redis, off',
    );
  });

  it('refuses limits that are not positive integers', async () => {
    await assertRefused({ ...valid, maxEntries: 0 }, '--cache-max-entries: must be a positive integer, got 0');
    await assertRefused({ ...valid, maxEntries: 1.5 }, '--cache-max-entries: must be a positive integer, got 1.5');
    await assertRefused({ ...valid, maxBytes: -1 }, '--cache-max-bytes: must be a positive integer, got -1');
    await assertRefused({ ...valid, ttlMs: 0 }, '--cache-ttl-ms: must be a positive number of milliseconds, got 0');
    await assertRefused({ ...valid, ttlMs: Number.NaN }, '--cache-ttl-ms: must be a positive number of milliseconds, got NaN');
    await assertRefused({ ...valid, ttlMs: Infinity }, '--cache-ttl-ms: must be a positive number of milliseconds, got Infinity');
  });
});
