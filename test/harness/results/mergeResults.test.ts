import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InfercapError } from '../../../common/errors.ts';
import { mergeResults } from '../../../harness/results/mergeResults.ts';
import { runResultsSchema, type RunResults } from '../../../harness/results/runResults.ts';
import type { PhaseStats } from '../../../harness/stats/phaseStats.ts';
import { recordPhase, resultsOf, syntheticOutcomes } from './syntheticRun.ts';

const warmup = { name: 'warmup', kind: 'open-loop', warmup: true, startMs: 0 };
const steady = { name: 'steady', kind: 'open-loop', warmup: false, startMs: 1000 };
const warmupOutcomes = syntheticOutcomes(400, 0, 1000);
const steadyOutcomes = syntheticOutcomes(6000, 1000, 5000);

/** The run's phases as recorded from `pick` of the outcomes, each shard asked for `rate` of the target. */
function phases(pick: (index: number) => boolean, rate: number): PhaseStats[] {
  return [
    recordPhase({ ...warmup, targetRate: 400 * rate }, warmupOutcomes.filter((_, i) => pick(i)), 1000),
    recordPhase({ ...steady, targetRate: 1200 * rate }, steadyOutcomes.filter((_, i) => pick(i)), 6000),
  ];
}

const whole = resultsOf(phases(() => true, 1));
const shard1 = resultsOf(phases((i) => i % 2 === 0, 0.5), { index: 1, count: 2 });
const shard2 = resultsOf(phases((i) => i % 2 === 1, 0.5), { index: 2, count: 2 });

function assertMismatch(results: RunResults[], pattern: RegExp): void {
  assert.throws(
    () => mergeResults(results),
    (error: unknown) => error instanceof InfercapError && error.code === 'E_RESULTS_MISMATCH' && error.exitCode === 2 && pattern.test(error.message),
  );
}

describe('mergeResults', () => {
  it('merges two shards into exactly what one recorder of all outcomes gives', () => {
    const merged = mergeResults([shard1, shard2]);
    // Everything: counts, errors, rates, summaries, encoded histograms, and the per-second series.
    assert.deepEqual(merged.phases, whole.phases);
    assert.deepEqual(merged.overall, whole.overall);
    assert.ok(whole.phases[1]!.series.some((s) => s.errors > 0 && s.latency.count > 0));
    assert.deepEqual(runResultsSchema.parse(merged), merged);
  });

  it('adds the shards\' per-second targets of a trace replay up to the whole trace\'s', () => {
    const withTarget = (run: RunResults, target: number[]): RunResults => ({
      ...run,
      phases: run.phases.map((phase) => ({ ...phase, series: phase.series.map((s) => ({ ...s, ...(s.t < target.length ? { target: target[s.t]! } : {}) })) })),
    });
    const merged = mergeResults([withTarget(shard1, [3, 2]), withTarget(shard2, [2, 2])]);
    assert.deepEqual(merged.phases[1]!.series.slice(0, 3).map((s) => s.target), [5, 4, undefined]);
    assert.equal('target' in mergeResults([shard1, shard2]).phases[1]!.series[0]!, false);
  });

  it('does not depend on the order of the shards', () => {
    assert.deepEqual(mergeResults([shard2, shard1]).phases, mergeResults([shard1, shard2]).phases);
  });

  it('merges merged results further, exactly', () => {
    const shards = [0, 1, 2].map((k) => resultsOf(phases((i) => i % 3 === k, 1 / 3), { index: k + 1, count: 3 }));
    const merged = mergeResults([mergeResults([shards[0]!, shards[1]!]), shards[2]!]);
    assert.deepEqual(merged.phases.map((p) => p.histogram), whole.phases.map((p) => p.histogram));
    assert.deepEqual(merged.overall.counts, whole.overall.counts);
    assert.equal(merged.shards?.length, 3);
  });

  it('keeps the run-level facts of the shards: earliest start, longest duration, partial if any is', () => {
    const later = { ...shard2, startedAt: '2025-01-02T03:05:00.000Z', complete: false, durationMs: 7000 };
    const merged = mergeResults([later, shard1]);
    assert.equal(merged.startedAt, shard1.startedAt);
    assert.equal(merged.durationMs, 7000);
    assert.equal(merged.complete, false);
    assert.equal(merged.environment.shard, undefined);
    assert.deepEqual(merged.shards?.map((e) => e.shard), [{ index: 2, count: 2 }, { index: 1, count: 2 }]);
    assert.deepEqual(merged.thresholds, []);
  });

  it('refuses results whose phases differ', () => {
    assertMismatch([shard1, { ...shard2, phases: shard2.phases.slice(1) }], /results #2 has phases \[steady\], results #1 has \[warmup \(warmup\), steady\]/);
    const renamed = shard2.phases.map((p) => ({ ...p, name: p.name === 'steady' ? 'peak' : p.name }));
    assertMismatch([shard1, { ...shard2, phases: renamed }], /phases/);
  });

  it('refuses results of different scenarios, the same shard twice, or shards of different splits', () => {
    assertMismatch([shard1, { ...shard2, scenario: { name: 'spike' } }], /scenario "spike"/);
    assertMismatch([shard1, shard1], /shard 1\/2 appears twice/);
    const ofThree = resultsOf(shard2.phases, { index: 2, count: 3 });
    assertMismatch([shard1, ofThree], /different splits/);
    assertMismatch([], /no results/);
  });
});
