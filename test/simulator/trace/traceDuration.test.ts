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

  it('rejects fractions of a second, negative values and unknown units', () => {
    assert.equal(tryParseTraceSeconds('500ms').ok, false);
    assert.equal(tryParseTraceSeconds(-1).ok, false);
    assert.equal(tryParseTraceSeconds('2w').ok, false);
  });
});
