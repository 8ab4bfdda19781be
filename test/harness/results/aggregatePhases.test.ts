import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregatePhases } from '../../../harness/results/aggregatePhases.ts';
import { PhaseRecorder } from '../../../harness/stats/phaseRecorder.ts';
import { aggregateStatsSchema } from '../../../harness/stats/phaseStats.ts';
import { recordPhase, syntheticOutcomes } from './syntheticRun.ts';

const warmupOutcomes = syntheticOutcomes(500, 0, 1000);
const steadyOutcomes = syntheticOutcomes(3000, 1000, 3000);
const warmup = recordPhase({ name: 'warmup', kind: 'open-loop', warmup: true, startMs: 0 }, warmupOutcomes, 1000);
const steady = recordPhase({ name: 'steady', kind: 'open-loop', warmup: false, startMs: 1000 }, steadyOutcomes, 4000);
const pause = new PhaseRecorder({ name: 'cool-off', kind: 'pause', warmup: false, startMs: 4000 }).finish(9000);

describe('aggregatePhases', () => {
  it('leaves warm-up phases out by default', () => {
    const overall = aggregatePhases([warmup, steady]);
    const { name: _n, kind: _k, warmup: _w, series: _s, ...stats } = steady;
    assert.deepEqual(overall, { phases: ['steady'], ...stats });
    assert.deepEqual(aggregateStatsSchema.parse(overall), overall);
  });

  it('takes phases together exactly, from their histograms and counts', () => {
    // One recorder over both phases' outcomes sees the same latencies and counts as the two phases.
    const both = recordPhase({ name: 'both', kind: 'open-loop', warmup: false, startMs: 0 }, [...warmupOutcomes, ...steadyOutcomes], 4000);
    const overall = aggregatePhases([warmup, steady], { includeWarmup: true });
    assert.deepEqual(overall.phases, ['warmup', 'steady']);
    assert.equal(overall.histogram, both.histogram);
    assert.deepEqual(overall.latency, both.latency);
    assert.deepEqual(overall.counts, both.counts);
    assert.deepEqual(overall.errors, both.errors);
    assert.equal(overall.errorRate, both.errorRate);
    assert.equal(overall.durationMs, 4000);
    assert.equal(overall.achievedRate, both.achievedRate);
  });

  it('does not let a pause (no traffic) dilute the rates', () => {
    const overall = aggregatePhases([steady, pause]);
    assert.deepEqual(overall.phases, ['steady', 'cool-off']);
    assert.equal(overall.durationMs, steady.durationMs);
    assert.equal(overall.throughput, steady.throughput);
  });

  it('divides the rates by the summed schedule windows and reports the summed drains on their own', () => {
    const drained = new PhaseRecorder({ name: 'a', kind: 'open', warmup: false, startMs: 0 });
    for (let i = 0; i < 100; i++) drained.record({ intendedMs: i * 10, sentMs: i * 10, doneMs: i * 10 + 1, status: 200 });
    drained.record({ intendedMs: 990, sentMs: 990, doneMs: 3000, failure: 'timeout' });
    const a = drained.finish(3000, { startMs: 0, endMs: 1000 });
    const other = new PhaseRecorder({ name: 'b', kind: 'open', warmup: false, startMs: 3000 });
    for (let i = 0; i < 100; i++) other.record({ intendedMs: 3000 + i * 10, sentMs: 3000 + i * 10, doneMs: 3000 + i * 10 + 1, status: 200 });
    const b = other.finish(4500, { startMs: 3000, endMs: 4000 });
    const overall = aggregatePhases([a, b]);
    assert.deepEqual([overall.durationMs, overall.windowMs, overall.drainMs], [4500, 2000, 2500]);
    assert.deepEqual([overall.throughput, overall.sentRate, overall.achievedRate], [100, 100.5, 100.5]);
  });

  it('reports no phase at all with null latency and error rate', () => {
    const overall = aggregatePhases([warmup]);
    assert.deepEqual(overall.phases, []);
    assert.equal(overall.latency.count, 0);
    assert.equal(overall.latency.p99, null);
    assert.equal(overall.errorRate, null);
    assert.equal(overall.achievedRate, 0);
  });
});
