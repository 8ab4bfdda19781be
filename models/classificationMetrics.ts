// Measures of a classifier's output rows (`count × classes` probabilities): accuracy against labels,
// and how closely a second model (the int8 one) follows a first (the fp32 one).

import { argmaxOfRows, matchShare } from './quality/outputAgreement.ts';

/** Fraction of rows whose most probable class is the label (0 for no rows). */
export function accuracyOf(probabilities: Float32Array, labels: Uint8Array, classes: number): number {
  return labels.length === 0 ? 0 : matchShare(labels, argmaxOfRows(probabilities, labels.length, classes));
}

/** Fraction of rows on which two models predict the same class. */
export function argmaxAgreement(a: Float32Array, b: Float32Array, count: number, classes: number): number {
  return matchShare(argmaxOfRows(a, count, classes), argmaxOfRows(b, count, classes));
}

/** The largest element-wise absolute difference between two arrays of the same length. */
export function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`lengths differ: ${a.length} and ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}
