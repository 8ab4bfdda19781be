// The run's phases laid on one time axis: each phase starts where the previous one ended, so a
// series second `t` of phase i is at run time offset(i) + t.

import type { PhaseStats } from '../../harness/stats/phaseStats.ts';

/** Where one phase sits on the run's time axis, in seconds. */
export interface PhaseSpan {
  readonly phase: string;
  readonly start: number;
  readonly end: number;
}

/** The span of every phase, in order; phases run back to back. */
export function phaseSpans(phases: readonly PhaseStats[]): PhaseSpan[] {
  let start = 0;
  return phases.map((phase) => {
    const span = { phase: phase.name, start: round3(start), end: round3(start + phase.durationMs / 1000) };
    start += phase.durationMs / 1000;
    return span;
  });
}

/** The start of each phase, as rows for the rules and labels that mark phase boundaries. */
export function phaseBoundaries(phases: readonly PhaseStats[]): { phase: string; start: number }[] {
  return phaseSpans(phases).map(({ phase, start }) => ({ phase, start }));
}

/** Every series second of every phase with its run time (seconds since the run started). */
export function timedIntervals(phases: readonly PhaseStats[]) {
  const spans = phaseSpans(phases);
  return phases.flatMap((phase, i) =>
    phase.series.map((interval) => ({ phase, interval, time: round3(spans[i]!.start + interval.t) })),
  );
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
