import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInfercapError } from '../../../common/errors.ts';
import type { LoadTrace } from '../../../simulator/trace/loadTrace.ts';
import { transformTrace } from '../../../simulator/trace/traceTransforms.ts';

const trace = (arrivals: number[], offsets?: number[]): LoadTrace => ({
  arrivals: Float64Array.from(arrivals),
  startTime: 1000,
  ...(offsets === undefined ? {} : { arrivalOffsets: Float64Array.from(offsets) }),
  meta: { source: 'arrivals-csv', file: undefined, counts: 'integer', seed: undefined },
});

describe('transformTrace', () => {
  it('windows by offsets or by instants, moving the start time', () => {
    const byOffset = transformTrace(trace([1, 2, 3, 4, 5]), { window: { start: { offset: 1 }, end: { offset: 3 } } }, 't');
    assert.deepEqual([[...byOffset.arrivals], byOffset.startTime], [[2, 3], 1001]);
    const byInstant = transformTrace(trace([1, 2, 3, 4, 5]), { window: { start: { unix: 1003 }, end: undefined } }, 't');
    assert.deepEqual([[...byInstant.arrivals], byInstant.startTime], [[4, 5], 1003]);
  });

  it('compresses time: an integer speedup sums seconds, a fractional one splits them', () => {
    assert.deepEqual([...transformTrace(trace([1, 2, 3, 4, 5]), { speedup: 2 }, 't').arrivals], [3, 7, 5]);
    const slower = transformTrace(trace([4, 8]), { speedup: 0.5 }, 't');
    assert.deepEqual([...slower.arrivals], [2, 2, 4, 4]);
    assert.equal(slower.meta.counts, 'expected');
  });

  it('scales, repeats and shifts, in that order after the window and the speedup', () => {
    const t = transformTrace(trace([1, 2, 3, 4]), { window: { start: { offset: 2 }, end: undefined }, speedup: 2, scale: 1.5, repeat: 3, shift: -10 }, 't');
    assert.deepEqual([...t.arrivals], [10.5, 10.5, 10.5]);
    assert.equal(t.startTime, 992);
  });

  it('moves kept arrivals, and thins or duplicates them under a fractional scale, seeded', () => {
    const kept = trace([2, 0, 1, 1], [0.25, 0.75, 2.5, 3.5]);
    const fast = transformTrace(kept, { speedup: 2, repeat: 2 }, 't');
    assert.deepEqual([...fast.arrivalOffsets!], [0.125, 0.375, 1.25, 1.75, 2.125, 2.375, 3.25, 3.75]);
    assert.deepEqual([...fast.arrivals], [2, 2, 2, 2]);
    const doubled = transformTrace(kept, { scale: 2 }, 't');
    assert.deepEqual([...doubled.arrivalOffsets!], [0.25, 0.25, 0.75, 0.75, 2.5, 2.5, 3.5, 3.5]);
    const a = transformTrace(kept, { scale: 1.5, seed: 7 }, 't').arrivalOffsets!;
    const b = transformTrace(kept, { scale: 1.5, seed: 7 }, 't').arrivalOffsets!;
    assert.deepEqual([...a], [...b]);
    assert.ok(a.length >= 4 && a.length <= 8);
  });

  it('rejects a window that holds no second of the trace', () => {
    assert.throws(
      () => transformTrace(trace([1, 2]), { window: { start: { offset: 5 }, end: undefined } }, 'trace.yaml'),
      (error) => isInfercapError(error) && error.message === 'trace.yaml: window: [5 s, end) holds no second of the trace, which runs 0 to 2 s from its start',
    );
  });
});
