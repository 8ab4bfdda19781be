import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInfercapError } from '../../../common/errors.ts';
import { parseCountsCsv, type CountsCsvOptions } from '../../../simulator/trace/countsCsv.ts';

function problem(text: string, options: CountsCsvOptions = {}): string {
  try {
    parseCountsCsv(text, 'counts.csv', options);
  } catch (error) {
    assert.ok(isInfercapError(error));
    assert.equal(error.exitCode, 2);
    return error.message;
  }
  assert.fail('expected a validation error');
}

describe('parseCountsCsv', () => {
  it('spreads each count evenly over its inferred interval, keeping the total', () => {
    const trace = parseCountsCsv('0,10\n5,20\n10,0\n', 'counts.csv');
    assert.deepEqual([...trace.arrivals], [2, 2, 2, 2, 2, 4, 4, 4, 4, 4, 0, 0, 0, 0, 0]);
    assert.deepEqual(trace.meta.reading?.interval, { seconds: 5, inferred: true });
  });

  it('infers the most common spacing, so one missing row is a gap and not the interval', () => {
    const trace = parseCountsCsv('0,4\n2,4\n4,4\n8,4\n', 'counts.csv', { gaps: 'zero' });
    assert.deepEqual([...trace.arrivals], [2, 2, 2, 2, 2, 2, 0, 0, 2, 2]);
    assert.deepEqual(trace.meta.reading?.gaps, { policy: 'zero', count: 1, missingSeconds: 2 });
  });

  it('holds the count before a gap in each missing interval with gaps: hold', () => {
    const trace = parseCountsCsv('0,4\n2,6\n6,2\n', 'counts.csv', { gaps: 'hold', intervalSeconds: 2 });
    assert.deepEqual([...trace.arrivals], [2, 2, 3, 3, 3, 3, 1, 1]);
    assert.deepEqual(trace.meta.reading?.gaps, { policy: 'hold', count: 1, missingSeconds: 2 });
  });

  it('rejects a gap by default, naming the line after it and what to do', () => {
    assert.equal(problem('0,4\n2,4\n4,4\n8,4\n'), 'counts.csv:4: timestamp: 2 s missing since line 3 (the interval is 2 s); fill the missing data or choose gaps: zero or hold');
  });

  it('rejects rows closer than the given interval, negative counts and one row without an interval', () => {
    assert.equal(problem('0,4\n30,4\n', { intervalSeconds: 60 }), 'counts.csv:2: timestamp: 30 s after line 1, closer than the interval (60 s); give the right interval or merge the rows');
    assert.equal(problem('0,4\n60,-1\n'), 'counts.csv:2: count: -1 is negative; a count is 0 or more');
    assert.equal(problem('0,4\n'), 'counts.csv: interval: cannot be inferred from one row; give interval (e.g. 1m)');
    assert.equal(problem('0,4\n60,many\n'), 'counts.csv:2: count: "many" is not a number');
  });
});
