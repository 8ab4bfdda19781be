// Measures of a classifier's output rows (`count × classes` probabilities): accuracy against labels,
// and how closely a second model (the int8 one) follows a first (the fp32 one).

/** Index of the largest value in each row of a `count × width` matrix (the first one on ties). */
export function argmaxRows(values: Float32Array, count: number, width: number): Uint8Array {
  const result = new Uint8Array(count);
  for (let r = 0; r < count; r++) {
    let best = 0;
    for (let j = 1; j < width; j++) if (values[r * width + j]! > values[r * width + best]!) best = j;
    result[r] = best;
  }
  return result;
}

/** Fraction of rows whose most probable class is the label. */
export function accuracyOf(probabilities: Float32Array, labels: Uint8Array, classes: number): number {
  const predicted = argmaxRows(probabilities, labels.length, classes);
  let correct = 0;
  for (let r = 0; r < labels.length; r++) if (predicted[r] === labels[r]) correct++;
  return labels.length === 0 ? 0 : correct / labels.length;
}

/** Fraction of rows on which two models predict the same class. */
export function argmaxAgreement(a: Float32Array, b: Float32Array, count: number, classes: number): number {
  const left = argmaxRows(a, count, classes);
  const right = argmaxRows(b, count, classes);
  let same = 0;
  for (let r = 0; r < count; r++) if (left[r] === right[r]) same++;
  return count === 0 ? 1 : same / count;
}

/** The largest element-wise absolute difference between two arrays of the same length. */
export function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`lengths differ: ${a.length} and ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}
