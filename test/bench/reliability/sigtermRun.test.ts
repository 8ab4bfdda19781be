import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../../../common/log.ts';
import { runSigtermPart } from '../../../bench/reliability/reliabilitySuite.ts';
import { ensureTestModels } from '../../support/referenceServer.ts';

const options = async () => ({ modelsDir: await ensureTestModels(), short: true, seed: 8, log: silentLogger });

describe('SIGTERM under load (short form of the reliability suite part)', () => {
  it('SIGTERM under load drops no request in flight and exits 0', async () => {
    const figures = (await runSigtermPart(await options()))!;
    assert.equal(figures.exitCode, 0);
    assert.equal(figures.dropped, 0, JSON.stringify(figures.errors));
    assert.ok(figures.answered200 > 0);
    assert.deepEqual(Object.keys(figures.errors).filter((code) => code !== 'ECONNREFUSED'), []);
  });
});
