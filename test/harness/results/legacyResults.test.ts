import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseResults } from '../../../harness/results/resultsFile.ts';
import { recordPhase, resultsOf, syntheticOutcomes } from './syntheticRun.ts';

/** `results` as infercap wrote run results before the envelope: `version: 1`, no kind, no resolved target. */
function versionOne(scenario: Record<string, unknown>, kind: 'url' | 'reference'): Record<string, unknown> {
  const results = resultsOf([recordPhase({ name: 's', kind: 'open-loop', warmup: false, targetRate: 10, startMs: 0 }, syntheticOutcomes(10, 0, 1000), 1000)]);
  const { kind: _kind, schemaVersion: _version, createdAt: _created, toolVersion: _tool, ...rest } = results;
  return JSON.parse(JSON.stringify({ version: 1, ...rest, scenario, target: { url: 'http://127.0.0.1:8000', kind } }));
}

describe('run results of version 1', () => {
  it("resolve their target from the scenario they recorded, the run's variant laid over it", () => {
    const scenario = {
      name: 'fp32-vs-int8/int8',
      target: { reference: { models: ['mnist-mlp'], modelsDir: '/m', cache: 'off' } },
      workload: { model: 'mnist-mlp', rows: 4 },
      variants: [
        { name: 'fp32', workload: { version: 'fp32' } },
        { name: 'int8', workload: { version: 'int8' } },
      ],
    };
    const upgraded = parseResults('v1.json', versionOne(scenario, 'reference'), ['run']);
    assert.deepEqual(upgraded.target.resolved, { model: 'mnist-mlp', version: 'int8', rows: 4, replicas: 1, batching: null, cache: 'off', modelsDir: '/m' });
    assert.deepEqual([upgraded.kind, upgraded.schemaVersion, upgraded.toolVersion, upgraded.createdAt], ['run', 2, 'unknown', upgraded.startedAt]);
  });

  it('leave a URL target\'s replicas unknown, and the whole target unresolved when the scenario names no model', () => {
    const url = parseResults('v1.json', versionOne({ name: 'u', workload: { model: 'm', version: 3 } }, 'url'), ['run']);
    assert.deepEqual(url.target.resolved, { model: 'm', version: '3', rows: 1, replicas: null, batching: null, cache: null });
    assert.equal(parseResults('v1.json', versionOne({ name: 'none' }, 'url'), ['run']).target.resolved, null);
  });
});

describe('older files of other kinds', () => {
  it('read a sweep of version 1 with its envelope from its own start and environment, its target unresolved', () => {
    const sweep = JSON.parse(readFileSync(new URL('../../fixtures/report/sweep.json', import.meta.url), 'utf8')) as Record<string, any>;
    const { kind: _kind, schemaVersion: _version, createdAt: _created, toolVersion: _tool, ...rest } = sweep;
    const { resolved: _resolved, ...target } = sweep['target'];
    const read = parseResults('sweep.json', { version: 1, kind: 'sweep', ...rest, target }, ['sweep']);
    const current = parseResults('sweep.json', sweep, ['sweep']);
    assert.deepEqual(read, { ...current, createdAt: sweep['startedAt'], toolVersion: 'unknown', target: { ...current.target, resolved: null } });
  });

  it('read a reliability file from before its schema version, and refuse a simulation of version 1 naming the command to run again', () => {
    const environment = resultsOf([]).environment;
    const reliability = { tool: 'infercap', kind: 'reliability', short: true, startedAt: '2026-11-30T10:00:00.000Z', environment, rows: [], figures: {} };
    const read = parseResults('r.json', reliability, ['reliability']);
    assert.deepEqual([read.schemaVersion, read.createdAt, read.toolVersion], [1, '2026-11-30T10:00:00.000Z', 'unknown']);
    assert.throws(() => parseResults('s.json', { version: 1, tool: 'infercap', kind: 'simulation' }, ['simulation']), {
      code: 'E_RESULTS_VERSION',
      message: 's.json: a simulation written by infercap schemaVersion 1; this infercap reads schemaVersion 2: write it again with infercap simulate',
    });
  });
});
