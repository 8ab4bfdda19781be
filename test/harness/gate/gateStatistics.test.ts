import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { figuresOf, minSamplesFor, percentilesOf, scratchFor } from '../../../harness/gate/gateStatistics.ts';
import { runSecondsOf } from '../../../harness/gate/runSeconds.ts';
import { LatencyHistogram } from '../../../harness/stats/latencyHistogram.ts';
import { createRng } from '../../../common/prng.ts';
import { syntheticRun } from './syntheticLoad.ts';

describe('minSamplesFor', () => {
  it('asks for ten samples beyond the percentile', () => {
    assert.deepEqual([0.5, 0.95, 0.99, 0.999].map(minSamplesFor), [20, 200, 1000, 10000]);
  });
});

describe('percentilesOf', () => {
  it('reads weighted buckets exactly as HdrHistogram reads the histogram', () => {
    const rng = createRng(5);
    for (const n of [1, 7, 100, 5000]) {
      const histogram = new LatencyHistogram();
      for (let i = 0; i < n; i++) histogram.record(Math.exp(3 * rng.normal()));
      const buckets = histogram.buckets();
      const quantiles = [0, 0.5, 0.9, 0.95, 0.99, 0.999, 1];
      const values = Float64Array.from(buckets.map((b) => b.valueMs));
      const counts = Float64Array.from(buckets.map((b) => b.count));
      assert.deepEqual(percentilesOf(values, counts, n, quantiles.slice(1)), quantiles.slice(1).map((q) => histogram.percentile(q * 100)), `n = ${n}`);
    }
    assert.deepEqual(percentilesOf(new Float64Array(0), new Float64Array(0), 0, [0.5]), [null]);
  });
});

describe('figuresOf', () => {
  it('with every second once, gives the phase figures of the results file', () => {
    const run = syntheticRun({ seed: 3, seconds: 10, errorShare: 0.1, dropShare: 0.05 });
    const steady = run.phases.find((p) => p.name === 'steady')!;
    const seconds = runSecondsOf([steady]);
    const figures = figuresOf(seconds, seconds.phases.map((p) => new Float64Array(p.seconds.length).fill(1)), scratchFor(seconds));
    assert.deepEqual(figures.percentiles, [steady.latency.p50, steady.latency.p95, steady.latency.p99, steady.latency.p999]);
    assert.equal(figures.errorRate, steady.errorRate);
    assert.equal(figures.droppedShare, steady.counts.dropped / (steady.counts.sent + steady.counts.dropped));
    const okInWholeSeconds = steady.series.filter((i) => i.t < 10).reduce((sum, i) => sum + i.throughput, 0);
    assert.equal(figures.throughput, okInWholeSeconds / 10);
    // Stragglers past the phase's end are folded into its last whole second: every sample stays in.
    assert.equal(seconds.latencySamples, steady.latency.count);
    assert.equal(seconds.phases[0]!.seconds.length, 10);
  });
});
