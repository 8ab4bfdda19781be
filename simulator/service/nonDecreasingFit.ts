// The non-decreasing sequence closest to measured values in least squares (isotonic regression, by
// pool-adjacent-violators): where a value falls below the one before it, the two, and any run they join, are
// replaced by their mean. The latency curve uses it because a percentile measured at a higher load is not
// lower than one at a lower load except by noise, and pooling spreads that noise over its neighbours, where
// a running maximum would carry one noisy high reading to every level above it.

/** `values` fitted non-decreasing, each given equal weight. */
export function nonDecreasingFit(values: readonly number[]): number[] {
  const means: number[] = [];
  const counts: number[] = [];
  for (const value of values) {
    let mean = value;
    let count = 1;
    while (means.length > 0 && means.at(-1)! > mean) {
      const before = counts.pop()!;
      mean = (means.pop()! * before + mean * count) / (before + count);
      count += before;
    }
    means.push(mean);
    counts.push(count);
  }
  return means.flatMap((mean, i) => new Array<number>(counts[i]!).fill(mean));
}
