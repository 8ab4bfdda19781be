// Synthetic runs for the gate tests, recorded by the real PhaseRecorder: seeded open-loop traffic whose
// latencies have the noise of a real service on a busy machine, and exact runs where every second is alike.

import type { RequestOutcome } from '../../../harness/drive/requestOutcome.ts';
import type { RunResults } from '../../../harness/results/runResults.ts';
import { PhaseRecorder } from '../../../harness/stats/phaseRecorder.ts';
import { createRng, type Rng } from '../../../common/prng.ts';
import { recordPhase, resultsOf } from '../results/syntheticRun.ts';

export interface LoadShape {
  readonly seed: number;
  /** Length of the measured phase (a 5-s warm-up phase comes first). */
  readonly seconds?: number;
  readonly rate?: number;
  /** Every latency is multiplied by this (1.3 = a 30 % slowdown). */
  readonly slowdown?: number;
  /** Multiplies the warm-up phase's latencies only. */
  readonly warmupSlowdown?: number;
  /** Share of requests answered 503 (fewer successful responses per second). */
  readonly errorShare?: number;
}

/**
 * Per request: lognormal around 8 ms (σ 0.35). Per second: a machine-noise factor, lognormal σ 0.08,
 * and one second in fifteen a noisy-neighbour spell that slows it 2.5×.
 */
function outcomes(rng: Rng, startMs: number, seconds: number, rate: number, slowdown: number, errorShare: number): RequestOutcome[] {
  const list: RequestOutcome[] = [];
  for (let s = 0; s < seconds; s++) {
    const machine = Math.exp(0.08 * rng.normal()) * (rng.next() < 1 / 15 ? 2.5 : 1);
    for (let k = 0; k < rate; k++) {
      const intendedMs = startMs + s * 1000 + (k * 1000) / rate;
      const latencyMs = 8 * Math.exp(0.35 * rng.normal()) * machine * slowdown;
      const doneMs = intendedMs + latencyMs;
      const failed = rng.next() < errorShare;
      list.push(failed ? { intendedMs, sentMs: intendedMs, doneMs, status: 503, failure: 'status' } : { intendedMs, sentMs: intendedMs, doneMs, status: 200 });
    }
  }
  return list.sort((a, b) => a.doneMs! - b.doneMs!);
}

/** A results file: a 5-s warm-up phase then a measured phase of `seconds`, both at `rate`. */
export function syntheticRun({ seed, seconds = 60, rate = 200, slowdown = 1, warmupSlowdown = 1, errorShare = 0 }: LoadShape): RunResults {
  const rng = createRng(seed);
  const warmupMs = 5000;
  const warmup = recordPhase(
    { name: 'warmup', kind: 'open-loop', warmup: true, targetRate: rate, startMs: 0 },
    outcomes(rng, 0, 5, rate, slowdown * warmupSlowdown, errorShare),
    warmupMs,
  );
  const steady = recordPhase(
    { name: 'steady', kind: 'open-loop', warmup: false, targetRate: rate, startMs: warmupMs },
    outcomes(rng, warmupMs, seconds, rate, slowdown, errorShare),
    warmupMs + seconds * 1000,
  );
  return resultsOf([warmup, steady]);
}

/**
 * A run whose every request takes exactly `latencyMs` (below 2.048 ms, where the histogram is exact),
 * at 10 req/s for `seconds`, after a warm-up phase and followed by a pause: every second is the same.
 */
export function constantRun(latencyMs: number, seconds = 10, outcome: Partial<RequestOutcome> = { status: 200 }): RunResults {
  const phase = (name: string, warmup: boolean, startMs: number, length: number) => {
    const list: RequestOutcome[] = Array.from({ length: length * 10 }, (_, i) => {
      const intendedMs = startMs + i * 100;
      return { intendedMs, sentMs: intendedMs, doneMs: intendedMs + latencyMs, ...outcome };
    });
    return recordPhase({ name, kind: 'open-loop', warmup, targetRate: 10, startMs }, list, startMs + length * 1000);
  };
  const pause = new PhaseRecorder({ name: 'cool-off', kind: 'pause', warmup: false, startMs: 2000 + seconds * 1000 }).finish(7000 + seconds * 1000);
  return resultsOf([phase('warmup', true, 0, 2), phase('steady', false, 2000, seconds), pause]);
}
