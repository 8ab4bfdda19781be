// The comparison report's charts: the variants' overall latency distributions overlaid as HdrHistogram
// percentile plots, and their p99 of each 1-second interval over the run, one line per variant.

import type { ComparisonVariant } from '../../harness/compare/comparisonVariant.ts';
import { percentileCurve, percentilePlotSpec } from '../run/charts/latencyDistribution.ts';
import { chartConfig, type ReportChart } from '../reportChart.ts';
import { timedIntervals } from '../run/runTimeline.ts';

export type { ComparisonVariant };

/** Rows `{ variant, percentile, inverse, ms }`: one curve per variant, from its overall histogram. */
export function comparisonDistributionRows(variants: readonly ComparisonVariant[]) {
  return variants.flatMap(({ label, results }) => percentileCurve(results.overall.histogram).map((point) => ({ variant: label, ...point })));
}

/** Rows `{ variant, time, phase, ms }`: each variant's p99 per 1-second interval; seconds without a latency are left out. */
export function comparisonP99Rows(variants: readonly ComparisonVariant[]) {
  return variants.flatMap(({ label, results }) =>
    timedIntervals(results.phases).flatMap(({ phase, interval, time }) =>
      interval.latency.p99 === null ? [] : [{ variant: label, time, phase: phase.name, ms: interval.latency.p99 }],
    ),
  );
}

const variantColor = (labels: readonly string[]) => ({ field: 'variant', type: 'nominal', title: 'Variant', sort: [...labels] }) as const;

export function comparisonDistributionChart(variants: readonly ComparisonVariant[]): ReportChart {
  const rows = comparisonDistributionRows(variants);
  return {
    name: 'latency-distribution',
    title: 'Latency distribution',
    caption: 'Latency at each percentile, from the exact overall HDR histogram of each variant (warm-up excluded).',
    data: { distribution: rows },
    spec: (source) => percentilePlotSpec(source, rows, 'variant', 'Variant', variants.map((v) => v.label)),
  };
}

export function comparisonP99Chart(variants: readonly ComparisonVariant[]): ReportChart {
  const labels = variants.map((v) => v.label);
  return {
    name: 'p99-over-time',
    title: 'p99 over time',
    caption: 'The p99 latency of each 1-second interval of each variant, from the start of its run (warm-up included).',
    data: { p99: comparisonP99Rows(variants) },
    spec: (source) => ({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      ...chartConfig,
      data: source('p99'),
      mark: { type: 'line', point: { size: 12 }, strokeWidth: 1.6 },
      encoding: {
        x: { field: 'time', type: 'quantitative', title: 'Time since start (s)' },
        y: { field: 'ms', type: 'quantitative', title: 'p99 latency (ms)' },
        color: variantColor(labels),
        detail: { field: 'phase', type: 'nominal' },
        tooltip: [
          { field: 'variant', type: 'nominal' },
          { field: 'phase', type: 'nominal' },
          { field: 'time', type: 'quantitative', title: 'time (s)' },
          { field: 'ms', type: 'quantitative', title: 'p99 (ms)' },
        ],
      },
    }),
  };
}

/** The comparison's charts, in page order. */
export function comparisonCharts(variants: readonly ComparisonVariant[]): ReportChart[] {
  return [comparisonDistributionChart(variants), comparisonP99Chart(variants)];
}
