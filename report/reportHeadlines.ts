// The one-line findings of the run, comparison, sweep, calibration, simulation and plan reports, for the root
// index (and the demo's printout); reportKinds.ts says which kind uses which.

import { formatMs, formatPercent, formatRate } from '../harness/gate/figureFormat.ts';
import type { RunResults } from '../harness/results/runResults.ts';
import type { PlanResults } from '../simulator/plan/planResults.ts';
import type { SimulationResults } from '../simulator/simulate/simulationResults.ts';
import type { CalibrationFile, SweepFile } from '../harness/results/sweepResults.ts';

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
