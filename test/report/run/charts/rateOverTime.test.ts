import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rateRows } from '../../../../report/run/charts/rateOverTime.ts';
import { PhaseRecorder } from '../../../../harness/stats/phaseRecorder.ts';

describe('rateRows', () => {
  it('draws a trace replay\'s target second by second, and an open phase\'s rate flat', () => {
    const trace = new PhaseRecorder({ name: 'replay', kind: 'trace', warmup: false, targetRate: 2, startMs: 0 });
    trace.record({ intendedMs: 100, sentMs: 100, doneMs: 150, status: 200 });
    const open = new PhaseRecorder({ name: 'steady', kind: 'open', warmup: false, targetRate: 4, startMs: 0 });
    const rows = rateRows([trace.finish(2000, { startMs: 0, endMs: 2000 }, [3, 1]), open.finish(2000)]);
    assert.deepEqual(rows.filter((row) => row.series === 'target').map(({ time, phase, rate }) => ({ time, phase, rate })), [
      { time: 0, phase: 'replay', rate: 3 },
      { time: 1, phase: 'replay', rate: 1 },
      { time: 2, phase: 'steady', rate: 4 },
      { time: 3, phase: 'steady', rate: 4 },
    ]);
  });
});
