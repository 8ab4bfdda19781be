// Latency percentiles (p50/p95/p99) of each 1-second interval over the run, phases marked.

import type { PhaseStats } from '../../../harness/stats/phaseStats.ts';
import { phaseBoundaries, timedIntervals } from '../runTimeline.ts';
import { phaseMarkLayers, phasesTable } from './phaseMarks.ts';
import { chartConfig, type ReportChart } from '../../reportChart.ts';

const percentiles = ['p50', 'p95', 'p99'] as const;

/** Rows `{ time, phase, percentile, ms }`; seconds without a latency are left out. */
export function latencyRows(phases: readonly PhaseStats[]) {
  return timedIntervals(phases).flatMap(({ phase, interval, time }) =>
    percentiles.flatMap((percentile) => {
      const ms = interval.latency[percentile];
      return ms === null ? [] : [{ time, phase: phase.name, percentile, ms }];
    }),
  );
}

export function latencyOverTimeChart(phases: readonly PhaseStats[]): ReportChart {
  return {
    name: 'latency-over-time',
    title: 'Latency over time',
    caption: 'p50, p95 and p99 of each 1-second interval; dashed lines mark where each phase starts.',
    data: { latency: latencyRows(phases), [phasesTable]: phaseBoundaries(phases) },
    spec: (source) => ({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      ...chartConfig,
      layer: [
        {
          data: source('latency'),
          mark: { type: 'line', point: { size: 12 }, strokeWidth: 1.6 },
          encoding: {
            x: { field: 'time', type: 'quantitative', title: 'Time since start (s)' },
            y: { field: 'ms', type: 'quantitative', title: 'Latency (ms)' },
            color: { field: 'percentile', type: 'nominal', title: 'Percentile', sort: [...percentiles], scale: { range: ['#4c78a8', '#f58518', '#e45756'] } },
            detail: { field: 'phase', type: 'nominal' },
          },
        },
        ...phaseMarkLayers(source),
      ],
    }),
  };
}
