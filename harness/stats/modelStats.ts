// The per-model split of a mix's statistics: built from one phase's tallies, and combined across phases
// (a run's overall figures) or across shards (a merge) the way the whole is, histograms added exactly.

import type { LatencyHistogram } from './latencyHistogram.ts';
import { addEncodedHistograms } from './latencyHistogram.ts';
import type { ErrorCounts, ModelStats, RequestCounts } from './phaseStats.ts';
import { addCounts, addErrorCounts, emptyCounts, errorRate, perSecond, sumRates } from './requestCounts.ts';

/** The figures of a tally of requests (a phase's aggregate, or one model's part), its rates over `windowMs`. */
export function tallyFigures(counts: RequestCounts, errors: ErrorCounts, latency: LatencyHistogram, windowMs: number): Omit<ModelStats, 'model'> {
  return {
    achievedRate: perSecond(counts.completed, windowMs),
    sentRate: perSecond(counts.sent, windowMs),
    throughput: perSecond(counts.ok, windowMs),
    counts,
    errors,
    errorRate: errorRate(counts),
    latency: latency.summary(),
    histogram: latency.encode(),
  };
}

/** One model's statistics, its rates over the phase's schedule window `windowMs`. */
export function modelStatsOf(model: string, counts: RequestCounts, errors: ErrorCounts, latency: LatencyHistogram, windowMs: number): ModelStats {
  return { model, ...tallyFigures(counts, errors, latency, windowMs) };
}

/** Entries of the same model across `splits`, models in first-seen order; undefined when none has a split. */
function byModel(splits: readonly (readonly ModelStats[] | undefined)[]): Map<string, ModelStats[]> | undefined {
  if (splits.every((split) => split === undefined)) return undefined;
  const models = new Map<string, ModelStats[]>();
  for (const entry of splits.flatMap((split) => split ?? [])) models.set(entry.model, [...(models.get(entry.model) ?? []), entry]);
  return models;
}

function combined(model: string, entries: readonly ModelStats[], rates: (counts: RequestCounts) => Pick<ModelStats, 'achievedRate' | 'sentRate' | 'throughput'>): ModelStats {
  const counts = entries.reduce((sum, entry) => addCounts(sum, entry.counts), emptyCounts());
  const latency = addEncodedHistograms(entries.map((entry) => entry.histogram));
  return {
    model,
    ...rates(counts),
    counts,
    errors: entries.reduce((sum, entry) => addErrorCounts(sum, entry.errors), {}),
    errorRate: errorRate(counts),
    latency: latency.summary(),
    histogram: latency.encode(),
  };
}

/** Phases run one after another: counts and histograms add, rates are over their summed windows `windowMs`. */
export function aggregateModelStats(splits: readonly (readonly ModelStats[] | undefined)[], windowMs: number): ModelStats[] | undefined {
  const models = byModel(splits);
  if (models === undefined) return undefined;
  return [...models].map(([model, entries]) =>
    combined(model, entries, (counts) => ({ achievedRate: perSecond(counts.completed, windowMs), sentRate: perSecond(counts.sent, windowMs), throughput: perSecond(counts.ok, windowMs) })),
  );
}

/** Shards run at the same time: counts and histograms add, and so do rates. */
export function mergeModelStats(splits: readonly (readonly ModelStats[] | undefined)[]): ModelStats[] | undefined {
  const models = byModel(splits);
  if (models === undefined) return undefined;
  return [...models].map(([model, entries]) =>
    combined(model, entries, () => ({
      achievedRate: sumRates(entries.map((entry) => entry.achievedRate)),
      sentRate: sumRates(entries.map((entry) => entry.sentRate)),
      throughput: sumRates(entries.map((entry) => entry.throughput)),
    })),
  );
}
