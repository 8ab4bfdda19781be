// The server with the Redis cache backend, against a real redis-server the test starts on a free port
// (install it with "apt-get install -y redis-server"; .ci/run does).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../reference-server/server.ts';
import { inferRows, inferUrl, metricValue, startTestServer } from '../support/referenceServer.ts';
import { startRedisServer, type RedisServer } from '../support/redisServer.ts';
import { needs, skipsFor } from '../support/requiredPrograms.ts';

let redis: RedisServer;
let server: RunningServer;
const row = (seed: number) => Array.from({ length: 784 }, (_, i) => ((i * seed) % 97) / 97);

before(async () => {
    if (skipsFor('redis-server')) return;
  redis = await startRedisServer();
  server = await startTestServer({ models: ['mnist-mlp'], cache: 'redis', redisUrl: redis.url });
});
after(async () => {
  await server?.close();
  await redis?.stop();
});

async function untilHit(rows: number[]): Promise<void> {
  // The client reconnects with back-off after an outage; poll until the cache answers again.
  for (let attempt = 0; attempt < 100; attempt++) {
    await inferRows(inferUrl(server, 'mnist-mlp'), rows);
    const again = await inferRows(inferUrl(server, 'mnist-mlp'), rows);
    if (again.headers.get('x-infercap-cache') === 'hit') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail('the Redis cache never answered a hit');
}

describe('server with the Redis prediction cache', () => {
  it('serves a repeated input from Redis with identical outputs, per version', needs('redis-server'), async () => {
    await untilHit(row(3));
    const first = await inferRows(inferUrl(server, 'mnist-mlp', 'fp32'), row(5));
    const second = await inferRows(inferUrl(server, 'mnist-mlp', 'fp32'), row(5));
    const otherVersion = await inferRows(inferUrl(server, 'mnist-mlp', 'int8'), row(5));
    assert.equal(first.headers.get('x-infercap-cache'), 'miss');
    assert.equal(second.headers.get('x-infercap-cache'), 'hit');
    assert.deepEqual(second.body.outputs, first.body.outputs);
    assert.equal(otherVersion.headers.get('x-infercap-cache'), 'miss');
    assert.ok((await metricValue(server, 'infercap_cache_lookups_total', { result: 'hit' })) >= 1);
  });

  it('keeps answering every prediction while Redis is down, and hits again once it is back', needs('redis-server'), async () => {
    await redis.kill();
    const during = await Promise.all([7, 8, 9, 7].map((seed) => inferRows(inferUrl(server, 'mnist-mlp'), row(seed))));
    assert.deepEqual(during.map((r) => r.status), [200, 200, 200, 200]);
    assert.deepEqual(during.map((r) => r.headers.get('x-infercap-cache')), ['miss', 'miss', 'miss', 'miss']);
    await redis.restart();
    await untilHit(row(11));
  });
});
