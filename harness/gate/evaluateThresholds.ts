// Judges a scenario's k6-style thresholds against a run's overall statistics. A threshold measured on
// zero samples fails: "p(95) < 50ms" over a run that got no answer must not turn a CI build green.

import { thresholdStatisticNotAllowed } from '../../common/errors.ts';
import type { ThresholdExpression, ThresholdMetric, ThresholdOperator } from '../scenario/thresholdExpression.ts';
import { decodeLatencyHistogram, type LatencySummary } from '../stats/latencyHistogram.ts';
import type { AggregateStats, ModelStats } from '../stats/phaseStats.ts';
import { modelLabel, type WorkloadModel } from '../scenario/mixSchema.ts';
import { formatMetricValue } from './figureFormat.ts';
import type { ThresholdOutcome } from './thresholdOutcome.ts';

/** The reason of a threshold that had nothing to measure. */
export const noSamples = 'no samples';

/** Percentiles the latency summary already holds; any other p(N) is read from the encoded histogram. */
const storedPercentiles: ReadonlyMap<number, keyof LatencySummary> = new Map([
  [50, 'p50'],
  [90, 'p90'],
  [95, 'p95'],
  [99, 'p99'],
  [99.9, 'p999'],
  [100, 'max'],
]);

const holds: Record<ThresholdOperator, (observed: number, bound: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/**
 * Evaluates every threshold, in order, on `stats` (normally a run's `overall`: the non-warm-up
 * phases). Latency statistics come from the latency summary or, for other percentiles, the encoded
 * histogram; error_rate is errors/sent, throughput successful responses per second, dropped a count.
 * Throws E_INVALID_THRESHOLD (exit code 2) for a statistic its metric does not take, which the
 * scenario parser already rejects.
 */
export function evaluateThresholds(thresholds: readonly ThresholdExpression[], stats: ThresholdStats): ThresholdOutcome[] {
  let decoded: ReturnType<typeof decodeLatencyHistogram> | undefined;
  const percentileOf = (p: number): number | null => {
    const stored = storedPercentiles.get(p);
    if (stored !== undefined) return stats.latency[stored];
    decoded ??= decodeLatencyHistogram(stats.histogram);
    return decoded.percentile(p);
  };

  return thresholds.map((threshold) => {
    const observed = observe(threshold, stats, percentileOf);
    const base = { metric: threshold.metric, expression: threshold.source, observed };
    if (observed === null) return { ...base, passed: false, reason: noSamples };
    if (holds[threshold.operator](observed, threshold.value)) return { ...base, passed: true };
    const unit = (value: number) => formatMetricValue(threshold.metric, value);
    return { ...base, passed: false, reason: `observed ${unit(observed)}, not ${threshold.operator} ${unit(threshold.value)}` };
  });
}

/** What thresholds read: a run's overall statistics, or one model's part of them. */
export type ThresholdStats = Pick<AggregateStats | ModelStats, 'counts' | 'latency' | 'errorRate' | 'throughput' | 'histogram'>;

/**
 * A run's thresholds: the scenario's on `overall`, then each mix model's own on its part of it (an outcome
 * naming the model); a model without a part (nothing was recorded) has no samples, so its thresholds fail.
 */
export function evaluateRunThresholds(thresholds: readonly ThresholdExpression[], models: readonly WorkloadModel[], overall: AggregateStats): ThresholdOutcome[] {
  return [
    ...evaluateThresholds(thresholds, overall),
    ...models.flatMap((entry) => {
      const model = modelLabel(entry);
      const own = entry.thresholds ?? [];
      const split = overall.models?.find((stats) => stats.model === model);
      const outcomes = split === undefined ? own.map((threshold) => ({ metric: threshold.metric, expression: threshold.source, observed: null, passed: false, reason: noSamples })) : evaluateThresholds(own, split);
      return outcomes.map((outcome) => ({ ...outcome, model }));
    }),
  ];
}

/** The statistic a threshold names, or null when the run has no sample of it. */
function observe(threshold: ThresholdExpression, stats: ThresholdStats, percentileOf: (p: number) => number | null): number | null {
  const { counts } = stats;
  switch (threshold.metric) {
    case 'latency':
      return stats.latency.count === 0 ? null : latencyStatistic(threshold, stats.latency, percentileOf);
    case 'error_rate':
      expectStatistic(threshold, 'rate');
      return stats.errorRate;
    case 'throughput':
      expectStatistic(threshold, 'rate');
      // Nothing sent means the target's throughput was never measured; 0/s would read as a measurement.
      return counts.sent === 0 ? null : stats.throughput;
    case 'dropped':
      expectStatistic(threshold, 'count');
      // A run in which no request was even due measured nothing, so "== 0" must not pass on it.
      return counts.sent + counts.dropped === 0 ? null : counts.dropped;
  }
}

function latencyStatistic(threshold: ThresholdExpression, latency: LatencySummary, percentileOf: (p: number) => number | null): number | null {
  const { statistic } = threshold;
  if (statistic === 'mean' || statistic === 'min' || statistic === 'max') return latency[statistic];
  const percentile = threshold.percentile ?? percentileIn(statistic);
  if (percentile === undefined) throw wrongStatistic(threshold);
  return percentileOf(percentile);
}

/** N of a `p(N)` statistic; undefined for anything else. */
function percentileIn(statistic: string): number | undefined {
  const match = /^p\((.+)\)$/.exec(statistic);
  const n = match === null ? NaN : Number(match[1]);
  return n > 0 && n <= 100 ? n : undefined;
}

function expectStatistic(threshold: ThresholdExpression, statistic: string): void {
  if (threshold.statistic !== statistic) throw wrongStatistic(threshold);
}

const allowed: Record<ThresholdMetric, string> = {
  latency: 'p(N), mean, min or max',
  error_rate: 'rate',
  throughput: 'rate',
  dropped: 'count',
};

const wrongStatistic = (threshold: ThresholdExpression) =>
  thresholdStatisticNotAllowed(threshold.metric, threshold.source, threshold.statistic, allowed[threshold.metric]);
