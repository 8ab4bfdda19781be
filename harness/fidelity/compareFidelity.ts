// The comparison at the heart of `infercap fidelity`: the real replay's per-second intervals and the
// simulator's per-second series put on one time axis (second t of the replay is second t of the simulation:
// both start at the replay's first intended send), their totals set side by side, and the relative errors
// judged against the goals. Pure: plain figures in, the results' comparison out.

import type { Series } from '../../simulator/simulate/simulationResults.ts';
import type { FidelityComparison, FidelityErrors, FidelityFigures, FidelityGoals, FidelitySecond } from './fidelityResults.ts';

/** The goals: throughput within 5 %, p95 within 15 %. */
export const defaultFidelityGoals: FidelityGoals = { throughput: 0.05, p95: 0.15 };

/** (simulated − real) / real; 0 when both are 0; null when real is 0 alone, or either is missing. */
export function relativeError(simulated: number | null, real: number | null): number | null {
  if (simulated === null || real === null) return null;
  if (real === 0) return simulated === 0 ? 0 : null;
  return (simulated - real) / real;
}

const finiteOrNull = (value: number | null | undefined) => (value === null || value === undefined || !Number.isFinite(value) ? null : value);

/** The simulator's seconds from its series, which must hold one point per second (run with maxPoints ≥ seconds). */
export function simulatedSeconds(series: Series): FidelityFigures[] {
  if (series.stepSeconds !== 1) throw new RangeError(`the simulated series has a point every ${series.stepSeconds} s; fidelity needs one per second`);
  return series.time.map((_, i) => ({
    throughput: series.served[i]!,
    rejected: series.rejected[i]!,
    p50: finiteOrNull(series.p50[i]),
    p95: finiteOrNull(series.p95[i]),
    p99: finiteOrNull(series.p99[i]),
  }));
}

export function figuresError(simulated: FidelityFigures, real: FidelityFigures): FidelityErrors {
  return {
    throughput: relativeError(simulated.throughput, real.throughput),
    rejected: relativeError(simulated.rejected, real.rejected),
    p50: relativeError(simulated.p50, real.p50),
    p95: relativeError(simulated.p95, real.p95),
    p99: relativeError(simulated.p99, real.p99),
  };
}

/** Σ|simulated − real| / Σ real over the seconds (null when nothing real happened). */
function weightedError(seconds: readonly FidelitySecond[]): number | null {
  let difference = 0;
  let total = 0;
  for (const second of seconds) {
    difference += Math.abs(second.simulated.throughput - second.real.throughput);
    total += second.real.throughput;
  }
  return total === 0 ? (difference === 0 ? 0 : null) : difference / total;
}

/** Mean |relative error| of p95 over the seconds where both sides have one. */
function meanP95Error(seconds: readonly FidelitySecond[]): number | null {
  let sum = 0;
  let n = 0;
  for (const second of seconds) {
    const error = relativeError(second.simulated.p95, second.real.p95);
    if (error === null) continue;
    sum += Math.abs(error);
    n++;
  }
  return n === 0 ? null : sum / n;
}

const within = (error: number | null, goal: number) => error !== null && Math.abs(error) <= goal;

export interface FidelityInput {
  /** Requests due in each second of the replay (the simulator's arrivals). */
  readonly arrivals: ArrayLike<number>;
  readonly real: { readonly totals: FidelityFigures; readonly seconds: readonly FidelityFigures[] };
  readonly simulated: { readonly totals: FidelityFigures; readonly seconds: readonly FidelityFigures[] };
  readonly goals?: FidelityGoals;
}

/** Both sides second by second and in total, their errors, and the verdict on the totals against the goals. */
export function compareFidelity(input: FidelityInput): FidelityComparison {
  const { real, simulated } = input;
  const goals = input.goals ?? defaultFidelityGoals;
  if (real.seconds.length !== input.arrivals.length || simulated.seconds.length !== input.arrivals.length) {
    throw new RangeError(`misaligned seconds: ${input.arrivals.length} of arrivals, ${real.seconds.length} real, ${simulated.seconds.length} simulated`);
  }
  const seconds = Array.from({ length: input.arrivals.length }, (_, t) => ({ t, arrivals: input.arrivals[t]!, real: real.seconds[t]!, simulated: simulated.seconds[t]! }));
  const error = figuresError(simulated.totals, real.totals);
  const throughput = within(error.throughput, goals.throughput);
  const p95 = within(error.p95, goals.p95);
  return {
    totals: { real: real.totals, simulated: simulated.totals, error },
    perSecondError: { throughput: weightedError(seconds), p95: meanP95Error(seconds) },
    goals,
    verdict: { throughput, p95, met: throughput && p95 },
    seconds,
  };
}
