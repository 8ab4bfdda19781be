import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InfercapError } from '../../../common/errors.ts';
import { loadScenario, parseScenario, resolveScenarioPath } from '../../../harness/scenario/loadScenario.ts';
import { modelLabel, workloadModels } from '../../../harness/scenario/mixSchema.ts';
import { resolveVariants } from '../../../harness/scenario/resolveVariants.ts';
import { overrideScenario, parseModelOption } from '../../../harness/scenario/scenarioOverrides.ts';

const url = 'http://127.0.0.1:8000';
const shipped = (name: string) => loadScenario(resolveScenarioPath(name));

function refused(run: () => unknown, code: string, pattern: RegExp): void {
  assert.throws(run, (error: unknown) => error instanceof InfercapError && error.code === code && error.exitCode === 2 && pattern.test(error.message));
}

describe('parseModelOption', () => {
  it('reads NAME and NAME:VERSION, the version after the last colon', () => {
    assert.deepEqual(parseModelOption('mnist-wide'), { model: 'mnist-wide' });
    assert.deepEqual(parseModelOption('mnist-wide:int8'), { model: 'mnist-wide', version: 'int8' });
    assert.deepEqual(parseModelOption('org:model:3'), { model: 'org:model', version: '3' });
  });

  it('refuses an empty name or version', () => {
    for (const text of ['', ':1', 'm:', 'a b']) refused(() => parseModelOption(text), 'E_INVALID_OPTION', /^--model: expected NAME or NAME:VERSION/);
  });
});

describe('overrideScenario', () => {
  it('leaves the scenario as it is without overrides', () => {
    const smoke = shipped('smoke');
    assert.equal(overrideScenario(smoke, {}), smoke);
  });

  it('points a reference scenario at a URL, keeping its workload, phases and thresholds', () => {
    const smoke = shipped('smoke');
    const pointed = overrideScenario(smoke, { target: url });
    assert.deepEqual(pointed.target, { url });
    assert.deepEqual([pointed.workload, pointed.phases, pointed.thresholds], [smoke.workload, smoke.phases, smoke.thresholds]);
    assert.ok(Object.isFrozen(pointed) && Object.isFrozen(pointed.target));
  });

  it('replaces the model, and the version with the given one or none (the server default)', () => {
    const replay = shipped('trace-replay');
    assert.equal(replay.workload.version, 'fp32');
    assert.deepEqual(workloadModels(overrideScenario(replay, { model: 'mine:2' }).workload).map(modelLabel), ['mine:2']);
    assert.deepEqual(workloadModels(overrideScenario(replay, { model: 'mine' }).workload).map(modelLabel), ['mine']);
    // The trace phase is untouched: it replays against the given model.
    assert.deepEqual(overrideScenario(replay, { model: 'mine', target: url }).phases, replay.phases);
  });

  it("replaces a mix with the one model, and every variant's model, version or mix", () => {
    const yaml = [
      'name: s',
      `target: { url: "${url}" }`,
      'workload: { mix: [{ model: a, weight: 1 }, { model: b, weight: 1 }], rows: 2 }',
      'phases: [{ kind: open, rate: 1, duration: 1s }]',
      'variants:',
      '  - { name: big, workload: { rows: 8 } }',
      '  - { name: small, workload: { model: c, version: "1", rows: 1 } }',
    ].join('\n');
    const scenario = parseScenario(yaml, 's.yaml');
    const runs = resolveVariants(overrideScenario(scenario, { model: 'm:1' }));
    assert.deepEqual(runs.map((run) => [run.name, workloadModels(run.workload).map(modelLabel), run.workload.rows, run.workload.mix]), [
      ['big', ['m:1'], 8, undefined],
      ['small', ['m:1'], 1, undefined],
    ]);
  });

  it('refuses variants that --target leaves alike (batching on and off), naming them', () => {
    refused(() => overrideScenario(shipped('batching-on-off'), { target: url }), 'E_VARIANTS_ALIKE', /^--target replaces what variants batching-on, batching-off differ by/);
  });

  it('keeps variants that still differ: fp32 and int8 against one URL, but not under one --model', () => {
    const versions = overrideScenario(shipped('fp32-vs-int8'), { target: url });
    assert.deepEqual(resolveVariants(versions).map((run) => [run.target, run.workload.version]), [
      [{ url }, 'fp32'],
      [{ url }, 'int8'],
    ]);
    refused(() => overrideScenario(shipped('fp32-vs-int8'), { target: url, model: 'mine' }), 'E_VARIANTS_ALIKE', /^--target and --model replaces what variants fp32, int8 differ by/);
  });

  it('refuses a target that is not an http(s) URL', () => {
    refused(() => overrideScenario(shipped('smoke'), { target: 'ftp://x' }), 'E_INVALID_OPTION', /^--target: must be an http:\/\/ or https:\/\/ URL/);
    refused(() => overrideScenario(shipped('smoke'), { target: '127.0.0.1:8000' }), 'E_INVALID_OPTION', /^--target: must be/);
  });
});
