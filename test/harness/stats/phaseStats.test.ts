import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PhaseRecorder } from '../../../harness/stats/phaseRecorder.ts';
import { phaseStatsSchema } from '../../../harness/stats/phaseStats.ts';

describe('phaseStatsSchema', () => {
  it('reads a file written before the schedule window as a window of its duration and no drain', () => {
    const recorder = new PhaseRecorder({ name: 'p', kind: 'open', warmup: false, startMs: 0 });
    recorder.record({ intendedMs: 0, sentMs: 0, doneMs: 1, status: 200 });
    const { windowMs: _w, drainMs: _d, ...older } = recorder.finish(2000, { startMs: 0, endMs: 1000 });
    const read = phaseStatsSchema.parse(older);
    assert.deepEqual([read.durationMs, read.windowMs, read.drainMs], [2000, 2000, 0]);
  });
});
