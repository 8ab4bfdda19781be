import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeEnvironment } from '../../../harness/results/environment.ts';
import { environmentSchema } from '../../../harness/results/resultsEnvelope.ts';
import { runResultsSchema } from '../../../harness/results/runResults.ts';
import { resultsOf } from './syntheticRun.ts';

describe('runResultsSchema', () => {
  it('keeps the scenario as it ran, whatever its fields', () => {
    const results = { ...resultsOf([]), scenario: { name: 'spike', workload: { model: 'mnist' } } };
    assert.deepEqual(runResultsSchema.parse(results).scenario, { name: 'spike', workload: { model: 'mnist' } });
  });

  it('holds threshold outcomes by their schema and variants loosely, and refuses unknown keys', () => {
    const results = { ...resultsOf([]), thresholds: [{ metric: 'latency', expression: 'p(95) < 1ms', observed: 0.5, passed: true }], variants: [{ name: 'int8' }] };
    assert.equal(runResultsSchema.safeParse(results).success, true);
    assert.equal(runResultsSchema.safeParse({ ...results, thresholds: [{ metric: 'latency', ok: true }] }).success, false);
    assert.equal(runResultsSchema.safeParse({ ...results, extra: 1 }).success, false);
  });

  it('refuses a shard index beyond the shard count, and dates that are not ISO 8601', () => {
    assert.equal(runResultsSchema.safeParse(resultsOf([], { index: 3, count: 2 })).success, false);
    assert.equal(runResultsSchema.safeParse({ ...resultsOf([]), startedAt: 'yesterday' }).success, false);
  });
});

describe('describeEnvironment', () => {
  it('describes this machine, and the shard when given one', () => {
    const environment = describeEnvironment({ index: 1, count: 4 });
    assert.deepEqual(environmentSchema.parse(environment), environment);
    assert.equal(environment.node, process.version);
    assert.deepEqual(environment.shard, { index: 1, count: 4 });
    assert.equal('shard' in describeEnvironment(), false);
  });
});
