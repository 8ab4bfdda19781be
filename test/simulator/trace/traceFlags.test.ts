import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInfercapError } from '../../../common/errors.ts';
import { traceOptionsFromFlags, type TraceFlags } from '../../../simulator/trace/traceFlags.ts';

const base: TraceFlags = { timezone: 'UTC', gaps: 'error', maxGap: 300 };

describe('traceOptionsFromFlags', () => {
  it('reads a window of durations or of timestamps (whose colons are not the separator), and the other transformations', () => {
    assert.deepEqual(traceOptionsFromFlags({ ...base, window: '1d:36h' }).transforms?.window, { start: { offset: 86_400 }, end: { offset: 129_600 } });
    assert.deepEqual(traceOptionsFromFlags({ ...base, window: ':12h' }).transforms?.window, { start: { offset: 0 }, end: { offset: 43_200 } });
    assert.deepEqual(traceOptionsFromFlags({ ...base, window: '2024-01-01 06:00:00:' }).transforms?.window, { start: { unix: 1704088800 }, end: undefined });
    assert.deepEqual(traceOptionsFromFlags({ ...base, window: '2024-01-01 06:00:00:2024-01-01 07:00:00' }).transforms?.window, { start: { unix: 1704088800 }, end: { unix: 1704092400 } });
    assert.deepEqual(traceOptionsFromFlags({ ...base, speedup: 60, scale: 0.5, repeat: 2, shift: '-2h' }).transforms, { speedup: 60, scale: 0.5, repeat: 2, shift: -7200 });
  });

  it('passes the reading options, the zone and the interval in seconds', () => {
    const options = traceOptionsFromFlags({ ...base, traceFormat: 'counts', interval: '1m', timezone: 'Europe/Paris', gaps: 'zero' });
    assert.deepEqual({ ...options, transforms: undefined }, { format: 'counts', intervalSeconds: 60, timezone: 'Europe/Paris', gaps: 'zero', maxGapSeconds: 300, transforms: undefined });
  });

  it('names the flag and the problem', () => {
    const problem = (flags: Partial<TraceFlags>) => {
      try {
        traceOptionsFromFlags({ ...base, ...flags });
      } catch (error) {
        assert.ok(isInfercapError(error));
        return error.message;
      }
      assert.fail('expected an error');
    };
    assert.match(problem({ timezone: 'Nowhere/Town' }), /^--timezone: "Nowhere\/Town" is not a time zone/);
    assert.match(problem({ window: 'yesterday' }), /^--window: "yesterday" is not START:END/);
    assert.match(problem({ speedup: 0 }), /^--speedup: must be greater than 0/);
    assert.match(problem({ repeat: 1.5 }), /^--repeat: must be a whole number/);
    assert.match(problem({ interval: 'often' }), /^--interval: "often" is not a duration/);
  });
});
