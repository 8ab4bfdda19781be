import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInfercapError } from '../../../common/errors.ts';
import { parseRpsCsv, type RpsCsvOptions } from '../../../simulator/trace/rpsCsv.ts';

function problem(text: string, options: RpsCsvOptions = {}): string {
  try {
    parseRpsCsv(text, 'load.csv', options);
  } catch (error) {
    assert.ok(isInfercapError(error));
    assert.equal(error.exitCode, 2);
    return error.message;
  }
  assert.fail('expected a validation error');
}

describe('parseRpsCsv', () => {
  it('resamples an irregular series to 1 s by holding each rate until the next sample', () => {
    const trace = parseRpsCsv('timestamp,rps\n100,10\n102.5,20\n103,4\n', 'load.csv');
    assert.equal(trace.startTime, 100);
    // [100, 102.5) at 10, [102.5, 103) at 20, the last sample held 0.5 s (its preceding interval) at 4.
    assert.deepEqual([...trace.arrivals], [10, 10, 15, 2]);
    assert.deepEqual(
      { ...trace.meta, reading: undefined },
      { source: 'rps-csv', file: 'load.csv', counts: 'expected', seed: undefined, reading: undefined },
    );
    assert.deepEqual(trace.meta.reading?.gaps, { policy: 'error', count: 0, missingSeconds: 0 });
    assert.equal(trace.meta.reading?.zoneAssumed, null);
  });

  it('spreads a coarse series over its seconds and keeps the total', () => {
    const trace = parseRpsCsv('0,6\n3,1\n', 'load.csv');
    assert.deepEqual([...trace.arrivals], [6, 6, 6, 1, 1, 1]);
  });

  it('sums a sub-second series into whole seconds', () => {
    const trace = parseRpsCsv('10.0,4\n10.5,8\n11.0,2\n11.5,2\n', 'load.csv');
    assert.deepEqual([...trace.arrivals], [6, 2]);
  });

  it('reads ISO 8601 timestamps with a zone, quoted fields, comments and CRLF', () => {
    const trace = parseRpsCsv('"time","value"\r\n# exported\r\n2024-01-01T00:00:00Z,5\r\n2024-01-01T00:00:02+00:00,7\r\n', 'load.csv');
    assert.equal(trace.startTime, 1704067200);
    assert.deepEqual([...trace.arrivals], [5, 5, 7, 7]);
  });

  it('rejects a gap longer than maxGapSeconds by default, naming the line after the gap', () => {
    assert.match(problem('t,rps\n0,1\n10,1\n400,1\n'), /^load\.csv:4: timestamp: gap of 390 s since line 3 is longer than maxGapSeconds \(300\)/);
    assert.match(problem('0,1\n10,1\n', { maxGapSeconds: 5 }), /^load\.csv:2: timestamp: gap of 10 s since line 1/);
  });

  it('fills a gap with zeros after holding the last sample for maxGapSeconds, with gaps: zero', () => {
    const trace = parseRpsCsv('0,3\n2,5\n10,1\n12,1\n', 'load.csv', { gaps: 'zero', maxGapSeconds: 3 });
    assert.deepEqual([...trace.arrivals], [3, 3, 5, 5, 5, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
  });

  it('holds the rate across a gap with gaps: hold', () => {
    const trace = parseRpsCsv('0,3\n2,5\n6,1\n', 'load.csv', { gaps: 'hold', maxGapSeconds: 3 });
    // The last sample holds for its preceding interval, capped at maxGapSeconds.
    assert.deepEqual([...trace.arrivals], [3, 3, 5, 5, 5, 5, 1, 1, 1]);
  });

  it('reads zone-less times in the given zone (UTC by default) and unix milliseconds, and says which zone it assumed', () => {
    const utc = parseRpsCsv('2024-01-01 10:00:00,2\n2024-01-01 10:00:01,4\n', 'load.csv');
    assert.equal(utc.startTime, 1704103200);
    assert.equal(utc.meta.reading?.zoneAssumed, 'UTC');
    assert.equal(parseRpsCsv('2024-01-01 10:00:00,2\n', 'load.csv', { timezone: '+01:00' }).startTime, 1704103200 - 3600);
    assert.equal(parseRpsCsv('1704103200000,2\n1704103201000,4\n', 'load.csv').startTime, 1704103200);
  });

  it('names the file, line and field of a bad row', () => {
    assert.equal(problem('0,1\n1,abc\n'), 'load.csv:2: rps: "abc" is not a number');
    assert.equal(problem('0,1\n1,-2\n'), 'load.csv:2: rps: -2 is negative; a rate is 0 or more');
    assert.equal(problem('0,1\n\n5\n'), 'load.csv:3: rps: is missing; each row is timestamp,rps');
    assert.match(problem('0,1\nyesterday,2\n'), /^load\.csv:2: timestamp: "yesterday" is not a timestamp/);
    assert.match(problem('0,1\n2024-01-01 25:00:00,2\n'), /^load\.csv:2: timestamp: "2024-01-01 25:00:00" is not a valid date and time/);
    assert.equal(problem('5,1\n7,1\n7,2\n'), 'load.csv:3: timestamp: 7 is not after the timestamp on line 2; sort the rows and remove duplicates');
    assert.equal(problem('5,1\n3,1\n'), 'load.csv:2: timestamp: 3 is not after the timestamp on line 1; sort the rows and remove duplicates');
    assert.equal(problem('timestamp,rps\n'), 'load.csv: rows: no timestamp,rps rows; the trace is empty');
  });
});
