// The one-line finding of each kind of report, for the root index (and the demo's printout).

import { formatMs, formatPercent, formatRate } from '../harness/gate/figureFormat.ts';
import type { RunResults } from '../harness/results/runResults.ts';
import type { PlanResults } from '../simulator/plan/planResults.ts';
import type { SimulationResults } from '../simulator/simulate/simulationResults.ts';
import type { CalibrationFile, SweepFile } from '../harness/results/sweepResults.ts';
import { formatRatio } from './compare/comparisonTables.ts';
import { connectionsOf, figureOf, headlinePhases, measuredPhases, ratioOf, type ComparedFigure } from './compare/phaseComparison.ts';
import type { PhaseStats } from '../harness/stats/phaseStats.ts';
import type { ComparisonVariant } from './compare/comparisonCharts.ts';

/** A headline and, when there is something to judge, whether it passed. */
export interface Finding {
  readonly headline: string;
  readonly passed?: boolean | undefined;
}

const ms = (value: number | null) => (value === null ? '–' : formatMs(value));

/** Money in the plan's currency: `12.35 USD`. */
export function formatMoney(value: number, currency: string): string {
  return `${Number(value.toPrecision(4))} ${currency}`;
}

export function runFinding(results: RunResults): Finding {
  const { overall, thresholds } = results;
  return {
    headline:
      `${formatRate(overall.throughput)}, p50 ${ms(overall.latency.p50)}, p99 ${ms(overall.latency.p99)}, ${overall.errorRate === null ? 'nothing sent' : `${formatPercent(overall.errorRate)} errors`}` +
      (overall.counts.dropped > 0 ? ` (${overall.counts.dropped} dropped: never sent)` : ''),
    passed: thresholds.length === 0 ? undefined : thresholds.every((outcome) => outcome.passed),
  };
}

/**
 * The last variant against the first, each figure from the phase that answers its question: p99 at
 * equal offered load (the open-loop phase at the highest rate) and throughput at the ceiling (the
 * closed-loop phase with the most connections), each named. Never overall figures, which blend the two.
 */
export function comparisonFinding(variants: readonly ComparisonVariant[]): Finding {
  const first = variants[0];
  const last = variants.at(-1);
  if (first === undefined || last === undefined || variants.length < 2) return { headline: `${variants.length} variant${variants.length === 1 ? '' : 's'}` };
  const { equalLoad, ceiling } = headlinePhases(first.results);
  const ratio = (phase: PhaseStats, figure: ComparedFigure) => {
    const other = measuredPhases(last.results).find((p) => p.name === phase.name && p.kind === phase.kind && p.targetRate === phase.targetRate);
    return formatRatio(other === undefined ? null : ratioOf(figureOf(other, figure), figureOf(phase, figure)));
  };
  const parts = [
    ...(equalLoad === undefined ? [] : [`p99 at equal offered load (${equalLoad.name}, ${formatRate(equalLoad.targetRate!)}) ${ratio(equalLoad, 'p99')}`]),
    ...(ceiling === undefined ? [] : [`throughput at the ceiling (${ceiling.name}${connectionsText(first.results, ceiling.name)}) ${ratio(ceiling, 'throughput')}`]),
  ];
  return { headline: `${last.label} against ${first.label}: ${parts.length === 0 ? 'no open- or closed-loop phase to compare' : parts.join(', ')}` };
}

function connectionsText(results: RunResults, phase: string): string {
  const connections = connectionsOf(results, phase);
  return connections === undefined ? '' : `, ${connections} connection${connections === 1 ? '' : 's'}`;
}

export function sweepFinding(sweep: Pick<SweepFile, 'mode' | 'knee' | 'p99BudgetMs'>): Finding {
  const unit = sweep.mode === 'concurrency' ? 'connections' : 'req/s';
  return sweep.knee === undefined
    ? { headline: `no level was sustainable (p99 within ${formatMs(sweep.p99BudgetMs)}, nothing dropped, keeping up with its load)`, passed: false }
    : { headline: `knee at ${sweep.knee.level} ${unit}: ${formatRate(sweep.knee.throughput)} with p99 ${ms(sweep.knee.p99)} (budget ${formatMs(sweep.p99BudgetMs)})`, passed: true };
}

export function calibrationFinding(calibration: Pick<CalibrationFile, 'maxSustainableThroughput' | 'p99BudgetMs' | 'peakThroughput' | 'serviceTimeMs'>): Finding {
  return calibration.maxSustainableThroughput === null
    ? { headline: `no level was sustainable (p99 within ${formatMs(calibration.p99BudgetMs)}, nothing dropped, keeping up with its load); peak ${formatRate(calibration.peakThroughput)}`, passed: false }
    : { headline: `one replica sustains ${formatRate(calibration.maxSustainableThroughput)} with p99 within ${formatMs(calibration.p99BudgetMs)}; service time p50 ${ms(calibration.serviceTimeMs.p50)}` };
}

export function simulationFinding(simulation: SimulationResults): Finding {
  const { summary, slo, instance } = simulation;
  return {
    headline: `${simulation.policy.name}: ${slo.text} met for ${formatPercent(summary.attainment.requests)} of requests, ${summary.replicas.mean.toFixed(1)} replicas on average, ${formatMoney(summary.cost, instance.currency)}`,
    passed: summary.meetsSlo,
  };
}

export function planFinding(plan: PlanResults): Finding {
  const { recommended, instance } = plan;
  if (recommended === null) return { headline: `no policy meets ${plan.slo.text}`, passed: false };
  const saving = recommended.savingVsFixedPeak;
  return {
    headline: `${recommended.label}: ${formatMoney(recommended.outcome.cost, instance.currency)}, ${saving >= 0 ? `${formatPercent(saving)} cheaper` : `${formatPercent(-saving)} dearer`} than a fixed fleet sized at peak (${plan.fixedFleet.atPeak.replicas} replicas)`,
    passed: recommended.outcome.meetsSlo,
  };
}
