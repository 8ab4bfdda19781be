import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadScenario, parseScenario } from '../../../harness/scenario/loadScenario.ts';

const tempDir = mkdtempSync(path.join(tmpdir(), 'infercap-trace-source-'));
after(() => rmSync(tempDir, { recursive: true, force: true }));
writeFileSync(path.join(tempDir, 'rates.csv'), 'timestamp,rps\n0,5\n1,10\n2,5\n');
writeFileSync(path.join(tempDir, 'log.csv'), '0.5\n1.5\n');
writeFileSync(path.join(tempDir, 'bad.csv'), 'timestamp,rps\n0,5\nyesterday,10\n');
const file = path.join(tempDir, 'scenario.yaml');

/** A scenario whose phases[0] is a trace phase with `lines` (line 6 is the first of them). */
const scenario = (...lines: string[]) =>
  ['name: t', 'target: { url: "http://127.0.0.1:1" }', 'workload: { model: m }', 'phases:', '  - kind: trace', ...lines.map((l) => `    ${l}`)].join('\n');

/** The message of the error loading `text` as scenario.yaml throws; fails unless it is exit code 2. */
function errorOf(text: string): string {
  writeFileSync(file, text);
  try {
    loadScenario(file);
  } catch (error) {
    assert.equal((error as { exitCode?: number }).exitCode, 2);
    return (error as Error).message;
  }
  assert.fail('expected the scenario to be rejected');
}

describe('trace phases at scenario load', () => {
  it('reads the trace relative to the scenario file and takes its length as the duration', () => {
    writeFileSync(file, scenario('trace: rates.csv', 'speedup: 2'));
    const [phase] = loadScenario(file).phases;
    assert.deepEqual(phase, { name: 'phase-1', kind: 'trace', trace: 'rates.csv', speedup: 2, seed: 1, warmup: false, file: path.join(tempDir, 'rates.csv'), duration: 2000 });
    assert.ok(Object.isFrozen(phase));
  });

  it('names file and line of a bad trace path or option', () => {
    assert.equal(errorOf(scenario('trace: missing.csv')), `${file}:6: phases[0].trace: ${path.join(tempDir, 'missing.csv')} does not exist; the path is relative to the scenario file`);
    assert.equal(errorOf(scenario('trace: rates.csv', 'speedup: 0')), `${file}:7: phases[0].speedup: must be greater than 0`);
    assert.equal(errorOf(scenario('trace: rates.csv', 'rate: 5')), `${file}:7: phases[0].rate: unknown key (allowed here: name, kind, trace, speedup, scale, window, arrivals, seed, warmup)`);
    assert.equal(errorOf(scenario('trace: rates.csv', 'arrivals: bursty')), `${file}:7: phases[0].arrivals: must be one of constant, poisson, got "bursty"`);
    assert.equal(errorOf(scenario('trace: rates.csv', 'window: { start: 10s }')), `${file}:7: window: [10 s, end) holds no second of the trace, which runs 0 to 3 s from its start`);
    assert.equal(errorOf(scenario('trace: log.csv', 'arrivals: constant')), `${file}:7: phases[0].arrivals: the trace is an arrival log, replayed as logged; arrivals applies to rate and count traces, remove it`);
    assert.equal(errorOf(scenario('trace: rates.csv', 'scale: 0')), `${file}:6: phases[0].trace: holds no request once transformed (scale and window); there is nothing to replay`);
  });

  it('reports a bad row at the trace file\'s own line', () => {
    assert.match(errorOf(scenario('trace: bad.csv')), new RegExp(`^${path.join(tempDir, 'bad.csv')}:3: `));
  });

  it('resolves a trace against the parsed file name', () => {
    assert.equal(parseScenario(scenario('trace: rates.csv'), file).phases[0]!.duration, 3000);
  });
});
