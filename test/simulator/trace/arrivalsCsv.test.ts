import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInfercapError } from '../../../common/errors.ts';
import { parseArrivalsCsv } from '../../../simulator/trace/arrivalsCsv.ts';

describe('parseArrivalsCsv', () => {
  it('bins unsorted arrival timestamps into whole requests per second', () => {
    const trace = parseArrivalsCsv('arrival\n1000.9\n1000.1\n1003.5\n1000.5\n1002.0\n1001.999\n', 'arrivals.csv');
    assert.equal(trace.startTime, 1000);
    assert.deepEqual([...trace.arrivals], [3, 1, 1, 1]);
    assert.equal(trace.meta.counts, 'integer');
  });

  it('reads ISO 8601 timestamps and ignores extra columns', () => {
    const trace = parseArrivalsCsv('2024-01-01T00:00:00.250Z,/v2/models/a/infer\n2024-01-01T00:00:01Z,/v2/health\n', 'arrivals.csv');
    assert.equal(trace.startTime, 1704067200);
    assert.deepEqual([...trace.arrivals], [1, 1]);
  });

  it('names the file and line of a bad timestamp', () => {
    assert.throws(
      () => parseArrivalsCsv('1.5\n2.5\nnope\n', 'arrivals.csv'),
      (error) => isInfercapError(error) && /^arrivals\.csv:3: timestamp: "nope" is not a timestamp/.test(error.message),
    );
  });
});
