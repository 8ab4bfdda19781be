// What the regression gate judges, computed from a run's seconds under a resample's weights (all 1:
// the run itself). Percentiles are the run's own, from its merged latency buckets, read exactly as
// HdrHistogram reads them, so with unit weights they equal the results file's figures.

import type { GateStatisticName } from './gateVerdict.ts';
import type { RunSeconds } from './runSeconds.ts';


/** The latency percentiles judged, with their quantile. */
export const gatedPercentiles = [
  { name: 'p50', quantile: 0.5 },
  { name: 'p95', quantile: 0.95 },
  { name: 'p99', quantile: 0.99 },
  { name: 'p99.9', quantile: 0.999 },
] as const satisfies readonly { name: GateStatisticName; quantile: number }[];

/**
 * Fewest latency samples each run needs for the gate to judge a percentile: ten beyond it (20 for
 * p50, 200 for p95, 1,000 for p99, 10,000 for p99.9). Fewer, and the percentile is one of the last
 * few samples, which neither a bootstrap nor anything else can put an interval on.
 */
export function minSamplesFor(quantile: number): number {
  return Math.ceil(10 / (1 - quantile) - 1e-9);
}

/** The run's figures under one weighting of its seconds. Null where nothing was measured. */
export interface RunFigures {
  /** Per gated percentile, in `gatedPercentiles` order, ms. */
  readonly percentiles: readonly (number | null)[];
  /** Successful responses per whole second. */
  readonly throughput: number | null;
  readonly errorRate: number | null;
  readonly droppedShare: number | null;
}

/** Reusable buffers, so that thousands of resamples allocate nothing. */
export interface FiguresScratch {
  readonly counts: Float64Array;
}

export function scratchFor(run: RunSeconds): FiguresScratch {
  return { counts: new Float64Array(run.values.length) };
}

/** The figures of `run` with second j of phase p taken `weights[p][j]` times. */
export function figuresOf(run: RunSeconds, weights: readonly Float64Array[], scratch: FiguresScratch): RunFigures {
  const counts = scratch.counts;
  counts.fill(0);
  let total = 0;
  let ok = 0;
  let whole = 0;
  let sent = 0;
  let errors = 0;
  let dropped = 0;
  run.phases.forEach((phase, p) => {
    const w = weights[p]!;
    phase.seconds.forEach((second, j) => {
      const weight = w[j]!;
      if (weight === 0) return;
      const { bucketIndex, bucketCount } = second;
      for (let k = 0; k < bucketIndex.length; k++) {
        const add = weight * bucketCount[k]!;
        counts[bucketIndex[k]!] = counts[bucketIndex[k]!]! + add;
        total += add;
      }
      if (second.whole) {
        ok += weight * second.ok;
        whole += weight;
      }
      sent += weight * second.sent;
      errors += weight * second.errors;
      dropped += weight * second.dropped;
    });
  });
  return {
    percentiles: percentilesOf(run.values, counts, total, gatedPercentiles.map((p) => p.quantile)),
    throughput: whole === 0 ? null : ok / whole,
    // As the results define it (harness/stats/requestCounts.ts): drops are errors, over everything that was due.
    errorRate: sent + dropped === 0 ? null : errors / (sent + dropped),
    droppedShare: sent + dropped === 0 ? null : dropped / (sent + dropped),
  };
}

/**
 * The values at `quantiles` (ascending) of weighted buckets: HdrHistogram's rule, the first bucket at
 * which the running count reaches ⌈q·total⌉ (at least 1); null when total is 0.
 */
export function percentilesOf(values: Float64Array, counts: Float64Array, total: number, quantiles: readonly number[]): (number | null)[] {
  if (total === 0) return quantiles.map(() => null);
  const out: (number | null)[] = [];
  let running = 0;
  let index = -1;
  for (const q of quantiles) {
    // HdrHistogram takes off one ulp before rounding up, so that q·total landing a hair above an integer still counts as it.
    const exact = q * total;
    const needed = Math.max(Math.ceil(exact - ulp(exact)), 1);
    while (running < needed && index < values.length - 1) running += counts[++index]!;
    out.push(values[index]!);
  }
  return out;
}

function ulp(x: number): number {
  return x === 0 ? Number.MIN_VALUE : 2 ** (Math.floor(Math.log2(Math.abs(x))) - 52);
}
