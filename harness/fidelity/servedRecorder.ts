// The real side of the comparison, counted as the simulator counts: per second [t, t + 1) of completion from
// the replay's start, the successful answers (throughput), the answers that turned a request away (429 and
// 503: what the simulator's queue limit stands for), and the latency of the served requests only — a fast
// 503 is not a served request, and the simulator's percentiles are of served requests. Pure: outcomes
// carry their times, and the origin is passed in.

import type { RequestOutcome } from '../drive/requestOutcome.ts';
import type { FidelityFigures } from './fidelityResults.ts';

/** Statuses that mean "turned away", not "failed". */
export const rejectionStatuses: ReadonlySet<number> = new Set([429, 503]);

/** The nearest-rank percentile `p` (0–100) of ascending `sorted`; null when empty. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export class ServedRecorder {
  readonly #originMs: number;
  readonly #latencies: number[][] = [];
  readonly #rejected: number[] = [];

  /** `originMs`: second 0 starts here, on the outcomes' clock (performance.now()). */
  constructor(originMs: number) {
    this.#originMs = originMs;
  }

  /** Takes one outcome (an OutcomeSink). */
  record(outcome: RequestOutcome): void {
    if (outcome.doneMs === undefined) return;
    const second = Math.max(0, Math.floor((outcome.doneMs - this.#originMs) / 1000));
    if (outcome.failure === undefined) {
      while (this.#latencies.length <= second) this.#latencies.push([]);
      this.#latencies[second]!.push(Math.max(0, outcome.doneMs - outcome.intendedMs));
    } else if (outcome.status !== undefined && rejectionStatuses.has(outcome.status)) {
      while (this.#rejected.length <= second) this.#rejected.push(0);
      this.#rejected[second]!++;
    }
  }

  /** Seconds 0 … `count` − 1; completions after them (the drain) are only in the totals. */
  seconds(count: number): FidelityFigures[] {
    return Array.from({ length: count }, (_, t) => figuresOf(this.#latencies[t] ?? [], this.#rejected[t] ?? 0, 1));
  }

  /** Every completion; throughput over `windowSeconds`, the replay's length. */
  totals(windowSeconds: number): FidelityFigures {
    return figuresOf(this.#latencies.flat(), this.#rejected.reduce((a, b) => a + b, 0), windowSeconds);
  }
}

function figuresOf(latencies: readonly number[], rejected: number, seconds: number): FidelityFigures {
  const sorted = Float64Array.from(latencies).sort();
  return { throughput: latencies.length / seconds, rejected, p50: nearestRank(sorted, 50), p95: nearestRank(sorted, 95), p99: nearestRank(sorted, 99) };
}
