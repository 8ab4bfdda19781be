// The latency distribution of the requests of one simulated second, as far as the service model knows it,
// and the exact merge of many seconds' distributions into request-level percentiles of a window or a run.
//
// The model gives each second three quantiles: p50, p95 and p99. Between them, and out to two end points,
// the distribution is taken as log-linear (the CDF linear in ln latency): the 0 % point is p50·(p50/p95) and
// the 100 % point is p99·(p99/p95), the reflections of the neighbouring anchors in log space (for a lognormal
// they sit at its 5th and 99.9th percentiles, so the ends lean inwards rather than invent a long tail).
// A window's or a run's percentile is then the percentile of the mixture of its seconds, each weighted by
// the requests it served: request-level, not a percentile (or a mean) of per-second percentiles.

/** Cumulative shares at the five anchors: least, p50, p95, p99, most. */
const shares = [0, 0.5, 0.95, 0.99, 1] as const;
/** Latencies below this (ms) are taken as this, so that their logarithm is finite. */
const floorMs = 0.001;
const lnFloor = Math.log(floorMs);

/** ln of the five anchors of a second with these percentiles (ms), non-decreasing; into `out`. */
export function logAnchors(p50: number, p95: number, p99: number, out: Float64Array): Float64Array {
  const u50 = p50 > floorMs ? Math.log(p50) : lnFloor;
  let u95 = p95 > floorMs ? Math.log(p95) : lnFloor;
  if (u95 < u50) u95 = u50;
  let u99 = p99 > floorMs ? Math.log(p99) : lnFloor;
  if (u99 < u95) u99 = u95;
  out[0] = 2 * u50 - u95;
  out[1] = u50;
  out[2] = u95;
  out[3] = u99;
  out[4] = 2 * u99 - u95;
  return out;
}

/** One second's share of a mixture: its served requests and its three percentiles (ms). */
export interface SecondLatency {
  served: number;
  p50: number;
  p95: number;
  p99: number;
}

const scratch = new Float64Array(5);

/**
 * The q-quantile (ms) of the mixture of seconds `from` .. `to − 1` read through `at`, weighted by served
 * requests; undefined when they served nothing. Exact for the log-linear seconds: the mixture's CDF is
 * piecewise linear in ln latency between the sorted anchors, so a sweep over them finds the point.
 */
export function mixtureQuantile(q: number, from: number, to: number, at: (second: number, into: SecondLatency) => void): number | undefined {
  const positions: number[] = [];
  const slopeChanges: number[] = [];
  const pointMasses: number[] = [];
  const second: SecondLatency = { served: 0, p50: 0, p95: 0, p99: 0 };
  let total = 0;
  for (let s = from; s < to; s++) {
    at(s, second);
    const w = second.served;
    if (!(w > 0) || !Number.isFinite(second.p50) || !Number.isFinite(second.p95) || !Number.isFinite(second.p99)) continue;
    total += w;
    const u = logAnchors(second.p50, second.p95, second.p99, scratch);
    for (let k = 0; k < 4; k++) {
      const mass = w * (shares[k + 1]! - shares[k]!);
      const width = u[k + 1]! - u[k]!;
      if (width > 0) {
        positions.push(u[k]!, u[k + 1]!);
        slopeChanges.push(mass / width, -mass / width);
        pointMasses.push(0, 0);
      } else {
        positions.push(u[k]!);
        slopeChanges.push(0);
        pointMasses.push(mass);
      }
    }
  }
  if (total === 0) return undefined;
  const order = positions.map((_, i) => i).sort((a, b) => positions[a]! - positions[b]!);
  const wanted = q * total;
  let cumulative = 0;
  let slope = 0;
  let position = positions[order[0]!]!;
  for (const i of order) {
    const next = positions[i]!;
    const gained = slope * (next - position);
    if (cumulative + gained >= wanted && slope > 0) return Math.exp(position + (wanted - cumulative) / slope);
    cumulative += gained;
    position = next;
    cumulative += pointMasses[i]!;
    slope += slopeChanges[i]!;
    if (cumulative >= wanted && pointMasses[i]! > 0) return Math.exp(position);
  }
  return Math.exp(position);
}

// The run's histogram: 1 %-wide buckets in log space from 1 µs up to ~28 hours.
const growth = 1.01;
const lnGrowth = Math.log(growth);
const bucketCount = Math.ceil(Math.log(1e8 / floorMs) / lnGrowth) + 1;

/**
 * The mixture of every second of a run in log-spaced buckets 1 % wide: each second adds its four
 * log-linear segments in O(1) (a segment is a constant density over a range of buckets, kept as a
 * difference array), so millions of seconds cost a few kilobytes and percentiles are within 1 %.
 */
export class LatencyMixtureHistogram {
  /** Mass of segments that fall inside one bucket. */
  private readonly direct = new Float64Array(bucketCount + 1);
  /** Differences of the per-bucket density of wider segments. */
  private readonly density = new Float64Array(bucketCount + 1);
  private readonly anchors = new Float64Array(5);
  private readonly buckets = new BucketMemo();
  private total = 0;

  /** Adds a second that served `served` requests with these percentiles (ms); skipped when nothing was served. */
  add(served: number, p50: number, p95: number, p99: number): void {
    if (!(served > 0) || !(p50 >= 0) || !(p95 >= 0) || !(p99 >= 0)) return;
    const memo = this.buckets;
    const at = memo.find(p50, p95, p99);
    const b = memo.buckets;
    if (at < 0) {
      const u = logAnchors(p50, p95, p99, this.anchors);
      const slot = memo.store(p50, p95, p99);
      for (let k = 0; k < 5; k++) b[slot + k] = bucketOf(u[k]!);
      this.addBuckets(served, slot);
    } else this.addBuckets(served, at);
  }

  /** Adds the four segments between the five anchor buckets at `b[at .. at + 4]`. */
  private addBuckets(served: number, at: number): void {
    const b = this.buckets.buckets;
    this.total += served;
    let from = b[at]!;
    for (let k = 0; k < 4; k++) {
      const to = b[at + k + 1]!;
      const mass = served * (shares[k + 1]! - shares[k]!);
      if (to <= from) this.direct[from]! += mass;
      else {
        const perBucket = mass / (to - from);
        this.density[from]! += perBucket;
        this.density[to]! -= perBucket;
      }
      from = to;
    }
  }

  /** The q-quantile (ms), interpolated in log space within its bucket; null when nothing was served. */
  quantile(q: number): number | null {
    if (this.total === 0) return null;
    const wanted = q * this.total;
    let seen = 0;
    let density = 0;
    for (let i = 0; i < bucketCount; i++) {
      density += this.density[i]!;
      const mass = density + this.direct[i]!;
      if (mass > 0 && seen + mass >= wanted) return floorMs * Math.pow(growth, i + Math.min(1, Math.max(0, (wanted - seen) / mass)));
      seen += mass;
    }
    return floorMs * Math.pow(growth, bucketCount);
  }
}

function bucketOf(lnMs: number): number {
  const index = Math.floor((lnMs - lnFloor) / lnGrowth);
  return index < 0 ? 0 : index >= bucketCount ? bucketCount - 1 : index;
}

const memoBits = 11;
const memoSize = 1 << memoBits;
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/**
 * The anchor buckets of recently added percentile triples, direct-mapped by their bits: a simulated trace
 * repeats the same few thousand seconds (whole arrival counts at a few replica counts, see
 * emptyQueueSeconds.ts), so this saves three logarithms and five bucket computations on almost every second.
 */
class BucketMemo {
  private readonly keys = new Float64Array(3 * memoSize).fill(NaN);
  /** Five bucket indices per slot. */
  readonly buckets = new Int32Array(5 * memoSize);

  /** The slot's offset into `buckets` holding these percentiles' anchors, or −1. */
  find(p50: number, p95: number, p99: number): number {
    const slot = slotOf(p50, p95, p99);
    const k = 3 * slot;
    return this.keys[k] === p50 && this.keys[k + 1] === p95 && this.keys[k + 2] === p99 ? 5 * slot : -1;
  }

  /** Takes the slot of these percentiles (evicting its last ones); returns its offset into `buckets`. */
  store(p50: number, p95: number, p99: number): number {
    const slot = slotOf(p50, p95, p99);
    this.keys[3 * slot] = p50;
    this.keys[3 * slot + 1] = p95;
    this.keys[3 * slot + 2] = p99;
    return 5 * slot;
  }
}

/** A hash of the three percentiles' bits (the p50 alone is often the same for every load: 0 wait at the median). */
function slotOf(p50: number, p95: number, p99: number): number {
  bits[0] = p50;
  let h = Math.imul(words[0]! ^ words[1]!, 0x9e3779b1);
  bits[0] = p95;
  h = Math.imul(h ^ words[0]! ^ words[1]!, 0x85ebca6b);
  bits[0] = p99;
  h = Math.imul(h ^ words[0]! ^ words[1]!, 0xc2b2ae35);
  return (h ^ (h >>> 15)) >>> (32 - memoBits);
}
