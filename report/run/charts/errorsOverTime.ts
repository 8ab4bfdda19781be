// Failed requests per second over the run. The results keep error kinds per phase only, so the
// kinds are shown as one bar per phase and kind; the time chart counts all kinds together.

import type { PhaseStats } from '../../../harness/stats/phaseStats.ts';
import { phaseBoundaries, timedIntervals } from '../runTimeline.ts';
import { phaseMarkLayers, phasesTable } from './phaseMarks.ts';
import { chartConfig, type ReportChart } from '../../reportChart.ts';

/** Rows `{ time, end, phase, errors }` for every second [time, end). */
export function errorRows(phases: readonly PhaseStats[]) {
  return timedIntervals(phases).map(({ phase, interval, time }) => ({ time, end: time + 1, phase: phase.name, errors: interval.errors }));
}

/** Rows `{ phase, kind, count }`: the errors of each phase by kind. */
export function errorKindRows(phases: readonly PhaseStats[]) {
  return phases.flatMap((phase) => Object.entries(phase.errors).map(([kind, count]) => ({ phase: phase.name, kind, count })));
}

/** True when any phase had a failed request: only then does the report show error charts. */
export function hasErrors(phases: readonly PhaseStats[]): boolean {
  return phases.some((phase) => phase.counts.errors > 0);
}

export function errorsOverTimeChart(phases: readonly PhaseStats[]): ReportChart {
  return {
    name: 'errors-over-time',
    title: 'Errors over time',
    caption: 'Failed requests (timeouts, connection errors, error statuses, and drops: requests never sent) in each second.',
    data: { errors: errorRows(phases), [phasesTable]: phaseBoundaries(phases) },
    spec: (source) => ({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      ...chartConfig,
      height: 180,
      layer: [
        {
          data: source('errors'),
          mark: { type: 'bar', color: '#e45756', binSpacing: 1 },
          encoding: {
            x: { field: 'time', type: 'quantitative', title: 'Time since start (s)' },
            x2: { field: 'end' },
            y: { field: 'errors', type: 'quantitative', title: 'Errors per second' },
          },
        },
        ...phaseMarkLayers(source),
      ],
    }),
  };
}

export function errorsByKindChart(phases: readonly PhaseStats[]): ReportChart {
  return {
    name: 'errors-by-kind',
    title: 'Errors by kind',
    caption: 'Failed requests of each phase by kind: timeout, connection, dropped (never sent), or the HTTP status.',
    data: { kinds: errorKindRows(phases) },
    spec: (source) => ({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      ...chartConfig,
      height: { step: 22 },
      data: source('kinds'),
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'phase', type: 'nominal', title: 'Phase', sort: null },
        x: { field: 'count', type: 'quantitative', title: 'Errors', stack: 'zero' },
        color: { field: 'kind', type: 'nominal', title: 'Kind', scale: { scheme: 'set2' } },
      },
    }),
  };
}
