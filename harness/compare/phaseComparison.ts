// Variants compared phase by phase: a ratio means something only between phases under the same load.
// Overall figures blend an open-loop phase (latency at a load both variants sustain) with a closed-loop
// one (the ceiling), so their ratios answer no question; these do.

import type { RunResults } from '../results/runResults.ts';
import type { PhaseStats } from '../../harness/stats/phaseStats.ts';
import type { ComparisonVariant } from './comparisonVariant.ts';

/** The figures compared, in table order. */
export const comparedFigures = ['throughput', 'p50', 'p95', 'p99', 'errorRate'] as const;
export type ComparedFigure = (typeof comparedFigures)[number];

/** A phase's value of `figure`; null when it has none (no latency sample, nothing sent). */
export function figureOf(phase: PhaseStats, figure: ComparedFigure): number | null {
  switch (figure) {
    case 'throughput':
      return phase.throughput;
    case 'errorRate':
      return phase.errorRate;
    default:
      return phase.latency[figure];
  }
}

/** value / base; null when either is missing or the base is 0 (no ratio to speak of). */
export function ratioOf(value: number | null, base: number | null): number | null {
  if (value === null || base === null || base === 0) return null;
  return value / base;
}

/** The measured phases of a run: not warm-up, with traffic. */
export function measuredPhases(results: RunResults): PhaseStats[] {
  return results.phases.filter((phase) => !phase.warmup && phase.counts.sent + phase.counts.dropped > 0);
}

/** Connections of a closed-loop phase, as the scenario recorded in the results defines it. */
export function connectionsOf(results: RunResults, phase: string): number | undefined {
  const phases = (results.scenario as { phases?: unknown }).phases;
  if (!Array.isArray(phases)) return undefined;
  const declared = phases.find((p): p is { connections: number } => typeof p === 'object' && p !== null && p.name === phase && typeof p.connections === 'number');
  return declared?.connections;
}

/** One variant's phase against the first variant's phase of the same name. */
export interface PhaseRatios {
  readonly label: string;
  readonly phase: PhaseStats;
  /** null per figure when either side has none; all null when the first variant lacks the phase or defines it differently. */
  readonly ratios: Record<ComparedFigure, number | null>;
}

/**
 * Per variant, per measured phase, each figure divided by the first variant's in the same phase. A
 * phase of the same name whose kind or offered rate differs gives no ratio: it is not the same load.
 */
export function phaseRatios(variants: readonly ComparisonVariant[]): PhaseRatios[] {
  const first = variants[0];
  const basePhases = first === undefined ? [] : measuredPhases(first.results);
  return variants.flatMap(({ label, results }) =>
    measuredPhases(results).map((phase) => {
      const base = basePhases.find((p) => p.name === phase.name && p.kind === phase.kind && p.targetRate === phase.targetRate);
      const ratios = Object.fromEntries(comparedFigures.map((f) => [f, base === undefined ? null : ratioOf(figureOf(phase, f), figureOf(base, f))]));
      return { label, phase, ratios: ratios as Record<ComparedFigure, number | null> };
    }),
  );
}

/** The headline's two phases, chosen in the first variant: the question each answers, and its phase. */
export interface HeadlinePhases {
  /** The open-loop phase at the highest offered rate: latency at equal offered load. */
  readonly equalLoad?: PhaseStats;
  /** The closed-loop phase with the most connections (the last such on a tie): the throughput ceiling. */
  readonly ceiling?: PhaseStats;
}

export function headlinePhases(results: RunResults): HeadlinePhases {
  const phases = measuredPhases(results);
  const open = phases.filter((p) => p.kind === 'open' && p.targetRate !== undefined);
  const closed = phases.filter((p) => p.kind === 'closed');
  const equalLoad = open.reduce<PhaseStats | undefined>((best, p) => (best === undefined || p.targetRate! >= best.targetRate! ? p : best), undefined);
  const connections = (p: PhaseStats) => connectionsOf(results, p.name) ?? 0;
  const ceiling = closed.reduce<PhaseStats | undefined>((best, p) => (best === undefined || connections(p) >= connections(best) ? p : best), undefined);
  return { ...(equalLoad === undefined ? {} : { equalLoad }), ...(ceiling === undefined ? {} : { ceiling }) };
}
