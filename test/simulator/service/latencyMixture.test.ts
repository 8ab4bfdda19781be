import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LatencyMixtureHistogram, mixtureQuantile, type SecondLatency } from '../../../simulator/service/latencyMixture.ts';

const seconds = (list: SecondLatency[]) => (s: number, into: SecondLatency) => Object.assign(into, list[s]);
const close = (actual: number | null | undefined, expected: number, tolerance: number) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance * expected, `${actual} is not within ${tolerance * 100} % of ${expected}`);

describe('mixtureQuantile', () => {
  it("gives one second's own percentiles back exactly", () => {
    const at = seconds([{ served: 40, p50: 12, p95: 30, p99: 45 }]);
    close(mixtureQuantile(0.5, 0, 1, at), 12, 1e-12);
    close(mixtureQuantile(0.95, 0, 1, at), 30, 1e-12);
    close(mixtureQuantile(0.99, 0, 1, at), 45, 1e-12);
  });

  it('merges seconds weighted by served requests, log-linear between anchors', () => {
    // 100 requests at 10 ms, and 100 with p50 20, p95 100, p99 200. The mixture's 95 % point is where the second
    // one's CDF is 0.9: between its p50 and p95, at 20 · 5^((0.9 − 0.5)/0.45). A percentile of the seconds' p95s says 100.
    const at = seconds([
      { served: 100, p50: 10, p95: 10, p99: 10 },
      { served: 100, p50: 20, p95: 100, p99: 200 },
    ]);
    close(mixtureQuantile(0.95, 0, 2, at), 20 * Math.pow(5, 0.4 / 0.45), 1e-12);
    close(mixtureQuantile(0.5, 0, 2, at), 10, 1e-12);
  });
});

describe('LatencyMixtureHistogram', () => {
  it('agrees with the exact mixture within its 1 % buckets', () => {
    const list = [
      { served: 100, p50: 10, p95: 10, p99: 10 },
      { served: 100, p50: 20, p95: 100, p99: 200 },
      { served: 30, p50: 7, p95: 9, p99: 60 },
    ];
    const histogram = new LatencyMixtureHistogram();
    for (const s of list) histogram.add(s.served, s.p50, s.p95, s.p99);
    for (const q of [0.5, 0.9, 0.95, 0.99]) close(histogram.quantile(q), mixtureQuantile(q, 0, list.length, seconds(list))!, 0.011);
  });

  it('agrees with the exact mixture over thousands of repeated seconds, more kinds than its memo has slots', () => {
    // 3000 kinds of second sharing one p50, each added three times in a scrambled order: the histogram's memo
    // of anchor buckets (2048 slots) must tell kinds apart by their tails, and evict and refill slots.
    const kinds = Array.from({ length: 3000 }, (_, k) => ({ served: 1 + (k % 17), p50: 10, p95: 12 + k * 0.5, p99: 30 + k }));
    const list = Array.from({ length: 9000 }, (_, i) => kinds[(i * 7919) % kinds.length]!);
    const histogram = new LatencyMixtureHistogram();
    for (const s of list) histogram.add(s.served, s.p50, s.p95, s.p99);
    // Grouped by kind instead, every kind's buckets are computed once and then looked up.
    const grouped = new LatencyMixtureHistogram();
    for (const s of [...list].sort((a, b) => a.p95 - b.p95)) grouped.add(s.served, s.p50, s.p95, s.p99);
    for (const q of [0.5, 0.8, 0.9, 0.95, 0.99, 0.999]) {
      close(histogram.quantile(q), mixtureQuantile(q, 0, list.length, seconds(list))!, 0.011);
      close(histogram.quantile(q), grouped.quantile(q)!, 1e-9);
    }
  });

  it('is null without served requests and skips seconds that served none', () => {
    const histogram = new LatencyMixtureHistogram();
    assert.equal(histogram.quantile(0.5), null);
    histogram.add(0, Number.NaN, Number.NaN, Number.NaN);
    assert.equal(histogram.quantile(0.5), null);
  });
});
