// Against a real redis-server started (and stopped) by the tests; see test/support/redisServer.ts.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { createLogger, type Logger } from '../../../common/log.ts';
import { RedisPredictionCache } from '../../../reference-server/cache/redisPredictionCache.ts';
import { startRedisServer, type RedisServer } from '../../support/redisServer.ts';
import { needs, skipsFor } from '../../support/requiredPrograms.ts';

type LogLine = { level: string; event: string } & Record<string, unknown>;

function capture(): { lines: LogLine[]; logger: Logger } {
  const lines: LogLine[] = [];
  return { lines, logger: createLogger('debug', {}, (line) => lines.push(JSON.parse(line) as LogLine)) };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 50 ms until it holds; fails after `timeoutMs`. */
async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(50);
  }
  assert.fail(`${what} did not happen within ${timeoutMs} ms`);
}

/** Resolves with `promise`'s value, or fails the test if it is still pending after `ms`. */
async function settlesWithin<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Stores and reads back a probe until the cache answers from Redis. */
async function untilConnected(cache: RedisPredictionCache): Promise<void> {
  await eventually('a cache hit', async () => {
    await cache.set('probe', Buffer.from('p'));
    return (await cache.get('probe')) !== undefined;
  });
}

describe('RedisPredictionCache against a running redis-server', () => {
  let server: RedisServer | undefined;
  let raw: Redis | undefined;
  const caches: RedisPredictionCache[] = [];
  const open = async (ttlMs: number, logger?: Logger) => {
    const cache = new RedisPredictionCache({ redisUrl: server!.url, ttlMs, ...(logger ? { logger } : {}) });
    caches.push(cache);
    await untilConnected(cache);
    return cache;
  };

  before(async () => {
    if (skipsFor('redis-server')) return;
    server = await startRedisServer();
    raw = new Redis(server.url);
  });
  after(async () => {
    await Promise.all(caches.map((cache) => cache.close()));
    raw?.disconnect();
    await server?.stop();
  });

  it('misses an unknown key and returns identical bytes on a hit', needs('redis-server'), async () => {
    const cache = await open(60_000);
    const value = Buffer.from([0, 1, 2, 0x0d, 0x0a, 253, 254, 255]);
    assert.equal(await cache.get('hit-miss'), undefined);
    await cache.set('hit-miss', value);
    assert.deepEqual(await cache.get('hit-miss'), value);
    assert.equal(cache.kind, 'redis');
  });

  it('stores with an expiry of ttlMs (SET … PX)', needs('redis-server'), async () => {
    const cache = await open(60_000);
    await cache.set('ttl', Buffer.from('v'));
    const pttl = await raw!.pttl('ttl');
    assert.ok(pttl > 59_000 && pttl <= 60_000, `PTTL ${pttl}`);
  });

  it('rounds a fractional ttlMs up to a whole millisecond', needs('redis-server'), async () => {
    const cache = await open(1_500.5);
    await cache.set('ttl-fraction', Buffer.from('v'));
    const pttl = await raw!.pttl('ttl-fraction');
    assert.ok(pttl > 1_000 && pttl <= 1_501, `PTTL ${pttl}`);
  });

  it('misses once Redis has expired the entry', needs('redis-server'), async () => {
    const cache = await open(30);
    await cache.set('expires', Buffer.from('v'));
    await sleep(150);
    assert.equal(await cache.get('expires'), undefined);
  });

  it('logs that it connected, naming host:port', needs('redis-server'), async () => {
    const { lines, logger } = capture();
    await open(60_000, logger);
    assert.deepEqual(lines.map(({ level, event, target }) => ({ level, event, target })), [
      { level: 'info', event: 'prediction_cache_redis_connected', target: `127.0.0.1:${server!.port}` },
    ]);
  });

  it('lets the process exit after close', needs('redis-server'), async () => {
    const { code, stdout } = await runFixture(server!.url);
    assert.equal(stdout, 'closed\n');
    assert.equal(code, 0);
  });
});

describe('RedisPredictionCache through an outage', () => {
  let server: RedisServer | undefined;
  let cache: RedisPredictionCache | undefined;
  const { lines, logger } = capture();

  before(async () => {
    if (skipsFor('redis-server')) return;
    server = await startRedisServer();
    cache = new RedisPredictionCache({ redisUrl: server.url, ttlMs: 60_000, logger });
    await untilConnected(cache);
  });
  after(async () => {
    await cache?.close();
    await server?.stop();
  });

  it('answers misses at once while Redis is killed, and hits again once it is back on the same port', needs('redis-server'), async () => {
    await cache!.set('k', Buffer.from('before'));
    // Lookups in flight when Redis dies settle too (as hits or misses), none rejects.
    const inFlight = Array.from({ length: 50 }, () => cache!.get('k'));
    await server!.kill();
    const settled = await settlesWithin(2_000, Promise.all(inFlight));
    assert.ok(settled.every((value) => value === undefined || value.toString() === 'before'));

    await settlesWithin(2_000, cache!.set('k2', Buffer.from('during')));
    assert.equal(await settlesWithin(2_000, cache!.get('k2')), undefined);
    assert.equal(await settlesWithin(2_000, cache!.get('k')), undefined);
    await eventually('an outage warning', async () =>
      lines.some((line) => line.level === 'warn' && line.event === 'prediction_cache_redis_unavailable'),
    );

    await server!.restart();
    await untilConnected(cache!);
    await cache!.set('k3', Buffer.from('after'));
    assert.equal((await cache!.get('k3'))?.toString(), 'after');
    const recovered = lines.filter((line) => line.event === 'prediction_cache_redis_recovered');
    assert.equal(recovered.length, 1);
    assert.equal(recovered[0]!.level, 'info');
    assert.equal(recovered[0]!.target, `127.0.0.1:${server!.port}`);
    assert.equal(typeof recovered[0]!.suppressedWarnings, 'number');
  });

  it('answers a miss within the command timeout while Redis hangs, and hits once it answers again', needs('redis-server'), async () => {
    await cache!.set('hang', Buffer.from('v'));
    server!.pause();
    try {
      const started = Date.now();
      assert.equal(await settlesWithin(2_000, cache!.get('hang')), undefined);
      assert.ok(Date.now() - started >= 200, 'the miss came from the 250 ms command timeout');
    } finally {
      server!.resume();
    }
    await eventually('a hit after resuming', async () => (await cache!.get('hang'))?.toString() === 'v');
  });
});

describe('RedisPredictionCache with no Redis to reach', () => {
  it('misses at once, warns once per interval without the password, and closes promptly', async () => {
    const { lines, logger } = capture();
    // Port 1 on loopback: nothing listens there, so every connection attempt is refused.
    const cache = new RedisPredictionCache({ redisUrl: 'redis://:secret@127.0.0.1:1', ttlMs: 60_000, logger });
    for (let i = 0; i < 20; i++) {
      assert.equal(await settlesWithin(2_000, cache.get(`k${i}`)), undefined);
      await settlesWithin(2_000, cache.set(`k${i}`, Buffer.from('v')));
      await sleep(25);
    }
    await settlesWithin(2_000, cache.close());
    assert.equal(await cache.get('k0'), undefined);
    const warnings = lines.filter((line) => line.event === 'prediction_cache_redis_unavailable');
    assert.equal(warnings.length, 1); // the test lasts well under the 5 s interval
    assert.equal(warnings[0]!.level, 'warn');
    assert.equal(warnings[0]!.target, '127.0.0.1:1');
    assert.ok(!JSON.stringify(lines).includes('secret'));
  });

  it('lets the process exit after close', async () => {
    const { code, stdout } = await runFixture('redis://127.0.0.1:1');
    assert.equal(stdout, 'closed\n');
    assert.equal(code, 0);
  });
});

/** Runs fixtures/redisCacheThenExit.ts; fails if the process has not exited on its own within 10 s. */
function runFixture(redisUrl: string): Promise<{ code: number | null; stdout: string }> {
  const fixture = fileURLToPath(new URL('./fixtures/redisCacheThenExit.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, redisUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the process was still running 10 s after close(); output: ${stdout}`));
    }, 10_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
  });
}
