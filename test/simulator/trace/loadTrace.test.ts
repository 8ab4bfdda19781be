import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isInfercapError } from '../../../common/errors.ts';
import { loadTraceFile } from '../../../simulator/trace/loadTrace.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'infercap-trace-'));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('loadTraceFile', () => {
  it('reads a two-column CSV as timestamp,rps and a one-column CSV as arrival timestamps', () => {
    assert.equal(loadTraceFile(write('rps.csv', 'timestamp,rps\n10,2\n12,4\n')).meta.source, 'rps-csv');
    assert.equal(loadTraceFile(write('arrivals.csv', 'timestamp\n10.5\n12.25\n')).meta.source, 'arrivals-csv');
    assert.equal(loadTraceFile(write('log.csv', '10.5,/v2/health\n'), { csv: 'arrivals' }).meta.source, 'arrivals-csv');
  });

  it('passes the gap options to the rps reader', () => {
    const file = write('gappy.csv', '0,1\n1000,1\n');
    assert.throws(() => loadTraceFile(file), (error) => isInfercapError(error) && error.message.startsWith(`${file}:2: timestamp: gap`));
    assert.equal(loadTraceFile(file, { gaps: 'zero', maxGapSeconds: 10 }).arrivals.length, 1010);
  });

  it('reads a YAML file as a synthetic declaration', () => {
    const trace = loadTraceFile(write('t.yaml', 'seconds: 5\nseed: 1\nbaseRps: 3\nsampling: expected\n'));
    assert.deepEqual([...trace.arrivals], [3, 3, 3, 3, 3]);
    assert.equal(trace.meta.source, 'synthetic');
  });

  it('rejects other file types and missing files with exit code 2', () => {
    for (const file of [write('t.json', '{}'), path.join(dir, 'missing.csv')]) {
      assert.throws(() => loadTraceFile(file), (error) => isInfercapError(error) && error.exitCode === 2 && error.message.startsWith(file));
    }
  });
});
