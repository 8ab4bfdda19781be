import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../../../common/log.ts';
import { runReplicaKillPart } from '../../../bench/reliability/reliabilitySuite.ts';
import { ensureTestModels } from '../../support/referenceServer.ts';

const options = async () => ({ modelsDir: await ensureTestModels(), short: true, seed: 8, log: silentLogger });

describe('replica SIGKILL under load (short form of the reliability suite part)', () => {
  it('SIGKILL of a replica with requests in flight fails no client request: the balancer retries them and the supervisor restarts it', async () => {
    const figures = await runReplicaKillPart(await options());
    assert.ok(figures !== undefined && !('skipped' in figures));
    assert.equal(figures.replicas, 3);
    assert.ok(figures.killedInFlight > 0, `the killed replica had no request in flight: ${JSON.stringify(figures)}`);
    assert.ok(figures.retries > 0, `no request was retried: ${JSON.stringify(figures)}`);
    assert.equal(figures.failed, 0, `${JSON.stringify(figures.byStatus)} ${JSON.stringify(figures.errors)}`);
    assert.ok(figures.sent > 0);
    assert.equal(figures.restarted, true, `the killed replica did not run again: ${JSON.stringify(figures)}`);
  });
});
