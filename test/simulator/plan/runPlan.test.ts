import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { parse } from 'yaml';
import { clusterConfigSchema } from '../../../simulator/cluster/clusterConfig.ts';
import { planResultsSchema } from '../../../simulator/plan/planResults.ts';
import { runPlan, type PlanOptions } from '../../../simulator/plan/runPlan.ts';
import { serviceModel } from '../../../simulator/service/serviceModel.ts';
import { parseSlo } from '../../../simulator/simulate/sloExpression.ts';
import { simulationResultsSchema } from '../../../simulator/simulate/simulationResults.ts';
import { generateSyntheticTrace } from '../../../simulator/trace/syntheticTrace.ts';
import { syntheticTraceSchema } from '../../../simulator/trace/syntheticSchema.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'sim');

// Half an hour: quiet, a ramp to a busy stretch, quiet again.
const trace = generateSyntheticTrace(
  syntheticTraceSchema.parse({
    duration: '30m',
    seed: 3,
    baseRps: 40,
    components: [{ ramp: { from: 40, to: 300, start: 300, end: 600 } }, { ramp: { from: 300, to: 40, start: 1200, end: 1300 } }],
  }),
);

const options = (workers: number, overrides: Partial<PlanOptions> = {}): PlanOptions => ({
  trace,
  instance: {
    summary: { name: 'cpu-small', kind: 'cpu', pricePerHour: 0.05, currency: 'USD', calibration: null, requests: { cpu: '1' } },
    serviceModel: serviceModel({ capacity: 100, queueLimit: 100, serviceTimeMs: { mean: 9, p50: 8, p95: 15, p99: 25 } }),
  },
  cluster: clusterConfigSchema.parse({}),
  slo: parseSlo('p95 < 100ms', '99%'),
  metrics: ['cpu', 'rps'],
  workers,
  manifest: { name: 'infercap', image: 'infercap:latest' },
  maxPoints: 200,
  ...overrides,
});

describe('runPlan', () => {
  it('searches the grid in worker threads with the same outcomes as on one thread, and recommends the cheapest policy meeting the SLO', async () => {
    const [threaded, inline] = [await runPlan(options(2)), await runPlan(options(1))];
    const results = planResultsSchema.parse(threaded.results);
    assert.equal(results.search.workers, 2);
    assert.deepEqual(results.candidates, inline.results.candidates);
    assert.deepEqual(results.fixedFleet, inline.results.fixedFleet);
    // 2 metrics × 5 targets × minReplicas {1, trough, p99/2} deduplicated × 2 down windows × 2 scale-up policies.
    const minReplicas = new Set(results.candidates.map((c) => c.settings.minReplicas)).size;
    assert.equal(results.candidates.length + results.search.pruned.length, 2 * 5 * minReplicas * 2 * 2);
    assert.equal(results.search.evaluated, results.candidates.length + results.search.pruned.length + 2);

    const recommended = results.recommended!;
    const meeting = [
      ...results.candidates.filter((c) => c.outcome.meetsSlo).map((c) => c.outcome.cost),
      ...[results.fixedFleet.atPeak, results.fixedFleet.atP99].filter((f) => f.outcome.meetsSlo).map((f) => f.outcome.cost),
    ];
    assert.equal(recommended.outcome.meetsSlo, true);
    assert.equal(recommended.outcome.cost, Math.min(...meeting));
    if (recommended.kind === 'hpa') {
      assert.equal(results.candidates.find((c) => c.id === recommended.candidateId)!.pareto, true);
      assert.match(recommended.reasons[0]!, /% cheaper than the fixed fleet of \d+ replicas sized for the peak/);
      const hpa = parse(results.hpaYaml!);
      new HorizontalPodAutoscaler(hpa).validate();
      assert.equal(hpa.spec.minReplicas, results.candidates.find((c) => c.id === recommended.candidateId)!.settings.minReplicas);
    }
    assert.ok(results.series.fixedFleet.time.length <= 200);
    assert.equal(results.series.fixedFleet.readyReplicas[0], results.fixedFleet.atPeak.replicas);
  });
});

describe('the pruned search', () => {
  const twoDays = generateSyntheticTrace(
    syntheticTraceSchema.parse({
      duration: '50h',
      seed: 11,
      startTime: '2024-01-05T00:00:00Z',
      baseRps: 200,
      components: [{ diurnal: { amplitude: 150, peakHour: 14 } }, { weekend: { factor: 0.7 } }, { spike: { at: 140000, duration: '10m', factor: 1.8 } }, { noise: { kind: 'gaussian', relative: 0.05 } }],
    }),
  );
  const cases: [string, Partial<PlanOptions>][] = [
    ['half an hour with a ramp, p95 < 100ms at 99 %', {}],
    ['half an hour, a tight SLO (p95 < 30ms at 99.9 %) most policies miss', { slo: parseSlo('p95 < 30ms', '99.9%') }],
    ['50 diurnal hours with a spike (ordered by a one-day pilot)', { trace: twoDays, metrics: ['cpu'] }],
    ['50 diurnal hours, p99 < 60ms at 95 %, rps targets', { trace: twoDays, slo: parseSlo('p99 < 60ms', '95%'), metrics: ['rps'] }],
  ];
  for (const [name, overrides] of cases) {
    it(`recommends exactly what the exhaustive grid does: ${name}`, async () => {
      const exhaustive = (await runPlan(options(2, { ...overrides, search: 'exhaustive' }))).results;
      const pruned = planResultsSchema.parse((await runPlan(options(2, overrides))).results);
      assert.equal(exhaustive.search.pruned.length, 0);
      assert.equal(pruned.search.method, 'pruned-grid');
      assert.deepEqual({ ...pruned.recommended, reasons: [] }, { ...exhaustive.recommended, reasons: [] });
      assert.deepEqual(pruned.fixedFleet, exhaustive.fixedFleet);
      assert.deepEqual(pruned.series, exhaustive.series);
      assert.deepEqual(pruned.hpaYaml, exhaustive.hpaYaml);
      // What was evaluated to the end is what the exhaustive search found for the same policies.
      for (const candidate of pruned.candidates) assert.deepEqual(candidate.outcome, exhaustive.candidates.find((c) => c.id === candidate.id)!.outcome);
      // Every stopped policy indeed could not be the recommendation.
      const best = exhaustive.recommended?.outcome.cost ?? Number.POSITIVE_INFINITY;
      for (const stopped of pruned.search.pruned) {
        const full = exhaustive.candidates.find((c) => c.id === stopped.id)!.outcome;
        if (stopped.reason === 'cannot-meet-slo') assert.equal(full.meetsSlo, false, stopped.label);
        else assert.ok(!full.meetsSlo || full.cost > best, stopped.label);
      }
      if (overrides.trace === twoDays) {
        assert.ok(pruned.search.pruned.length > 0);
        assert.equal(pruned.search.pilotSeconds, 86_400);
      }
    });
  }
});

describe('example results for the report', () => {
  it('test/fixtures/sim/simulation.json and plan.json match their schemas', () => {
    const simulation = simulationResultsSchema.parse(JSON.parse(readFileSync(path.join(fixtures, 'simulation.json'), 'utf8')));
    assert.equal(simulation.kind, 'simulation');
    const plan = planResultsSchema.parse(JSON.parse(readFileSync(path.join(fixtures, 'plan.json'), 'utf8')));
    assert.equal(plan.kind, 'plan');
    assert.ok(plan.series.fixedFleet.time.length <= 2000);
  });
});
