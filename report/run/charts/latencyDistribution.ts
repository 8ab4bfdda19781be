// The latency distribution as HdrHistogram plots draw it: latency against percentile, the percentile
// axis stretched as 1/(1 − p) on a log scale so that 90 %, 99 %, 99.9 % … are evenly spaced.

import { decodeLatencyHistogram } from '../../../harness/stats/latencyHistogram.ts';
import type { PhaseStats } from '../../../harness/stats/phaseStats.ts';
import type { TopLevelSpec } from 'vega-lite';
import { chartConfig, type DataSource, type ReportChart } from '../../reportChart.ts';

/** Points per decade of 1/(1 − p). */
const pointsPerDecade = 10;

/**
 * The percentiles (0–100) a curve of `count` samples is drawn at: 1/(1 − p) from 1 in even log
 * steps up to `count` (past it, every percentile is the maximum), at least to 99 %.
 */
export function plottedPercentiles(count: number): number[] {
  const top = Math.max(100, count);
  const steps = Math.ceil(Math.log10(top) * pointsPerDecade);
  return Array.from({ length: steps + 1 }, (_, i) => {
    const inverse = Math.min(top, 10 ** (i / pointsPerDecade));
    return 100 * (1 - 1 / inverse);
  });
}

/** Points `{ percentile, inverse, ms }` of one curve, from an encoded histogram; none when it is empty. */
export function percentileCurve(encodedHistogram: string) {
  const histogram = decodeLatencyHistogram(encodedHistogram);
  if (histogram.count === 0) return [];
  return plottedPercentiles(histogram.count).map((percentile) => ({
    percentile: Number(percentile.toFixed(6)),
    inverse: Number((100 / (100 - percentile)).toFixed(6)),
    ms: histogram.percentile(percentile)!,
  }));
}

/** Rows `{ phase, percentile, inverse, ms }`, one curve per phase that recorded latencies. */
export function distributionRows(phases: readonly PhaseStats[]) {
  return phases.flatMap((phase) => percentileCurve(phase.histogram).map((point) => ({ phase: phase.name, ...point })));
}

/** Tick values of the percentile axis: 1/(1 − p) for p = 0, 90 %, 99 %, … up to `maxInverse`. */
export function percentileTicks(maxInverse: number): number[] {
  const ticks = [1];
  while (ticks.at(-1)! * 10 <= maxInverse * 1.0001) ticks.push(ticks.at(-1)! * 10);
  return ticks;
}

/**
 * The HdrHistogram percentile plot of `rows`, one line per value of `series` (in `order`), for the
 * run report (one per phase) and the comparison report (one per variant) alike.
 */
export function percentilePlotSpec(source: DataSource, rows: readonly { inverse: number }[], series: string, title: string, order: readonly string[] | null): TopLevelSpec {
  const maxInverse = Math.max(100, ...rows.map((row) => row.inverse));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...chartConfig,
    data: source('distribution'),
    mark: { type: 'line', strokeWidth: 1.8, interpolate: 'step-after' },
    encoding: {
      x: {
        field: 'inverse',
        type: 'quantitative',
        title: 'Percentile',
        scale: { type: 'log', domain: [1, maxInverse] },
        axis: { values: percentileTicks(maxInverse), labelExpr: "datum.value <= 1 ? '0%' : format(100 - 100 / datum.value, '.6~') + '%'" },
      },
      y: { field: 'ms', type: 'quantitative', title: 'Latency (ms)' },
      color: { field: series, type: 'nominal', title, sort: order === null ? null : [...order] },
      tooltip: [
        { field: series, type: 'nominal' },
        { field: 'percentile', type: 'quantitative', format: '.4~f' },
        { field: 'ms', type: 'quantitative', title: 'latency (ms)' },
      ],
    },
  };
}

export function latencyDistributionChart(phases: readonly PhaseStats[]): ReportChart {
  const rows = distributionRows(phases);
  return {
    name: 'latency-distribution',
    title: 'Latency distribution',
    caption: 'Latency at each percentile, from the exact HDR histogram of each phase (HdrHistogram percentile plot).',
    data: { distribution: rows },
    spec: (source) => percentilePlotSpec(source, rows, 'phase', 'Phase', null),
  };
}
