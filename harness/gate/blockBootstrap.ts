// The circular block bootstrap over seconds, stratified by phase: which seconds a resample takes, and how
// long its blocks are. Seconds of a run are not independent (a GC pause, a noisy neighbour or a queue
// spans several), so resampling them one by one makes intervals too narrow; blocks of consecutive
// seconds keep that dependence (Politis & Romano's circular variant gives every second equal weight).

import type { Rng } from '../../common/prng.ts';

/**
 * The block length for a series of `n` per-second values: at least ∛n (the order of the optimal block
 * length of Hall, Horowitz & Jing 1995), extended to the first lag whose autocorrelation is within the
 * ±2/√n band of a white series, so a dependence that lasts k seconds lives inside one block; at most
 * n/3, so a resample still mixes three blocks or more. 1 when n < 3.
 */
export function blockLengthOf(series: readonly number[]): number {
  const n = series.length;
  if (n < 3) return 1;
  const cap = Math.floor(n / 3);
  const base = Math.ceil(Math.cbrt(n));
  const mean = series.reduce((sum, x) => sum + x, 0) / n;
  let variance = 0;
  for (const x of series) variance += (x - mean) ** 2;
  if (variance === 0) return Math.min(base, cap);
  const band = 2 / Math.sqrt(n);
  let lag = 1;
  for (; lag < cap; lag++) {
    let covariance = 0;
    for (let t = 0; t + lag < n; t++) covariance += (series[t]! - mean) * (series[t + lag]! - mean);
    if (Math.abs(covariance / variance) < band) break;
  }
  return Math.min(Math.max(base, lag), cap);
}

/**
 * Draws one resample into `weights` (one array per stratum, as long as it): how many times each
 * second is taken. Each stratum takes as many seconds as it has, in blocks of its length starting at
 * uniform positions and wrapping around its end; the last block is cut to fit.
 */
export function drawBlocks(weights: readonly Float64Array[], blockLengths: readonly number[], rng: Rng): void {
  weights.forEach((stratum, s) => {
    stratum.fill(0);
    const n = stratum.length;
    const block = blockLengths[s]!;
    for (let taken = 0; taken < n; ) {
      const start = rng.nextInt(n);
      for (let j = 0; j < block && taken < n; j++, taken++) {
        const second = (start + j) % n;
        stratum[second] = stratum[second]! + 1;
      }
    }
  });
}
