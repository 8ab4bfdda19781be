// A seeded, stratified two-sample bootstrap of the ratio of two medians: how much a statistic moved
// between two runs, with a confidence interval, reproducible bit for bit for the same inputs and seed.

import { medianSorted, quantileSorted } from 'simple-statistics';
import { createRng, type Rng } from '../../common/prng.ts';

/**
 * Samples in groups (one per phase). Resampling draws within each group as many samples as it has, so
 * a resample keeps the mix of phases: a run whose phases run at different rates is compared like for like.
 */
export type Strata = readonly (readonly number[])[];

export interface BootstrapOptions {
  /** Two-sided confidence level of the interval, in (0, 1). */
  readonly confidence: number;
  readonly resamples: number;
  readonly seed: number;
}

/** `ratio` = median(current) / median(baseline); [low, high] its bootstrap percentile interval. */
export interface RatioInterval {
  readonly ratio: number;
  readonly low: number;
  readonly high: number;
}

/** All samples of `strata` together. */
export function pooled(strata: Strata): number[] {
  return strata.flat();
}

/** Median of all samples of `strata`; NaN when there is none. */
export function pooledMedian(strata: Strata): number {
  const all = pooled(strata).sort(ascending);
  return all.length === 0 ? NaN : medianSorted(all);
}

/**
 * Bootstraps median(current) / median(baseline): `resamples` times, each run's samples are resampled
 * with replacement (within strata, independently for the two runs) and the ratio of the medians taken;
 * the interval is the (1 − confidence)/2 and (1 + confidence)/2 quantiles of those ratios.
 * Both runs must hold at least one sample.
 */
export function bootstrapMedianRatio(baseline: Strata, current: Strata, options: BootstrapOptions): RatioInterval {
  const rng = createRng(options.seed);
  const ratios = new Array<number>(options.resamples);
  for (let i = 0; i < options.resamples; i++) {
    const base = medianSorted(resample(baseline, rng));
    ratios[i] = ratioOf(medianSorted(resample(current, rng)), base);
  }
  ratios.sort(ascending);
  const tail = (1 - options.confidence) / 2;
  return {
    ratio: ratioOf(pooledMedian(current), pooledMedian(baseline)),
    low: quantileSorted(ratios, tail),
    high: quantileSorted(ratios, 1 - tail),
  };
}

/** One bootstrap resample of `strata`, pooled and sorted. */
function resample(strata: Strata, rng: Rng): number[] {
  const out: number[] = [];
  for (const stratum of strata) {
    for (let j = 0; j < stratum.length; j++) out.push(stratum[rng.nextInt(stratum.length)]!);
  }
  return out.sort(ascending);
}

/**
 * a / b, where a zero baseline gives 1 (both zero) or the largest finite number: Infinity would make
 * the interpolating quantile NaN (Infinity − Infinity), and the order of ratios is all that matters.
 */
export function ratioOf(a: number, b: number): number {
  if (b === 0) return a === 0 ? 1 : Number.MAX_VALUE;
  return Math.min(a / b, Number.MAX_VALUE);
}

const ascending = (a: number, b: number): number => a - b;
