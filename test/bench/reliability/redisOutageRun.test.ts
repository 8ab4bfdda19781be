import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../../../common/log.ts';
import { runRedisPart } from '../../../bench/reliability/reliabilitySuite.ts';
import { ensureTestModels } from '../../support/referenceServer.ts';
import { startRedisServer } from '../../support/redisServer.ts';
import { needs } from '../../support/requiredPrograms.ts';

const options = async () => ({ modelsDir: await ensureTestModels(), short: true, seed: 8, log: silentLogger });

describe('Redis outage under load (short form of the reliability suite part)', () => {
  it('Redis killed mid-run fails no prediction; hits stop while it is down and come back with it', needs('redis-server'), async () => {
    const figures = await runRedisPart({ ...(await options()), startRedis: startRedisServer });
    assert.ok(figures !== undefined && !('skipped' in figures));
    assert.equal(figures.failedPredictions, 0);
    assert.ok(figures.before.hits > 0);
    assert.ok(figures.outage.requests > 0);
    assert.equal(figures.outage.hits, 0);
    assert.ok(figures.after.hits > 0);
  });
});
