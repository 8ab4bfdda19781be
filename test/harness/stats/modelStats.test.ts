import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequestOutcome } from '../../../harness/drive/requestOutcome.ts';
import { aggregatePhases } from '../../../harness/results/aggregatePhases.ts';
import { mergeResults } from '../../../harness/results/mergeResults.ts';
import { runResultsSchema } from '../../../harness/results/runResults.ts';
import type { ModelStats, PhaseStats } from '../../../harness/stats/phaseStats.ts';
import { recordPhase, resultsOf, syntheticOutcomes } from '../results/syntheticRun.ts';

const models = ['a', 'b:2'];
const warmup = { name: 'warmup', kind: 'open', warmup: true, startMs: 0, models };
const steady = { name: 'steady', kind: 'open', warmup: false, startMs: 1000, models };
const second = { name: 'second', kind: 'closed', warmup: false, startMs: 6000, models };
/** Every outcome of the synthetic run, each for model 0 or 1 (one in three for b). */
const tagged = (outcomes: RequestOutcome[]) => outcomes.map((outcome, i) => ({ ...outcome, model: i % 3 === 0 ? 1 : 0 }));
const warmupOutcomes = tagged(syntheticOutcomes(300, 0, 1000));
const steadyOutcomes = tagged(syntheticOutcomes(3000, 1000, 5000));
const secondOutcomes = tagged(syntheticOutcomes(1500, 6000, 2000));

const phasesOf = (pick: (index: number) => boolean): PhaseStats[] => [
  recordPhase(warmup, warmupOutcomes.filter((_, i) => pick(i)), 1000),
  recordPhase(steady, steadyOutcomes.filter((_, i) => pick(i)), 6000),
  recordPhase(second, secondOutcomes.filter((_, i) => pick(i)), 8000),
];

/** The whole's figures of a phase recorded from one model's outcomes alone: what its split must say. */
function alone(info: typeof steady, outcomes: RequestOutcome[], endMs: number, model: number) {
  const { models: _split, ...rest } = info;
  return recordPhase(rest, outcomes.filter((outcome) => outcome.model === model), endMs);
}

const figures = (stats: Pick<ModelStats, 'counts' | 'errors' | 'errorRate' | 'latency' | 'histogram' | 'throughput' | 'sentRate' | 'achievedRate'>) => ({
  counts: stats.counts,
  errors: stats.errors,
  errorRate: stats.errorRate,
  latency: stats.latency,
  histogram: stats.histogram,
  throughput: stats.throughput,
  sentRate: stats.sentRate,
  achievedRate: stats.achievedRate,
});

describe('the per-model split of a mix', () => {
  it('gives each model of a phase exactly the figures of its outcomes recorded alone', () => {
    const phase = recordPhase(steady, steadyOutcomes, 6000);
    assert.deepEqual(phase.models?.map((split) => split.model), models);
    models.forEach((_, i) => assert.deepEqual(figures(phase.models![i]!), figures(alone(steady, steadyOutcomes, 6000, i))));
    assert.equal(phase.models!.reduce((sum, split) => sum + split.counts.sent + split.counts.dropped, 0), phase.counts.sent + phase.counts.dropped);
  });

  it('is absent for one model', () => {
    const { models: _none, ...single } = steady;
    assert.equal(recordPhase(single, steadyOutcomes, 6000).models, undefined);
    assert.equal(aggregatePhases([recordPhase(single, steadyOutcomes, 6000)]).models, undefined);
  });

  it('adds up across the non-warm-up phases of a run as the whole does', () => {
    const overall = aggregatePhases(phasesOf(() => true));
    models.forEach((_, i) => {
      const expected = aggregatePhases([alone(warmup, warmupOutcomes, 1000, i), alone(steady, steadyOutcomes, 6000, i), alone(second, secondOutcomes, 8000, i)]);
      assert.deepEqual(figures(overall.models![i]!), figures(expected));
    });
  });

  it('survives merging shards: counts and histograms equal the unsharded run, rates add up', () => {
    const whole = resultsOf(phasesOf(() => true));
    const merged = mergeResults([resultsOf(phasesOf((i) => i % 2 === 0), { index: 1, count: 2 }), resultsOf(phasesOf((i) => i % 2 === 1), { index: 2, count: 2 })]);
    runResultsSchema.parse(merged);
    for (const [index, phase] of merged.phases.entries()) {
      models.forEach((model, i) => {
        const split = phase.models![i]!;
        const expected = whole.phases[index]!.models![i]!;
        assert.equal(split.model, model);
        assert.deepEqual([split.counts, split.errors, split.latency, split.histogram], [expected.counts, expected.errors, expected.latency, expected.histogram]);
      });
    }
    models.forEach((_, i) => assert.deepEqual(merged.overall.models![i]!.counts, whole.overall.models![i]!.counts));
  });
});
