import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { durationSchema, formatDuration, parseDuration, tryParseDuration } from '../../../harness/scenario/duration.ts';

describe('parseDuration', () => {
  it('reads each unit to milliseconds', () => {
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('30s'), 30_000);
    assert.equal(parseDuration('2m'), 120_000);
    assert.equal(parseDuration('1h'), 3_600_000);
    assert.equal(parseDuration('0ms'), 0);
  });

  it('reads fractions exactly, to the microsecond', () => {
    assert.equal(parseDuration('1.5s'), 1_500);
    assert.equal(parseDuration('0.1s'), 100);
    assert.equal(parseDuration('.25ms'), 0.25);
    assert.equal(parseDuration('0.0001s'), 0.1);
  });

  it('rejects text without a unit, with a space, or with an unknown unit, naming the text and the fix', () => {
    for (const text of ['30', '30 s', '30sec', '1d', '-1s', 's', '', '1.s', '1e3ms', '30S']) {
      assert.deepEqual(tryParseDuration(text), {
        ok: false,
        problem: `"${text}" is not a duration; write a number and a unit: ms, s, m or h (e.g. 500ms, 30s, 2m, 1h)`,
      });
    }
    assert.throws(() => parseDuration('30'), { name: 'RangeError', message: /^"30" is not a duration; / });
  });
});

describe('formatDuration', () => {
  it('uses the largest unit that holds the value exactly', () => {
    assert.equal(formatDuration(3_600_000), '1h');
    assert.equal(formatDuration(5_400_000), '90m');
    assert.equal(formatDuration(120_000), '2m');
    assert.equal(formatDuration(90_000), '90s');
    assert.equal(formatDuration(1_500), '1.5s');
    assert.equal(formatDuration(1_500.5), '1500.5ms');
    assert.equal(formatDuration(500), '500ms');
    assert.equal(formatDuration(0.25), '0.25ms');
    assert.equal(formatDuration(0), '0ms');
  });

  it('round-trips through parseDuration', () => {
    for (const ms of [0, 0.001, 0.25, 1, 999, 1_000, 1_001, 59_999, 60_000, 61_500, 3_600_000, 3_660_000, 86_400_000]) {
      assert.equal(parseDuration(formatDuration(ms)), ms);
    }
  });

  it('refuses what is not a duration', () => {
    assert.throws(() => formatDuration(-1), RangeError);
    assert.throws(() => formatDuration(Number.NaN), RangeError);
  });
});

describe('durationSchema', () => {
  it('transforms a duration string to milliseconds', () => {
    assert.equal(durationSchema.parse('2m'), 120_000);
  });

  it('rejects zero, a number and a malformed string with the reason', () => {
    const message = (input: unknown) => durationSchema.safeParse(input).error?.issues[0]?.message;
    assert.equal(message('0s'), '"0s" must be longer than 0');
    assert.equal(message(30), 'must be a duration string; write a number and a unit: ms, s, m or h (e.g. 500ms, 30s, 2m, 1h)');
    assert.equal(message('30 s'), '"30 s" is not a duration; write a number and a unit: ms, s, m or h (e.g. 500ms, 30s, 2m, 1h)');
  });
});
