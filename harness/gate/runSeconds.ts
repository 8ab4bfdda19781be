// A run as the regression gate resamples it: per measured phase, its 1-second units, each with its
// latency samples (as HdrHistogram buckets, indices into one value table per run) and its counts.

import { decodeLatencyHistogram } from '../stats/latencyHistogram.ts';
import type { IntervalStats, PhaseStats } from '../stats/phaseStats.ts';

/** One second of a phase. */
export interface GateSecond {
  /** Latency buckets of the second: indices into `RunSeconds.values`, and their counts. */
  readonly bucketIndex: Uint32Array;
  readonly bucketCount: Float64Array;
  /** Successful responses completed in this very second (throughput). */
  readonly ok: number;
  readonly sent: number;
  readonly errors: number;
  readonly dropped: number;
  /** A whole second inside the phase: only these count for throughput. */
  readonly whole: boolean;
}

export interface GatePhase {
  readonly name: string;
  readonly seconds: readonly GateSecond[];
}

export interface RunSeconds {
  /** Every latency bucket value of the run, ascending, in ms. */
  readonly values: Float64Array;
  readonly phases: readonly GatePhase[];
  /** Latency samples over all phases. */
  readonly latencySamples: number;
  /** Whole seconds over all phases. */
  readonly wholeSeconds: number;
}

/**
 * The dropped requests of a second. When drops become an error kind of their own (issue 14, item 2),
 * this stays the one place to read them from.
 */
export const droppedOf = (interval: IntervalStats): number => interval.dropped;

/**
 * Cuts `phases` into seconds. The whole seconds inside a phase are the units; the partial last second
 * and the seconds after the phase's end (requests still in flight: the drain) are folded into the last
 * whole one, so every latency sample and every error of the phase is resampled, but throughput is
 * only read from whole seconds.
 */
export function runSecondsOf(phases: readonly PhaseStats[]): RunSeconds {
  const decoded = phases.map((phase) => phase.series.map((interval) => decodeLatencyHistogram(interval.histogram).buckets()));
  const values = Float64Array.from(new Set(decoded.flat(2).map((bucket) => bucket.valueMs))).sort();
  const indexOf = new Map<number, number>();
  values.forEach((value, index) => indexOf.set(value, index));
  let latencySamples = 0;
  let wholeSeconds = 0;
  const gated = phases.map((phase, p): GatePhase => {
    const whole = Math.floor(phase.durationMs / 1000);
    const units = Math.max(whole, 1);
    const latency = Array.from({ length: units }, () => new Map<number, number>());
    const counts = Array.from({ length: units }, () => ({ ok: 0, sent: 0, errors: 0, dropped: 0 }));
    phase.series.forEach((interval, i) => {
      const unit = Math.min(interval.t, units - 1);
      const target = counts[unit]!;
      if (interval.t === unit) target.ok += interval.throughput;
      target.sent += interval.sent;
      target.errors += interval.errors;
      target.dropped += droppedOf(interval);
      for (const bucket of decoded[p]![i]!) {
        const index = indexOf.get(bucket.valueMs)!;
        latency[unit]!.set(index, (latency[unit]!.get(index) ?? 0) + bucket.count);
        latencySamples += bucket.count;
      }
    });
    wholeSeconds += whole;
    return {
      name: phase.name,
      seconds: counts.map((c, unit) => ({
        bucketIndex: Uint32Array.from(latency[unit]!.keys()),
        bucketCount: Float64Array.from(latency[unit]!.values()),
        ...c,
        whole: unit < whole,
      })),
    };
  });
  return { values, phases: gated, latencySamples, wholeSeconds };
}
