import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InfercapError } from '../../../common/errors.ts';
import { parseScenario } from '../../../harness/scenario/loadScenario.ts';
import { modelLabel, workloadModels } from '../../../harness/scenario/mixSchema.ts';
import { resolveVariants } from '../../../harness/scenario/resolveVariants.ts';
import { scenarioSchema, type ScenarioInput } from '../../../harness/scenario/scenarioSchema.ts';

const base: ScenarioInput = {
  name: 's',
  target: { url: 'http://127.0.0.1:8000' },
  workload: { model: 'a' },
  phases: [{ kind: 'open', rate: 10, duration: '1s' }],
};

function issuesOf(input: unknown): string[] {
  const result = scenarioSchema.safeParse(input);
  assert.equal(result.success, false, 'expected the scenario to be rejected');
  return result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('workload.mix', () => {
  it('reads models with relative weights and versions (numbers as strings)', () => {
    const scenario = scenarioSchema.parse({ ...base, workload: { mix: [{ model: 'a', weight: 80 }, { model: 'b', version: 2, weight: 20 }] } });
    assert.deepEqual(workloadModels(scenario.workload), [{ model: 'a', weight: 80 }, { model: 'b', version: '2', weight: 20 }]);
    assert.deepEqual(workloadModels(scenario.workload).map(modelLabel), ['a', 'b:2']);
    assert.equal(scenario.workload.model, undefined);
  });

  it('gives one model weight 1 when there is no mix', () => {
    assert.deepEqual(workloadModels(scenarioSchema.parse({ ...base, workload: { model: 'a', version: 'int8' } }).workload), [{ model: 'a', version: 'int8', weight: 1 }]);
  });

  it('needs exactly one of model and mix, and no version beside a mix', () => {
    assert.deepEqual(issuesOf({ ...base, workload: {} }), ['workload.model: is required: the model every request goes to (or mix: several models with weights)']);
    assert.deepEqual(issuesOf({ ...base, workload: { model: 'a', mix: [{ model: 'b', weight: 1 }] } }), [
      'workload.mix: is given beside model:; keep one (model: one model, mix: several with weights)',
    ]);
    assert.deepEqual(issuesOf({ ...base, workload: { version: 1, mix: [{ model: 'b', weight: 1 }] } }), [
      "workload.version: is given beside mix:; set each mix entry's version instead",
    ]);
  });

  it('refuses missing, zero or negative weights, an empty mix and a model listed twice', () => {
    assert.deepEqual(issuesOf({ ...base, workload: { mix: [{ model: 'a' }, { model: 'b', weight: 0 }, { model: 'c', weight: -1 }] } }), [
      'workload.mix.0.weight: is required: the share of requests this model gets, relative to the others (e.g. 80)',
      'workload.mix.1.weight: must be positive: weights are relative shares, e.g. 80 and 20',
      'workload.mix.2.weight: must be positive: weights are relative shares, e.g. 80 and 20',
    ]);
    assert.deepEqual(issuesOf({ ...base, workload: { mix: [] } }), ['workload.mix: lists no model; give at least one { model, weight }, or use model: instead']);
    assert.deepEqual(issuesOf({ ...base, workload: { mix: [{ model: 'a', version: 1, weight: 1 }, { model: 'a', version: '1', weight: 2 }] } }), [
      'workload.mix.1: a:1 is listed twice; give each model (and version) once, with its whole weight',
    ]);
  });

  it("lets a variant's model replace the scenario's mix, and a variant's mix the scenario's model and version", () => {
    const scenario = scenarioSchema.parse({
      ...base,
      workload: { model: 'a', version: '1' },
      variants: [{ name: 'mixed', workload: { mix: [{ model: 'b', weight: 1 }, { model: 'c', weight: 1 }] } }, { name: 'plain' }],
    });
    const [mixed, plain] = resolveVariants(scenario);
    assert.deepEqual(workloadModels(mixed!.workload).map(modelLabel), ['b', 'c']);
    assert.equal(mixed!.workload.version, undefined);
    assert.deepEqual(workloadModels(plain!.workload).map(modelLabel), ['a:1']);
    const fromMix = scenarioSchema.parse({ ...base, workload: { mix: [{ model: 'b', weight: 1 }] }, variants: [{ name: 'one', workload: { model: 'a' } }] });
    assert.deepEqual(workloadModels(resolveVariants(fromMix)[0]!.workload).map(modelLabel), ['a']);
  });

  it("refuses a variant's version laid over a mix", () => {
    assert.deepEqual(issuesOf({ ...base, workload: { mix: [{ model: 'b', weight: 1 }] }, variants: [{ name: 'v', workload: { version: 'int8' } }] }), [
      `variants.0.workload.version: in variant "v": is given beside mix:; set each mix entry's version instead`,
    ]);
  });

  it("reads a model's own thresholds, and names the line of a bad one", () => {
    const scenario = scenarioSchema.parse({ ...base, workload: { mix: [{ model: 'a', weight: 1, thresholds: { latency: ['p(95) < 50ms'] } }, { model: 'b', weight: 1 }] } });
    assert.deepEqual(scenario.workload.mix![0]!.thresholds, [{ metric: 'latency', statistic: 'p(95)', percentile: 95, operator: '<', value: 50, source: 'p(95) < 50ms' }]);
    assert.equal(scenario.workload.mix![1]!.thresholds, undefined);
    const yaml = ['name: s', 'target: { url: "http://127.0.0.1:8000" }', 'workload:', '  mix:', '    - model: a', '      weight: 1', '      thresholds:', '        latncy: ["p(95) < 50ms"]', 'phases:', '  - { kind: open, rate: 1, duration: 1s }'].join('\n');
    assert.throws(() => parseScenario(yaml, 'mix.yaml'), (error: unknown) => error instanceof InfercapError && /mix\.yaml:8: workload\.mix\[0\]\.thresholds\.latncy: unknown metric; did you mean "latency"\?/.test(error.message));
  });

  it('names the file and line of a bad weight', () => {
    const yaml = ['name: s', 'target: { url: "http://127.0.0.1:8000" }', 'workload:', '  mix:', '    - { model: a, weight: 1 }', '    - { model: b, weight: 0 }', 'phases:', '  - { kind: open, rate: 1, duration: 1s }'].join('\n');
    assert.throws(() => parseScenario(yaml, 'mix.yaml'), (error: unknown) => error instanceof InfercapError && /mix\.yaml:6: workload\.mix\[1\]\.weight: must be positive/.test(error.message));
  });
});
