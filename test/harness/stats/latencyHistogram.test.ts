import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addEncodedHistograms, decodeLatencyHistogram, LatencyHistogram } from '../../../harness/stats/latencyHistogram.ts';

function histogramOf(values: readonly number[]): LatencyHistogram {
  const histogram = new LatencyHistogram();
  for (const value of values) histogram.record(value);
  return histogram;
}

/** 1..n ms in a scrambled order, so nothing depends on recording order. */
function scrambled(n: number): number[] {
  return Array.from({ length: n }, (_, i) => ((i * 7919) % n) + 1);
}

describe('LatencyHistogram', () => {
  it('keeps microsecond precision below a millisecond (0.250 ms reads as 0.25, not 0)', () => {
    const summary = histogramOf([0.25, 0.001, 0.7504]).summary();
    assert.equal(summary.min, 0.001);
    assert.equal(summary.p50, 0.25);
    assert.equal(summary.max, 0.75);
    assert.equal(summary.mean, 0.334);
  });

  it('reads values below 2.048 ms exactly, to the microsecond', () => {
    const values = Array.from({ length: 2000 }, (_, i) => (i + 1) / 1000); // 0.001 .. 2.000 ms
    const histogram = histogramOf(values);
    assert.deepEqual(histogram.summary(), {
      count: 2000,
      min: 0.001,
      mean: 1.001, // exact mean is 1.0005 ms: the mean is given to the µs
      p50: 1,
      p90: 1.8,
      p95: 1.9,
      p99: 1.98,
      p999: 1.998,
      max: 2,
    });
    assert.equal(histogram.percentile(25), 0.5);
  });

  it('gives percentiles of 1..10000 ms within HDR precision (0.1 %), never below the exact value', () => {
    const histogram = histogramOf(scrambled(10_000));
    const summary = histogram.summary();
    const exact = { p50: 5000, p90: 9000, p95: 9500, p99: 9900, p999: 9990, max: 10_000, min: 1 };
    for (const [name, value] of Object.entries(exact)) {
      const got = summary[name as keyof typeof exact];
      assert.ok(got !== null && got >= value && got <= value * 1.001, `${name}: ${got} vs ${value}`);
    }
    assert.equal(summary.count, 10_000);
    assert.ok(Math.abs(summary.mean! - 5000.5) <= 5000.5 * 0.001);
  });

  it('reports null statistics when empty, so a threshold on zero samples can tell', () => {
    const histogram = new LatencyHistogram();
    assert.equal(histogram.count, 0);
    assert.equal(histogram.percentile(99), null);
    assert.deepEqual(histogram.summary(), {
      count: 0, min: null, mean: null, p50: null, p90: null, p95: null, p99: null, p999: null, max: null,
    });
  });

  it('records zero latency, and refuses negative or non-finite ones', () => {
    const histogram = histogramOf([0]);
    assert.equal(histogram.summary().max, 0);
    assert.throws(() => histogram.record(-1), RangeError);
    assert.throws(() => histogram.record(Number.NaN), RangeError);
    assert.throws(() => histogram.percentile(101), RangeError);
  });

  it('decodes its encoding to the same summary and the same encoding', () => {
    const histogram = histogramOf([...scrambled(5000), 0.25, 0.0005, 12_345.678]);
    const encoded = histogram.encode();
    const decoded = decodeLatencyHistogram(encoded);
    assert.deepEqual(decoded.summary(), histogram.summary());
    assert.equal(decoded.encode(), encoded);
    assert.equal(decodeLatencyHistogram(new LatencyHistogram().encode()).count, 0);
  });

  it('records latencies beyond its initial 10-minute range', () => {
    const histogram = histogramOf([1, 20 * 60_000]);
    assert.ok(histogram.summary().max! >= 20 * 60_000);
    assert.deepEqual(decodeLatencyHistogram(histogram.encode()).summary(), histogram.summary());
  });

  it('merges two halves into exactly the histogram of all values', () => {
    const values = [...scrambled(20_000).map((v) => v / 7), 0.25, 0.003, 9_999.5];
    const whole = histogramOf(values);
    const first = histogramOf(values.filter((_, i) => i % 2 === 0));
    const second = histogramOf(values.filter((_, i) => i % 2 === 1));
    first.add(second);
    assert.deepEqual(first.summary(), whole.summary());
    assert.equal(first.encode(), whole.encode());

    const decodedSum = addEncodedHistograms([
      histogramOf(values.slice(0, 1000)).encode(),
      histogramOf(values.slice(1000)).encode(),
    ]);
    assert.equal(decodedSum.encode(), whole.encode());
  });

  it('refuses text that is not an encoded histogram', () => {
    assert.throws(() => decodeLatencyHistogram('bm90IGEgaGlzdG9ncmFt'));
  });
});
