import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../../../common/log.ts';
import { hostileKinds } from '../../../bench/reliability/hostileRequests.ts';
import { runFuzzPart } from '../../../bench/reliability/reliabilitySuite.ts';
import { ensureTestModels } from '../../support/referenceServer.ts';

describe('fuzz (short form of the reliability suite part)', () => {
  it('answers every hostile request 4xx with an error message, without a crash or a 5xx, while valid traffic keeps succeeding', async () => {
    const modelsDir = await ensureTestModels();
    const figures = (await runFuzzPart({ modelsDir, short: true, seed: 99, log: silentLogger }))!;
    assert.equal(figures.hostile, 600);
    assert.deepEqual(figures.examples, []);
    assert.equal(figures.crashes, 0);
    assert.equal(figures.fiveHundreds, 0);
    assert.equal(figures.hostileAnswered4xx, 600);
    assert.equal(figures.hostileWithMessage, 600);
    assert.equal(figures.hostileUnexpected, 0);
    assert.deepEqual(Object.keys(figures.byKind).sort(), [...hostileKinds].sort());
    assert.ok(figures.valid.before.ok > 0 && figures.valid.during.ok > 0);
    assert.equal(figures.valid.during.failed, 0);
    assert.equal(figures.valid.before.failed, 0);
    assert.ok(figures.p99Ratio !== null && figures.p99Ratio > 0);
  });
});
