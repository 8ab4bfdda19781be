import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequestOutcome } from '../../../harness/drive/requestOutcome.ts';
import { decodeLatencyHistogram, LatencyHistogram } from '../../../harness/stats/latencyHistogram.ts';
import { PhaseRecorder } from '../../../harness/stats/phaseRecorder.ts';
import { phaseStatsSchema } from '../../../harness/stats/phaseStats.ts';

const startMs = 1000;
const info = { name: 'steady', kind: 'open-loop', warmup: false, targetRate: 2, startMs };

/** One of each kind of outcome, in completion order; comments give latency and the second completed in. */
const outcomes: RequestOutcome[] = [
  { intendedMs: 1000, sentMs: 1000, doneMs: 1000.25, status: 200, cache: 'hit' }, // 0.25 ms, s0
  { intendedMs: 1500, sentMs: 1500.1, doneMs: 1510, status: 200, cache: 'miss' }, // 10 ms, s0
  { intendedMs: 1900, sentMs: 1900, doneMs: 2100, status: 503, failure: 'status' }, // 200 ms, s1
  { intendedMs: 2500, sentMs: 2500, doneMs: 2500.5, failure: 'connection' }, // no latency, s1
  { intendedMs: 2600, dropped: true }, // due in s1
  { intendedMs: 2000, sentMs: 2000, doneMs: 3000, failure: 'timeout' }, // 1000 ms, s2
  { intendedMs: 3900, sentMs: 3900, doneMs: 4200, status: 200 }, // 300 ms, s3: after the phase's end
];

function histogramOf(values: readonly number[]): LatencyHistogram {
  const histogram = new LatencyHistogram();
  for (const value of values) histogram.record(value);
  return histogram;
}

function recorded(list: readonly RequestOutcome[]): PhaseRecorder {
  const recorder = new PhaseRecorder(info);
  for (const outcome of list) recorder.record(outcome);
  return recorder;
}

describe('PhaseRecorder', () => {
  it('counts sent, completed, ok, dropped, errors by kind (a drop is one) and cache hits exactly', () => {
    const stats = recorded(outcomes).finish(4000);
    assert.deepEqual(stats.counts, { sent: 6, completed: 6, ok: 3, dropped: 1, errors: 4, cacheHits: 1, cacheMisses: 1 });
    assert.deepEqual(stats.errors, { '503': 1, connection: 1, dropped: 1, timeout: 1 });
    assert.equal(stats.errorRate, 4 / 7);
    assert.equal(stats.durationMs, 3000);
    assert.equal(stats.windowMs, 3000);
    assert.equal(stats.drainMs, 0);
    assert.equal(stats.achievedRate, 2);
    assert.equal(stats.sentRate, 2);
    assert.equal(stats.throughput, 1);
    assert.equal(stats.targetRate, 2);
    assert.deepEqual(phaseStatsSchema.parse(stats), stats);
  });

  it('divides rates by the schedule window, not the drain after it, and reports the drain on its own', () => {
    // 200 req/s for 1 s, all answered at once, except the last one, which times out 2 s later: the phase
    // lasts 3 s, but its rates are over its 1 s window (issue 14: the drain once read as 0 req/s).
    const recorder = new PhaseRecorder({ ...info, targetRate: 200, startMs: 0 });
    for (let i = 0; i < 199; i++) recorder.record({ intendedMs: i * 5, sentMs: i * 5, doneMs: i * 5 + 1, status: 200 });
    recorder.record({ intendedMs: 995, sentMs: 995, doneMs: 2995, failure: 'timeout' });
    const stats = recorder.finish(2995, { startMs: 0, endMs: 1000 });
    assert.deepEqual(
      [stats.durationMs, stats.windowMs, stats.drainMs, stats.throughput, stats.sentRate, stats.achievedRate],
      [2995, 1000, 1995, 199, 200, 200],
    );
    assert.equal(stats.latency.count, 200); // the drain's completion still counts in latency and totals
    assert.deepEqual(phaseStatsSchema.parse(stats), stats);
  });

  it('records latency from the intended time for responses and timeouts, not for connection errors', () => {
    const stats = recorded(outcomes).finish(4000);
    const expected = histogramOf([0.25, 10, 200, 1000, 300]);
    assert.deepEqual(stats.latency, expected.summary());
    assert.equal(stats.latency.min, 0.25);
    assert.equal(stats.histogram, expected.encode());
  });

  it('keeps one series entry per second, each event in the second it happened', () => {
    const { series } = recorded(outcomes).finish(4000);
    const rows = series.map(({ t, sent, completed, dropped, errors, throughput, latency }) => ({
      t, sent, completed, dropped, errors, throughput, samples: latency.count,
    }));
    assert.deepEqual(rows, [
      { t: 0, sent: 3, completed: 2, dropped: 0, errors: 0, throughput: 2, samples: 2 },
      { t: 1, sent: 2, completed: 2, dropped: 1, errors: 3, throughput: 0, samples: 1 },
      { t: 2, sent: 1, completed: 1, dropped: 0, errors: 1, throughput: 0, samples: 1 },
      { t: 3, sent: 0, completed: 1, dropped: 0, errors: 0, throughput: 1, samples: 1 },
    ]);
    assert.equal(series[0]!.histogram, histogramOf([0.25, 10]).encode());
    assert.equal(series[0]!.latency.p99, histogramOf([0.25, 10]).percentile(99));
  });

  it('puts a trace replay\'s target of each second in its series, 0 past the trace, none for other phases', () => {
    const { series } = recorded(outcomes).finish(4000, { startMs, endMs: 4000 }, [2, 3]);
    assert.deepEqual(series.map((s) => s.target), [2, 3, 0, 0]);
    assert.deepEqual(phaseStatsSchema.parse(recorded(outcomes).finish(4000, { startMs, endMs: 4000 }, [2, 3])).series[1]!.target, 3);
    assert.equal('target' in recorded(outcomes).finish(4000).series[0]!, false);
    // A target longer than anything recorded still gets its seconds.
    assert.equal(recorded(outcomes).finish(4000, { startMs, endMs: 4000 }, [1, 1, 1, 1, 1, 7]).series[5]!.target, 7);
  });

  it('shows quiet seconds as empty entries up to the end of the phase', () => {
    const recorder = new PhaseRecorder({ name: 'idle', kind: 'closed-loop', warmup: true, startMs: 0 });
    recorder.record({ intendedMs: 100, sentMs: 100, doneMs: 101, status: 200 });
    const stats = recorder.finish(3500);
    assert.deepEqual(stats.series.map((s) => s.completed), [1, 0, 0, 0]);
    assert.deepEqual(stats.series[3]!.latency, { count: 0, p50: null, p90: null, p95: null, p99: null, max: null });
    assert.equal(decodeLatencyHistogram(stats.series[3]!.histogram).count, 0);
    assert.equal('targetRate' in stats, false);
  });

  it('reports an empty phase with null latency and error rate, so thresholds cannot pass on it', () => {
    const stats = new PhaseRecorder({ ...info, startMs: 0 }).finish(0);
    assert.equal(stats.errorRate, null);
    assert.equal(stats.latency.count, 0);
    assert.equal(stats.latency.p95, null);
    assert.deepEqual(stats.series, []);
    assert.equal(stats.achievedRate, 0);
  });

  it('keeps per-second histograms exact when a late completion lands in a second already over', () => {
    const recorder = new PhaseRecorder({ ...info, startMs: 0 });
    for (let second = 0; second < 6; second++) {
      recorder.record({ intendedMs: second * 1000, sentMs: second * 1000, doneMs: second * 1000 + 5, status: 200 });
    }
    // Completion reported late (e.g. a driver's timeout callback) for second 0.
    recorder.record({ intendedMs: 0, sentMs: 0, doneMs: 900, status: 200 });
    const { series } = recorder.finish(6000);
    assert.equal(series[0]!.histogram, histogramOf([5, 900]).encode());
    assert.deepEqual(series.map((s) => s.latency.count), [2, 1, 1, 1, 1, 1]);
  });

  it('clamps a response that arrived before its intended time to 0 ms', () => {
    const stats = recorded([{ intendedMs: 1010, sentMs: 1000, doneMs: 1005, status: 200 }]).finish(2000);
    assert.equal(stats.latency.max, 0);
  });

  it('snapshots the rate and p99 of the last whole second for the progress line', () => {
    const recorder = recorded(outcomes.slice(0, 2));
    assert.deepEqual(recorder.snapshot(1500), {
      elapsedMs: 500, sent: 2, completed: 2, dropped: 0, errors: 0, rate: 4, p99: histogramOf([0.25, 10]).percentile(99),
    });
    for (const outcome of outcomes.slice(2)) recorder.record(outcome);
    const later = recorder.snapshot(3200); // second 2 is running: report second 1
    assert.equal(later.rate, 2);
    assert.equal(later.p99, histogramOf([200]).percentile(99));
    assert.equal(later.elapsedMs, 2200);
  });
});
