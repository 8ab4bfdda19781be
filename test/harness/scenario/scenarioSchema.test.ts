import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scenarioSchema, type ScenarioInput } from '../../../harness/scenario/scenarioSchema.ts';

const base: ScenarioInput = {
  name: 's',
  target: { reference: { models: ['mnist-wide'] } },
  workload: { model: 'mnist-wide' },
  phases: [{ kind: 'open', rate: 10, duration: '1s' }],
};

/** Each issue as `path: message`, in zod's order. */
function issuesOf(input: unknown): string[] {
  const result = scenarioSchema.safeParse(input);
  assert.equal(result.success, false, 'expected the scenario to be rejected');
  return result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('scenarioSchema', () => {
  it('names phases by position when they have no name, and keeps given names', () => {
    const scenario = scenarioSchema.parse({
      ...base,
      phases: [
        { kind: 'open', rate: 10, rampTo: 20, arrivals: 'poisson', duration: '2m' },
        { name: 'rest', kind: 'pause', duration: '500ms' },
        { kind: 'closed', connections: 4, duration: '1.5s', warmup: true },
      ],
    });
    assert.deepEqual(scenario.phases, [
      { name: 'phase-1', kind: 'open', rate: 10, rampTo: 20, arrivals: 'poisson', duration: 120_000, warmup: false },
      { name: 'rest', kind: 'pause', duration: 500 },
      { name: 'phase-3', kind: 'closed', connections: 4, duration: 1_500, warmup: true },
    ]);
  });

  it('refuses duplicate phase names, including a clash with a default name', () => {
    assert.deepEqual(
      issuesOf({ ...base, phases: [{ kind: 'open', rate: 1, duration: '1s' }, { name: 'phase-1', kind: 'pause', duration: '1s' }] }),
      ['phases.1.name: "phase-1" is already the name of phases[0]; phase names must be unique'],
    );
  });

  it('refuses keys of another phase kind', () => {
    assert.deepEqual(issuesOf({ ...base, phases: [{ kind: 'closed', connections: 2, rate: 5, duration: '1s' }] }), [
      'phases.0: Unrecognized key: "rate"',
    ]);
  });

  it('reads a numeric model version as a string (Triton numbers its versions)', () => {
    assert.equal(scenarioSchema.parse({ ...base, workload: { model: 'm', version: 1 } }).workload.version, '1');
  });

  it('flattens thresholds into one list, metric by metric', () => {
    const scenario = scenarioSchema.parse({ ...base, thresholds: { dropped: ['== 0'], latency: ['p(99) < 1s', 'mean < 5ms'] } });
    assert.deepEqual(
      scenario.thresholds.map((threshold) => threshold.source),
      ['p(99) < 1s', 'mean < 5ms', '== 0'],
    );
  });

  it('needs at least one traffic phase, and one that is not a warmup when there are thresholds', () => {
    assert.deepEqual(issuesOf({ ...base, phases: [{ kind: 'pause', duration: '1s' }] }), [
      'phases: has only pause phases; add an open, closed or trace phase',
    ]);
    assert.deepEqual(
      issuesOf({ ...base, phases: [{ kind: 'open', rate: 1, duration: '1s', warmup: true }], thresholds: { error_rate: ['< 1%'] } }),
      ['thresholds: every traffic phase is a warmup, so the thresholds would have no samples; set warmup: false on a phase'],
    );
  });

  it("refuses more rows per request than the reference server's batch limit, with its default of 32", () => {
    assert.deepEqual(issuesOf({ ...base, workload: { model: 'm', rows: 33 } }), [
      "workload.rows: 33 rows per request are more than the reference server's maxBatchSize (32) and would all be refused; lower rows or raise maxBatchSize",
    ]);
    assert.equal(scenarioSchema.parse({ ...base, workload: { model: 'm', rows: 33 }, target: { reference: { batching: false } } }).workload.rows, 33);
    assert.equal(scenarioSchema.parse({ ...base, workload: { model: 'm', rows: 64 }, target: { url: 'http://h:8000' } }).workload.rows, 64);
    assert.deepEqual(
      issuesOf({ ...base, variants: [{ name: 'small', target: { reference: { maxBatchSize: 4 } } }], workload: { model: 'm', rows: 8 } }),
      [
        'variants.0: in variant "small": 8 rows per request are more than the reference server\'s maxBatchSize (4) and would all be refused; lower rows or raise maxBatchSize',
      ],
    );
  });

  it('needs a Redis URL with the redis cache', () => {
    assert.deepEqual(issuesOf({ ...base, target: { reference: { cache: 'redis' } } }), [
      'target.reference.cache: the redis cache needs redisUrl too (e.g. redisUrl: redis://127.0.0.1:6379)',
    ]);
    assert.equal(
      issuesOf({ ...base, target: { reference: { cache: 'redis', redisUrl: 'http://h' } } })[0],
      'target.reference.redisUrl: must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379',
    );
  });

  it('refuses duplicate variant names', () => {
    assert.deepEqual(issuesOf({ ...base, variants: [{ name: 'a' }, { name: 'a' }] }), [
      'variants.1.name: "a" is used twice; variant names must be unique',
    ]);
  });
});
