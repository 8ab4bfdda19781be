// Achieved against target rate over the run: what the target answered each second, against what
// open-loop phases asked for.

import type { PhaseStats } from '../../../harness/stats/phaseStats.ts';
import { phaseBoundaries, timedIntervals } from '../runTimeline.ts';
import { phaseMarkLayers, phasesTable } from './phaseMarks.ts';
import { chartConfig, type ReportChart } from '../../reportChart.ts';

const series = ['target', 'sent', 'completed'] as const;

/**
 * Rows `{ time, phase, series, rate }`: sent and completed requests per second, and the target where the
 * phase has one: each second's own for a trace replay, else the phase's rate.
 */
export function rateRows(phases: readonly PhaseStats[]) {
  return timedIntervals(phases).flatMap(({ phase, interval, time }) => {
    const target = interval.target ?? phase.targetRate;
    return [
      ...(target === undefined ? [] : [{ time, phase: phase.name, series: 'target', rate: target }]),
      { time, phase: phase.name, series: 'sent', rate: interval.sent },
      { time, phase: phase.name, series: 'completed', rate: interval.completed },
    ];
  });
}

export function rateOverTimeChart(phases: readonly PhaseStats[]): ReportChart {
  return {
    name: 'rate-over-time',
    title: 'Achieved vs target rate',
    caption: 'Requests sent and completed in each second, against the rate open-loop phases asked for (a trace replay: each second\'s own).',
    data: { rates: rateRows(phases), [phasesTable]: phaseBoundaries(phases) },
    spec: (source) => ({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      ...chartConfig,
      layer: [
        {
          data: source('rates'),
          mark: { type: 'line', strokeWidth: 1.6, interpolate: 'step-after' },
          encoding: {
            x: { field: 'time', type: 'quantitative', title: 'Time since start (s)' },
            y: { field: 'rate', type: 'quantitative', title: 'Requests per second' },
            color: { field: 'series', type: 'nominal', title: 'Rate', sort: [...series], scale: { domain: [...series], range: ['#9a9aa8', '#4c78a8', '#54a24b'] } },
            strokeDash: { field: 'series', type: 'nominal', sort: [...series], scale: { domain: [...series], range: [[5, 3], [1, 0], [1, 0]] }, legend: null },
            detail: { field: 'phase', type: 'nominal' },
          },
        },
        ...phaseMarkLayers(source),
      ],
    }),
  };
}
