import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveVariants } from '../../../harness/scenario/resolveVariants.ts';
import { scenarioSchema } from '../../../harness/scenario/scenarioSchema.ts';

const parse = (extra: object) =>
  scenarioSchema.parse({
    name: 's',
    target: { reference: { models: ['mnist-wide'], maxBatchSize: 16 } },
    workload: { model: 'mnist-wide', version: 'fp32', timeout: '2s' },
    phases: [{ kind: 'closed', connections: 2, duration: '1s' }],
    ...extra,
  });

describe('resolveVariants', () => {
  it('runs a scenario without variants once, as written', () => {
    const scenario = parse({});
    assert.deepEqual(resolveVariants(scenario), [{ target: scenario.target, workload: scenario.workload }]);
  });

  it("lays each variant's reference options and workload fields over the scenario's", () => {
    const runs = resolveVariants(
      parse({
        variants: [
          { name: 'off', description: 'no batching', target: { reference: { batching: false } } },
          { name: 'int8', workload: { version: 'int8', timeout: '5s' } },
        ],
      }),
    );
    assert.deepEqual(runs, [
      {
        name: 'off',
        description: 'no batching',
        target: { reference: { models: ['mnist-wide'], maxBatchSize: 16, batching: false } },
        workload: { model: 'mnist-wide', version: 'fp32', rows: 1, seed: 1, repeatRatio: 0, encoding: 'json', timeout: 2_000 },
      },
      {
        name: 'int8',
        target: { reference: { models: ['mnist-wide'], maxBatchSize: 16 } },
        workload: { model: 'mnist-wide', version: 'int8', rows: 1, seed: 1, repeatRatio: 0, encoding: 'json', timeout: 5_000 },
      },
    ]);
  });

  it("does not reset the scenario's workload to defaults for fields a variant leaves out", () => {
    const [run] = resolveVariants(parse({ workload: { model: 'm', rows: 8, seed: 7 }, variants: [{ name: 'v', workload: { repeatRatio: 0.5 } }] }));
    assert.equal(run!.workload.rows, 8);
    assert.equal(run!.workload.seed, 7);
    assert.equal(run!.workload.repeatRatio, 0.5);
  });

  it('lets a variant replace the target with a url', () => {
    const [run] = resolveVariants(parse({ variants: [{ name: 'triton', target: { url: 'http://triton:8000' } }] }));
    assert.deepEqual(run!.target, { url: 'http://triton:8000' });
  });
});
