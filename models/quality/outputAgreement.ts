// How closely one model's outputs follow another's on the same inputs, as plain functions of the two
// output arrays: top-1 agreement and accuracy for class scores, error and cosine similarity for values.

/** Index of the largest value in each `width`-wide row (the first one on ties). */
export function argmaxOfRows(values: ArrayLike<number>, rows: number, width: number): Int32Array {
  const result = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let j = 1; j < width; j++) if (values[r * width + j]! > values[r * width + best]!) best = j;
    result[r] = best;
  }
  return result;
}

/** Share of positions where `a` and `b` hold the same class; 1 for none (nothing disagreed). */
export function matchShare(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`lengths differ: ${a.length} and ${b.length}`);
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return a.length === 0 ? 1 : same / a.length;
}

/** What a class-scores output shows: top-1 agreement with the reference, and accuracy when labels are known. */
export interface ClassAgreement {
  readonly agreement: number;
  readonly accuracy: number | null;
}

/**
 * Top-1 agreement of `candidate` with `reference` (both `rows × classes` scores, row-major) and the
 * candidate's accuracy against `labels` (one class index per row) when given.
 */
export function classAgreement(reference: ArrayLike<number>, candidate: ArrayLike<number>, rows: number, classes: number, labels?: ArrayLike<number>): ClassAgreement {
  if (reference.length !== rows * classes || candidate.length !== rows * classes) {
    throw new RangeError(`expected ${rows} × ${classes} scores, got ${reference.length} and ${candidate.length}`);
  }
  const predicted = argmaxOfRows(candidate, rows, classes);
  return {
    agreement: matchShare(argmaxOfRows(reference, rows, classes), predicted),
    accuracy: labels === undefined ? null : matchShare(labels, predicted),
  };
}

/** What a values output shows: the worst and the typical error, and whether it points the same way. */
export interface ValueAgreement {
  /** max |c − r| over all elements. */
  readonly maxAbsError: number;
  /** mean of |c − r| / |r| over the elements whose reference is not 0 (null when every one is 0). */
  readonly meanRelError: number | null;
  /** (r · c) / (|r| |c|) over the whole output; 1 when both are all zeros, 0 when only one is. */
  readonly cosine: number;
}

/**
 * Element-wise comparison of `candidate` with `reference`, in double precision. Elements whose reference
 * is exactly 0 have no relative error (it would be infinite); their absolute error still counts in the max.
 */
export function valueAgreement(reference: ArrayLike<number>, candidate: ArrayLike<number>): ValueAgreement {
  if (reference.length !== candidate.length) throw new RangeError(`lengths differ: ${reference.length} and ${candidate.length}`);
  let maxAbsError = 0;
  let relativeSum = 0;
  let relativeCount = 0;
  let dot = 0;
  let referenceNorm = 0;
  let candidateNorm = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i]!;
    const c = candidate[i]!;
    const error = Math.abs(c - r);
    if (error > maxAbsError) maxAbsError = error;
    if (r !== 0) {
      relativeSum += error / Math.abs(r);
      relativeCount++;
    }
    dot += r * c;
    referenceNorm += r * r;
    candidateNorm += c * c;
  }
  const norms = Math.sqrt(referenceNorm) * Math.sqrt(candidateNorm);
  const cosine = referenceNorm === 0 && candidateNorm === 0 ? 1 : norms === 0 ? 0 : Math.max(-1, Math.min(1, dot / norms));
  return { maxAbsError, meanRelError: relativeCount === 0 ? null : relativeSum / relativeCount, cosine };
}
