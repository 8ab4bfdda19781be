// Merges the results of shards that ran one scenario at the same time (`infercap run --shard i/n` on
// several machines) into the results of the whole load, exactly: histograms added, counts summed.

import { intervalLatencyOf } from '../stats/intervalSeries.ts';
import { addEncodedHistograms } from '../stats/latencyHistogram.ts';
import { mergeModelStats } from '../stats/modelStats.ts';
import type { IntervalStats, PhaseStats } from '../stats/phaseStats.ts';
import { addCounts, addErrorCounts, emptyCounts, errorRate, sumRates } from '../stats/requestCounts.ts';
import { aggregatePhases } from './aggregatePhases.ts';
import { mergeOfVariants, mergePhasesDiffer, mergeScenariosDiffer, mergeShardTwice, mergeSplitsDiffer, mergeWithoutResults } from '../../common/errors.ts';
import { envelopeOf, type Environment } from './resultsEnvelope.ts';
import { runSchemaVersion, type RunResults } from './runResults.ts';

/**
 * Merges shard results of one scenario. Every file must hold the same phases (names, kinds, warm-up
 * flags, in order); they are merged name by name. Shards run concurrently, so rates (and target rates) add up and a phase lasts as long as its
 * longest shard; per-second series are merged by second. Threshold outcomes are not carried over:
 * they judged one shard's numbers, so the merged results must be evaluated again.
 * The merged file is written `now`; its environment is the first shard's, without its shard.
 * Throws an InfercapError (exit code 2) when the results do not belong together.
 */
export function mergeResults(results: readonly RunResults[], now = new Date()): RunResults {
  const first = results[0];
  if (first === undefined) throw mergeWithoutResults();
  checkMergeable(results);

  const phases = first.phases.map((_, i) => mergePhase(results.map((r) => r.phases[i]!)));
  const shards = results.flatMap((r) => r.shards ?? [r.environment]);
  const { shard: _ownShard, ...environment } = first.environment;
  return {
    ...envelopeOf('run', runSchemaVersion, { now }),
    environment,
    complete: results.every((r) => r.complete),
    scenario: first.scenario,
    target: first.target,
    shards,
    startedAt: results.map((r) => r.startedAt).reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a)),
    durationMs: Math.max(...results.map((r) => r.durationMs)),
    phases,
    overall: aggregatePhases(phases),
    thresholds: [],
  };
}

function checkMergeable(results: readonly RunResults[]): void {
  const first = results[0]!;
  const describe = (phases: readonly PhaseStats[]) => `[${phases.map((p) => `${p.name}${p.warmup ? ' (warmup)' : ''}`).join(', ')}]`;
  results.forEach((r, i) => {
    const which = `results #${i + 1}`;
    if (r.scenario.name !== first.scenario.name) {
      throw mergeScenariosDiffer(which, r.scenario.name, first.scenario.name);
    }
    const samePhases =
      r.phases.length === first.phases.length &&
      r.phases.every((p, j) => p.name === first.phases[j]!.name && p.kind === first.phases[j]!.kind && p.warmup === first.phases[j]!.warmup);
    if (!samePhases) {
      throw mergePhasesDiffer(which, describe(r.phases), describe(first.phases));
    }
    if (r.variants !== undefined) throw mergeOfVariants(which);
  });
  checkShards(results.flatMap((r) => r.shards ?? [r.environment]));
}

/** The same shard twice would count its load twice; shards of different splits do not add up to a whole. */
function checkShards(environments: readonly Environment[]): void {
  const seen = new Set<number>();
  let count: number | undefined;
  for (const { shard } of environments) {
    if (shard === undefined) continue;
    if (count !== undefined && shard.count !== count) {
      throw mergeSplitsDiffer(count, shard.count);
    }
    count = shard.count;
    if (seen.has(shard.index)) throw mergeShardTwice(shard.index, shard.count);
    seen.add(shard.index);
  }
}

/** One phase across shards (same name, kind and warm-up flag, checked before). */
function mergePhase(shards: readonly PhaseStats[]): PhaseStats {
  const { name, kind, warmup } = shards[0]!;
  const targets = shards.flatMap((s) => (s.targetRate === undefined ? [] : [s.targetRate]));
  const counts = shards.reduce((sum, s) => addCounts(sum, s.counts), emptyCounts());
  const latency = addEncodedHistograms(shards.map((s) => s.histogram));
  const models = mergeModelStats(shards.map((s) => s.models));
  return {
    name,
    kind,
    warmup,
    ...(targets.length === 0 ? {} : { targetRate: sumRates(targets) }),
    durationMs: Math.max(...shards.map((s) => s.durationMs)),
    windowMs: Math.max(...shards.map((s) => s.windowMs)),
    drainMs: Math.max(...shards.map((s) => s.drainMs)),
    achievedRate: sumRates(shards.map((s) => s.achievedRate)),
    sentRate: sumRates(shards.map((s) => s.sentRate)),
    throughput: sumRates(shards.map((s) => s.throughput)),
    counts,
    errors: shards.reduce((sum, s) => addErrorCounts(sum, s.errors), {}),
    errorRate: errorRate(counts),
    latency: latency.summary(),
    histogram: latency.encode(),
    ...(models === undefined ? {} : { models }),
    series: mergeSeries(shards.map((s) => s.series)),
  };
}

/** Per-second series merged by second: entry t of the result holds entry t of every shard that has one. */
function mergeSeries(seriesList: readonly (readonly IntervalStats[])[]): IntervalStats[] {
  const byT = seriesList.map((series) => new Map(series.map((entry) => [entry.t, entry])));
  const length = Math.max(0, ...seriesList.flatMap((series) => series.map((entry) => entry.t + 1)));
  return Array.from({ length }, (_, t) => {
    const entries = byT.flatMap((series) => series.get(t) ?? []);
    const sum = (field: 'sent' | 'completed' | 'dropped' | 'errors' | 'throughput') => entries.reduce((total, e) => total + e[field], 0);
    const histogram = addEncodedHistograms(entries.map((e) => e.histogram));
    // A trace replay's target: each shard's part of the second, so the sum is the whole trace's.
    const targets = entries.flatMap((e) => (e.target === undefined ? [] : [e.target]));
    return {
      t,
      ...(targets.length === 0 ? {} : { target: targets.reduce((total, target) => total + target, 0) }),
      sent: sum('sent'),
      completed: sum('completed'),
      dropped: sum('dropped'),
      errors: sum('errors'),
      throughput: sum('throughput'),
      latency: intervalLatencyOf(histogram),
      histogram: histogram.encode(),
    };
  });
}
