import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../../../common/log.ts';
import { runOverloadPart } from '../../../bench/reliability/reliabilitySuite.ts';
import { ensureTestModels } from '../../support/referenceServer.ts';

describe('overload (short form of the reliability suite part)', () => {
  it('sheds the excess of 5x capacity with 503 + Retry-After, fails nothing else, keeps memory bounded, serves again after', async () => {
    const modelsDir = await ensureTestModels();
    const figures = (await runOverloadPart({ modelsDir, short: true, seed: 3, log: silentLogger }))!;
    assert.ok(figures.capacity > 0);
    assert.equal(figures.overloadRate, figures.capacity * 5);
    assert.ok(figures.shed > 0, `nothing shed at 5x capacity: ${JSON.stringify(figures)}`);
    assert.equal(figures.shedWithRetryAfter, figures.shed);
    assert.equal(figures.otherFailures, 0);
    assert.equal(figures.answered, figures.admitted + figures.shed);
    assert.ok(figures.admitted > 0);
    assert.ok(figures.rssGrowthMb !== null && figures.rssGrowthMb <= 200, `resident memory grew ${figures.rssGrowthMb} MB`);
    // How soon latency is normal again is a timing figure for the suite's table; here: answers are normal again.
    assert.ok(figures.afterOk > 0 && figures.afterSent > 0);
  });
});
