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
    assert.equal(loadTraceFile(write('log.csv', '10.5,/v2/health\n'), { format: 'arrivals' }).meta.source, 'arrivals-csv');
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

const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', name);

describe('loadTraceFile on the formats of public traces', () => {
  it('reads NASA-HTTP-style per-minute counts with zone-less YYYY/MM/DD times, gaps as the file says', () => {
    const file = fixture('nasa-http-per-minute.csv');
    assert.throws(() => loadTraceFile(file), (error) => isInfercapError(error) && error.message === `${file}:7: timestamp: 120 s missing since line 6 (the interval is 60 s); fill the missing data or choose gaps: zero or hold`);
    const trace = loadTraceFile(file, { gaps: 'zero' });
    assert.equal(trace.meta.source, 'counts-csv');
    assert.equal(trace.startTime, 804556800); // date -u -d '1995-07-01 00:00:00' +%s
    assert.equal(trace.arrivals.length, 8 * 60);
    assert.equal(trace.arrivals[0], 38 / 60);
    assert.equal(trace.arrivals[4 * 60], 0);
    assert.equal(Math.round(trace.arrivals.reduce((a, b) => a + b, 0) * 1e6) / 1e6, 38 + 42 + 30 + 36 + 24 + 60);
    assert.deepEqual(trace.meta.reading, {
      format: 'counts',
      zoneAssumed: 'UTC',
      interval: { seconds: 60, inferred: true },
      gaps: { policy: 'zero', count: 1, missingSeconds: 120 },
      transforms: { window: null, speedup: 1, scale: 1, repeat: 1, shift: 0 },
    });
  });

  it('reads ClarkNet-style timestamp,count and Wikipedia-style hourly period,views', () => {
    const clarknet = loadTraceFile(fixture('clarknet-per-minute.csv'));
    assert.equal(clarknet.startTime, 809568000);
    assert.deepEqual([clarknet.arrivals[0], clarknet.arrivals[60], clarknet.arrivals[120], clarknet.arrivals[239]], [2, 1.5, 2.5, 1]);
    const wiki = loadTraceFile(fixture('wikipedia-pageviews-hourly.csv'));
    assert.equal(wiki.startTime, 1456790400);
    assert.deepEqual(wiki.meta.reading?.interval, { seconds: 3600, inferred: true });
    assert.deepEqual([wiki.arrivals.length, wiki.arrivals[0], wiki.arrivals[3600], wiki.arrivals[7200]], [3 * 3600, 2, 1, 3]);
  });

  it('reads an Azure-LLM-inference-style arrival log by its first column, keeping the offsets for a driver', () => {
    const trace = loadTraceFile(fixture('azure-llm-inference-arrivals.csv'), { keepArrivals: true });
    assert.equal(trace.meta.source, 'arrivals-csv');
    assert.equal(trace.startTime, 1700158546);
    assert.deepEqual([...trace.arrivals], [1, 0, 0, 0, 1, 2, 0, 1]);
    assert.deepEqual([...trace.arrivalOffsets!].map((o) => Math.round(o * 1e6) / 1e6), [0.68059, 4.995169, 5.23025, 5.8, 7.0002]);
    assert.equal(trace.meta.reading?.zoneAssumed, 'UTC');
  });

  it('reads datetime,rps with ISO zones and reports no zone assumed', () => {
    const trace = loadTraceFile(fixture('rate-per-5s.csv'));
    assert.deepEqual([...trace.arrivals.subarray(0, 15)], [10, 10, 10, 10, 10, 20, 20, 20, 20, 20, 30, 30, 30, 30, 30]);
    assert.equal(trace.meta.reading?.zoneAssumed, null);
  });

  it('reads a YAML declaration: the CSV relative to it, its zone, gaps and transformations', () => {
    const file = fixture('nasa-july.yaml');
    const trace = loadTraceFile(file);
    assert.equal(trace.meta.file, file);
    assert.equal(trace.startTime, 804571200); // 00:00 at UTC−4
    assert.equal(trace.arrivals.length, 300);
    assert.equal(trace.arrivals[0], (2 * 38) / 60);
    assert.equal(trace.arrivals[299], 0);
    assert.deepEqual(trace.meta.reading?.transforms, { window: { start: 0, end: 300 }, speedup: 1, scale: 2, repeat: 1, shift: 0 });
    assert.equal(trace.meta.reading?.zoneAssumed, '-04:00');
  });

  it('names the CSV columns when the header does not', () => {
    const csv = write('named.csv', 'when,hits,status\n0,60,200\n60,120,200\n');
    const yaml = write('named.yaml', `file: ${csv}\ncolumns: { time: when, value: hits }\nformat: counts\n`);
    assert.deepEqual([...loadTraceFile(yaml).arrivals.subarray(58, 62)], [1, 1, 2, 2]);
  });

  it('rejects unknown keys and bad values of a declaration with file:line: field: message', () => {
    const bad = (text: string) => {
      const file = write('bad.yaml', text);
      try {
        loadTraceFile(file);
      } catch (error) {
        assert.ok(isInfercapError(error));
        return error.message.replace(file, 'bad.yaml');
      }
      assert.fail('expected an error');
    };
    assert.match(bad('file: x.csv\nscale: 2\nspeeup: 3\n'), /^bad\.yaml:3: speeup: unknown key; did you mean "speedup"\?/);
    assert.match(bad('file: x.csv\ntimezone: Mars/Olympus\n'), /^bad\.yaml:2: timezone: "Mars\/Olympus" is not a time zone/);
    assert.match(bad('file: x.csv\nwindow: { start: 2h, end: 1h }\n'), /^bad\.yaml:3: window\.end: end must be after start|^bad\.yaml:2: window\.end: end must be after start/);
    assert.match(bad('file: x.csv\nrepeat: 0\n'), /^bad\.yaml:2: repeat: /);
    assert.match(bad(`file: ${fixture('clarknet-per-minute.csv')}\nwindow: { start: 1d }\n`), /window: \[86400 s, end\) holds no second of the trace/);
    assert.match(bad('file: missing.csv\n'), /missing\.csv: file: cannot be read/);
  });

  it('transforms a synthetic trace too', () => {
    const trace = loadTraceFile(write('s.yaml', 'seconds: 4\nseed: 1\nbaseRps: 3\nsampling: expected\nscale: 2\nrepeat: 2\nshift: -1h\n'));
    assert.deepEqual([...trace.arrivals], [6, 6, 6, 6, 6, 6, 6, 6]);
    assert.equal(trace.startTime, -3600);
  });
});
