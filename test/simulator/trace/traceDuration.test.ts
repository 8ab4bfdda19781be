import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tryParseTraceSeconds } from '../../../simulator/trace/traceDuration.ts';

describe('tryParseTraceSeconds', () => {
  it('reads seconds and durations in s, m, h and d as whole seconds', () => {
    assert.deepEqual(tryParseTraceSeconds(3600), { ok: true, seconds: 3600 });
    assert.deepEqual(tryParseTraceSeconds('90s'), { ok: true, seconds: 90 });
    assert.deepEqual(tryParseTraceSeconds('1.5h'), { ok: true, seconds: 5400 });
    assert.deepEqual(tryParseTraceSeconds('87d'), { ok: true, seconds: 7_516_800 });
    assert.deepEqual(tryParseTraceSeconds('0.5d'), { ok: true, seconds: 43_200 });
  });

  it('reads several units in falling order as their sum, as Go and k6 write durations', () => {
    assert.deepEqual(tryParseTraceSeconds('1h30m'), { ok: true, seconds: 5400 });
    assert.deepEqual(tryParseTraceSeconds('2d12h'), { ok: true, seconds: 216_000 });
    assert.deepEqual(tryParseTraceSeconds('1d2h3m4s'), { ok: true, seconds: 93_784 });
    assert.deepEqual(tryParseTraceSeconds('1h0.5m'), { ok: true, seconds: 3630 });
  });

  it('rejects units out of order or repeated, and a compound that leaves a fraction of a second', () => {
    assert.equal(tryParseTraceSeconds('30m1h').ok, false);
    assert.equal(tryParseTraceSeconds('1h1h').ok, false);
    assert.equal(tryParseTraceSeconds('1h30').ok, false);
    assert.deepEqual(tryParseTraceSeconds('1m0.5s'), { ok: false, problem: '1m0.5s is not a whole number of seconds' });
  });

  it('rejects fractions of a second, negative values and unknown units', () => {
    assert.equal(tryParseTraceSeconds('500ms').ok, false);
    assert.equal(tryParseTraceSeconds(-1).ok, false);
    assert.equal(tryParseTraceSeconds('2w').ok, false);
  });
});
