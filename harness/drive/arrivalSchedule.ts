// The intended send times of an open-loop phase, fixed in advance from the phase's rate alone (never
// from how fast the target answers), so a slow target cannot slow the arrivals down (wrk2, MLPerf LoadGen).

import { createRng } from '../../common/prng.ts';

/** How arrivals are spaced: evenly (wrk2, k6's constant-arrival-rate) or as a Poisson process (LoadGen's Server scenario). */
export type ArrivalKind = 'constant' | 'poisson';

export interface ArrivalScheduleOptions {
  /** Arrival rate at the start of the phase, in requests per second (≥ 0). */
  readonly rate: number;
  /** Rate at the end of the phase; the rate changes linearly from `rate` to `rampTo`. Default: `rate`. */
  readonly rampTo?: number;
  /** Length of the phase in ms; arrivals fall in [0, durationMs). */
  readonly durationMs: number;
  readonly arrivals: ArrivalKind;
  /** Seed of the exponential gaps (poisson only); the same seed always gives the same times. Default 1. */
  readonly seed?: number;
}

/**
 * The cumulative expected number of arrivals by time `t` ms (the integral of the rate), and its inverse.
 * Rates are per ms here; the ramp is linear, so Λ(t) = r0·t + (r1 − r0)·t²/(2T).
 */
interface RateIntegral {
  readonly total: number;
  timeOf(count: number): number;
}

function rateIntegral(options: ArrivalScheduleOptions): RateIntegral {
  const { rate, durationMs } = options;
  const rampTo = options.rampTo ?? rate;
  if (!(rate >= 0) || !(rampTo >= 0) || !Number.isFinite(rate) || !Number.isFinite(rampTo)) {
    throw new RangeError(`arrival rates must be finite and ≥ 0 (got rate ${rate}, rampTo ${rampTo})`);
  }
  if (!(durationMs > 0) || !Number.isFinite(durationMs)) throw new RangeError(`durationMs must be finite and > 0 (got ${durationMs})`);
  const b = rate / 1000;
  const a = (rampTo - rate) / 1000 / (2 * durationMs);
  return {
    total: ((rate + rampTo) / 2) * (durationMs / 1000),
    // Solves a·t² + b·t = count in the form that stays exact when a is 0 or negative (a ramp down);
    // the clamp keeps rounding from taking a square root of −1e-20 at the very end of a ramp down to 0.
    timeOf: (count) => (count === 0 ? 0 : (2 * count) / (b + Math.sqrt(Math.max(0, b * b + 4 * a * count)))),
  };
}

/** The expected number of arrivals in the phase: the integral of the rate, e.g. 10→30 req/s over 10 s = 200. */
export function expectedArrivals(options: ArrivalScheduleOptions): number {
  return rateIntegral(options).total;
}

/**
 * Yields the intended send times, in ms from the start of the phase, in ascending order, lazily (a long
 * phase at a high rate never holds its schedule in memory).
 *
 * - `constant`: the i-th arrival (i = 0, 1, …) is at the time where the expected count reaches i, so the
 *   first is at 0 and the phase holds exactly ⌈Λ(T)⌉ arrivals (a whole Λ(T) gives exactly Λ(T)).
 * - `poisson`: a Poisson process with the same (possibly ramping) rate, made by mapping unit-rate
 *   exponential gaps through the inverse of Λ (the time-rescaling theorem), so a ramp is exact too.
 *
 * @throws RangeError when a rate is negative or not finite, or durationMs is not positive.
 */
export function arrivalSchedule(options: ArrivalScheduleOptions): IterableIterator<number> {
  // Validates now, not at the first next() as a generator function alone would.
  return arrivalTimes(rateIntegral(options), options);
}

function* arrivalTimes(integral: RateIntegral, options: ArrivalScheduleOptions): Generator<number, void, undefined> {
  // A total such as 199.99999999997 from float arithmetic means 200, not 200 arrivals plus one at T.
  const total = Math.round(integral.total * 1e9) / 1e9;
  if (options.arrivals === 'constant') {
    for (let i = 0; i < total; i++) yield integral.timeOf(i);
    return;
  }
  const rng = createRng(options.seed ?? 1);
  // 1 − next() is in (0, 1], so every gap is finite.
  for (let count = -Math.log(1 - rng.next()); count < total; count -= Math.log(1 - rng.next())) {
    yield integral.timeOf(count);
  }
}
