import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDriverOf } from '../../../harness/drive/loadDriverRegistry.ts';
import { formatProgress } from '../../../harness/cli/progressLine.ts';
import type { Phase } from '../../../harness/scenario/scenarioSchema.ts';

const open: Phase = { name: 'o', kind: 'open', rate: 100, rampTo: 300, arrivals: 'constant', duration: 1000, warmup: false };
const closed: Phase = { name: 'c', kind: 'closed', connections: 3, duration: 1000, warmup: false };
const pause: Phase = { name: 'p', kind: 'pause', duration: 1000 };
const snapshot = { elapsedMs: 500, sent: 10, completed: 9, dropped: 0, errors: 0, rate: 18, p99: 1.5 };

describe('loadDriverOf', () => {
  it('gives each phase kind its driver: target rate, load described, shard split', () => {
    assert.deepEqual([open, closed, pause].map((phase) => loadDriverOf(phase).targetRate(phase)), [200, undefined, undefined]);
    assert.deepEqual([open, closed, pause].map((phase) => loadDriverOf(phase).describeLoad(phase)), ['target 100→300/s', '3 connections', '']);
    const shard = { index: 4, count: 4 }; // 3 connections go to shards 1–3
    assert.deepEqual([open, closed, pause].map((phase) => loadDriverOf(phase).shard(phase, shard)), [
      { ...open, rate: 25, rampTo: 75 },
      { name: 'c', kind: 'pause', duration: 1000 },
      pause,
    ]);
  });

  it('feeds the progress line, which no longer knows the kinds', () => {
    assert.equal(formatProgress(undefined, closed, 0, 2, snapshot), 'phase 1/2 c closed 0.5s/1.0s  rate 18.0/s (3 connections)  p99 1.5 ms  errors 0  dropped 0');
    assert.equal(formatProgress('int8', pause, 1, 2, snapshot), '[int8] phase 2/2 p pause 0.5s/1.0s  rate 18.0/s  p99 1.5 ms  errors 0  dropped 0');
  });
});
