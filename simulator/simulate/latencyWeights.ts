// A served-weighted distribution of per-second latency figures in log-spaced buckets (1 % wide), so the
// summary of a trace of millions of seconds needs a few kilobytes and its percentiles are within 1 %.

const base = 0.001; // ms: the smallest latency told apart
const growth = 1.01;
const logGrowth = Math.log(growth);
const bucketCount = Math.ceil(Math.log(1e8 / base) / logGrowth) + 1; // up to ~28 hours

export class LatencyWeights {
  private readonly weights = new Float64Array(bucketCount);
  private total = 0;

  /** Adds `weight` requests whose second had latency `ms`; NaN and non-positive weights are skipped. */
  add(ms: number, weight: number): void {
    if (!(weight > 0) || !(ms >= 0)) return;
    const index = ms <= base ? 0 : Math.min(bucketCount - 1, Math.ceil(Math.log(ms / base) / logGrowth));
    this.weights[index]! += weight;
    this.total += weight;
  }

  /** The smallest bucket bound below which a share `q` of the weight lies; null without weight. */
  quantile(q: number): number | null {
    if (this.total === 0) return null;
    const wanted = q * this.total;
    let seen = 0;
    for (let i = 0; i < bucketCount; i++) {
      seen += this.weights[i]!;
      if (seen >= wanted && this.weights[i]! > 0) return i === 0 ? base : base * Math.pow(growth, i);
    }
    return base * Math.pow(growth, bucketCount - 1);
  }
}
