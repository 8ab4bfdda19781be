import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../../../common/log.ts';
import { runReplicaKillPart } from '../../../bench/reliability/reliabilitySuite.ts';
import { ensureTestModels } from '../../support/referenceServer.ts';

const options = async () => ({ modelsDir: await ensureTestModels(), short: true, seed: 8, log: silentLogger });

describe('replica SIGKILL under load (short form of the reliability suite part)', () => {
  it('SIGKILL of one of three replicas fails no client request', async () => {
    const figures = await runReplicaKillPart(await options());
    assert.ok(figures !== undefined && !('skipped' in figures));
    assert.equal(figures.replicas, 3);
    assert.equal(figures.failed, 0, `${JSON.stringify(figures.byStatus)} ${JSON.stringify(figures.errors)}`);
    assert.ok(figures.sent > 0);
  });
});
