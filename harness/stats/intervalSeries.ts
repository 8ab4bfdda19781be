// Per-second counts and latency histograms of one phase. A live histogram takes ~80 KB, so seconds
// that are over (outcomes arrive in completion order) are kept encoded (~1 KB); a rare late arrival
// decodes its second again, which keeps the series exact.

import { decodeLatencyHistogram, LatencyHistogram } from './latencyHistogram.ts';
import type { IntervalLatency, IntervalStats } from './phaseStats.ts';

/** What one second counts; mutable while the phase runs. */
export interface IntervalCounts {
  sent: number;
  completed: number;
  ok: number;
  dropped: number;
  errors: number;
}

const intervalMs = 1000;

/** The per-second latency figures of `histogram` (fewer than a full summary: the mean costs a pass over all buckets). */
export function intervalLatencyOf(histogram: LatencyHistogram): IntervalLatency {
  return {
    count: histogram.count,
    p50: histogram.percentile(50),
    p90: histogram.percentile(90),
    p95: histogram.percentile(95),
    p99: histogram.percentile(99),
    max: histogram.percentile(100),
  };
}

/** One phase's per-second series; times are on the run's monotonic clock, in ms. */
export class IntervalSeries {
  readonly #startMs: number;
  readonly #counts = new Map<number, IntervalCounts>();
  readonly #live = new Map<number, LatencyHistogram>();
  readonly #sealed = new Map<number, string>();
  #newestLatencyIndex = -1;

  constructor(startMs: number) {
    this.#startMs = startMs;
  }

  /** The second that `ms` falls in (0 for anything before the phase started). */
  indexOf(ms: number): number {
    return Math.max(0, Math.floor((ms - this.#startMs) / intervalMs));
  }

  /** The counts of the second holding `ms`, created on first use, for the caller to increment. */
  countsAt(ms: number): IntervalCounts {
    const index = this.indexOf(ms);
    let counts = this.#counts.get(index);
    if (counts === undefined) {
      counts = { sent: 0, completed: 0, ok: 0, dropped: 0, errors: 0 };
      this.#counts.set(index, counts);
    }
    return counts;
  }

  /** Records a latency in the second holding `ms` (its completion time). */
  recordLatency(ms: number, latencyMs: number): void {
    const index = this.indexOf(ms);
    let histogram = this.#live.get(index);
    if (histogram === undefined) {
      const sealed = this.#sealed.get(index);
      histogram = sealed === undefined ? new LatencyHistogram() : decodeLatencyHistogram(sealed);
      this.#sealed.delete(index);
      this.#live.set(index, histogram);
    }
    histogram.record(latencyMs);
    if (index > this.#newestLatencyIndex) {
      this.#newestLatencyIndex = index;
      // Keep the previous second live too: the progress line reads its p99.
      for (const [i, live] of this.#live) {
        if (i < index - 1) {
          this.#sealed.set(i, live.encode());
          this.#live.delete(i);
        }
      }
    }
  }

  /** The latency histogram of second `index` (a copy when it is kept encoded; empty when none). */
  histogramAt(index: number): LatencyHistogram {
    const live = this.#live.get(index);
    if (live !== undefined) return live;
    const sealed = this.#sealed.get(index);
    return sealed === undefined ? new LatencyHistogram() : decodeLatencyHistogram(sealed);
  }

  /** Counts of second `index`, all zero when nothing happened in it. */
  countsOf(index: number): IntervalCounts {
    return this.#counts.get(index) ?? { sent: 0, completed: 0, ok: 0, dropped: 0, errors: 0 };
  }

  /** The last second in which anything happened; -1 when nothing did. */
  get lastIndex(): number {
    let last = -1;
    for (const index of this.#counts.keys()) last = Math.max(last, index);
    return last;
  }

  /**
   * One entry per second from 0 to `lastIndex` inclusive, quiet seconds included (a stall shows as a gap);
   * with `targetPerSecond`, each second also says how many sends were due in it (0 past its end).
   */
  entries(lastIndex: number, targetPerSecond?: readonly number[]): IntervalStats[] {
    return Array.from({ length: lastIndex + 1 }, (_, t) => {
      const counts = this.countsOf(t);
      const histogram = this.histogramAt(t);
      return {
        t,
        ...(targetPerSecond === undefined ? {} : { target: targetPerSecond[t] ?? 0 }),
        sent: counts.sent,
        completed: counts.completed,
        dropped: counts.dropped,
        errors: counts.errors,
        throughput: counts.ok,
        latency: intervalLatencyOf(histogram),
        histogram: this.#sealed.get(t) ?? histogram.encode(),
      };
    });
  }
}
