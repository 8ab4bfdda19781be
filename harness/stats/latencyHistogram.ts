// Latencies at microsecond resolution in an HdrHistogram, so sub-millisecond answers keep their value
// (autocannon's whole-millisecond histogram reads them as 0) and histograms from runs or shards add exactly.

import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, JsHistogram, type Histogram } from 'hdr-histogram-js';
import { z } from 'zod';

/** Smallest latency told apart from 0: 1 µs. */
const lowestMicros = 1;
/**
 * Range every histogram starts with: 10 minutes. Fixing it keeps the encoded header identical across
 * runs, so equal contents give equal encodings; longer latencies still record (auto-resize).
 */
const initialHighestMicros = 10 * 60 * 1_000_000;
/** 3 significant digits: exact below 2.048 ms, within 0.1 % above. */
const significantDigits = 3;

/**
 * A latency summary in milliseconds with microsecond precision. Every statistic is `null` when no
 * latency was recorded (`count` 0): a threshold such as `p(95) < 50ms` must fail on zero samples,
 * and `null` makes the caller decide that explicitly where `0` would silently pass.
 */
export const latencySummarySchema = z.strictObject({
  count: z.number().int().nonnegative(),
  min: z.number().nonnegative().nullable(),
  mean: z.number().nonnegative().nullable(),
  p50: z.number().nonnegative().nullable(),
  p90: z.number().nonnegative().nullable(),
  p95: z.number().nonnegative().nullable(),
  p99: z.number().nonnegative().nullable(),
  p999: z.number().nonnegative().nullable(),
  max: z.number().nonnegative().nullable(),
});
export type LatencySummary = z.infer<typeof latencySummarySchema>;

function newHistogram(): Histogram {
  return build({
    bitBucketSize: 32,
    autoResize: true,
    lowestDiscernibleValue: lowestMicros,
    highestTrackableValue: initialHighestMicros,
    numberOfSignificantValueDigits: significantDigits,
    useWebAssembly: false,
  });
}

const toMs = (micros: number): number => micros / 1000;

/** An HDR histogram of latencies, recorded in whole microseconds and read in milliseconds. */
export class LatencyHistogram {
  readonly #histogram: Histogram;

  /** An empty histogram, or one wrapping `histogram` (as decoded). */
  constructor(histogram: Histogram = newHistogram()) {
    this.#histogram = histogram;
  }

  /** Records one latency in ms (rounded to the nearest µs). Throws on negative or non-finite values: a driver bug. */
  record(latencyMs: number): void {
    const micros = Math.round(latencyMs * 1000);
    if (!Number.isFinite(micros) || micros < 0) throw new RangeError(`latency must be a finite number ≥ 0 ms, got ${latencyMs}`);
    this.#histogram.recordValue(micros);
  }

  /** Number of latencies recorded. */
  get count(): number {
    return this.#histogram.totalCount;
  }

  /**
   * The latency in ms at percentile `p` (0–100): the highest value equivalent (within HDR precision) to
   * the one that `p` % of samples are at or below; `p` = 0 gives the minimum. `null` when empty.
   */
  percentile(p: number): number | null {
    if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
    if (this.count === 0) return null;
    return toMs(this.#histogram.getValueAtPercentile(p));
  }

  /**
   * Count, min, mean, percentiles and max in ms. Min and max are read from the histogram's buckets (not
   * tracked exactly on the side) so that a decoded histogram gives the very same summary.
   */
  summary(): LatencySummary {
    if (this.count === 0) {
      return { count: 0, min: null, mean: null, p50: null, p90: null, p95: null, p99: null, p999: null, max: null };
    }
    const at = (p: number): number => toMs(this.#histogram.getValueAtPercentile(p));
    return {
      count: this.count,
      min: at(0),
      mean: toMs(Math.round(this.#histogram.mean)),
      p50: at(50),
      p90: at(90),
      p95: at(95),
      p99: at(99),
      p999: at(99.9),
      max: at(100),
    };
  }

  /**
   * Every bucket that holds samples, ascending: its value in ms as `percentile()` reports it (the bucket's
   * highest equivalent value) and its count. The regression gate re-weights these to resample a run.
   */
  buckets(): { readonly valueMs: number; readonly count: number }[] {
    const histogram = this.#histogram;
    // Histograms here are always built and decoded without WebAssembly, i.e. as JsHistogram.
    if (!(histogram instanceof JsHistogram)) throw new TypeError('buckets() needs a JavaScript HdrHistogram');
    const out: { valueMs: number; count: number }[] = [];
    const iterator = histogram.recordedValuesIterator;
    iterator.reset();
    while (iterator.hasNext()) {
      const value = iterator.next();
      out.push({ valueMs: toMs(value.valueIteratedTo), count: value.countAtValueIteratedTo });
    }
    return out;
  }

  /** Adds every sample of `other` to this histogram (exact: bucket counts are summed). */
  add(other: LatencyHistogram): void {
    this.#histogram.add(other.#histogram);
  }

  /** HdrHistogram's compressed base64 encoding (V2), readable by every HdrHistogram implementation. */
  encode(): string {
    return encodeIntoCompressedBase64(this.#histogram);
  }
}

/** Decodes `encode()`'s text. Throws `Error` when `text` is not an encoded HdrHistogram. */
export function decodeLatencyHistogram(text: string): LatencyHistogram {
  // The floor on the range gives a decoded histogram the same header as a fresh one, so re-encoding is stable.
  const histogram = decodeFromCompressedBase64(text, 32, false, initialHighestMicros);
  // Decoded histograms do not resize; ours must, to take in larger values when merged.
  histogram.autoResize = true;
  return new LatencyHistogram(histogram);
}

/** Sums encoded histograms into one (exact); empty when `encodings` is. */
export function addEncodedHistograms(encodings: Iterable<string>): LatencyHistogram {
  const sum = new LatencyHistogram();
  for (const text of encodings) sum.add(decodeLatencyHistogram(text));
  return sum;
}
