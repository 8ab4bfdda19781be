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
  /** Latency of the 503s in ms; by default drawn like any other answer. */
  readonly errorLatencyMs?: number;
  /** A server stall of this many ms at the start of every third second: requests due in it wait for its end. */
  readonly stallMs?: number;
  /** Share of requests the driver dropped (never sent). */
  readonly dropShare?: number;
  /** The measured phase's definition as the scenario records it (default: open at `rate`, `seconds` long). */
  readonly definition?: Record<string, unknown>;
}

/**
 * Per request: lognormal around 8 ms (σ 0.35). Per second: a machine-noise factor, lognormal σ 0.08,
 * and one second in fifteen a noisy-neighbour spell that slows it 2.5×.
 */
function outcomes(rng: Rng, startMs: number, seconds: number, rate: number, slowdown: number, errorShare: number, errorLatencyMs?: number, stallMs = 0, dropShare = 0): RequestOutcome[] {
  const list: RequestOutcome[] = [];
  for (let s = 0; s < seconds; s++) {
    const machine = Math.exp(0.08 * rng.normal()) * (rng.next() < 1 / 15 ? 2.5 : 1);
    for (let k = 0; k < rate; k++) {
      const offsetMs = (k * 1000) / rate;
      const intendedMs = startMs + s * 1000 + offsetMs;
      const stalledMs = s % 3 === 2 && offsetMs < stallMs ? stallMs - offsetMs : 0;
      const latencyMs = stalledMs + 8 * Math.exp(0.35 * rng.normal()) * machine * slowdown;
      const failed = rng.next() < errorShare;
      if (dropShare > 0 && rng.next() < dropShare) {
        list.push({ intendedMs, dropped: true });
        continue;
      }
      const doneMs = intendedMs + (failed && errorLatencyMs !== undefined ? errorLatencyMs : latencyMs);
      list.push(failed ? { intendedMs, sentMs: intendedMs, doneMs, status: 503, failure: 'status' } : { intendedMs, sentMs: intendedMs, doneMs, status: 200 });
    }
  }
  const completion = (o: RequestOutcome) => o.doneMs ?? o.intendedMs;
  return list.sort((a, b) => completion(a) - completion(b));
}

/** A results file: a 5-s warm-up phase then a measured phase of `seconds`, both at `rate`. */
export function syntheticRun({ seed, seconds = 60, rate = 200, slowdown = 1, warmupSlowdown = 1, errorShare = 0, errorLatencyMs, stallMs, dropShare, definition }: LoadShape): RunResults {
  const rng = createRng(seed);
  const warmupMs = 5000;
  const warmup = recordPhase(
    { name: 'warmup', kind: 'open', warmup: true, targetRate: rate, startMs: 0 },
    outcomes(rng, 0, 5, rate, slowdown * warmupSlowdown, errorShare, errorLatencyMs),
    warmupMs,
  );
  const steady = recordPhase(
    { name: 'steady', kind: 'open', warmup: false, targetRate: rate, startMs: warmupMs },
    outcomes(rng, warmupMs, seconds, rate, slowdown, errorShare, errorLatencyMs, stallMs, dropShare),
    warmupMs + seconds * 1000,
  );
  const results = resultsOf([warmup, steady]);
  const phases = [
    { name: 'warmup', kind: 'open', rate, duration: 5000, warmup: true },
    { name: 'steady', kind: 'open', rate, duration: seconds * 1000, warmup: false, ...definition },
  ];
  return { ...results, scenario: { ...results.scenario, phases } };
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
    return recordPhase({ name, kind: 'open', warmup, targetRate: 10, startMs }, list, startMs + length * 1000);
  };
  const pause = new PhaseRecorder({ name: 'cool-off', kind: 'pause', warmup: false, startMs: 2000 + seconds * 1000 }).finish(7000 + seconds * 1000);
  return resultsOf([phase('warmup', true, 0, 2), phase('steady', false, 2000, seconds), pause]);
}
