import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { concatRows, splitRows } from '../../../reference-server/batching/rowTensors.ts';

const tensor = (name: string, rows: number, width: number, start: number) => ({
  name,
  datatype: 'FP32' as const,
  shape: [rows, width],
  data: Float32Array.from({ length: rows * width }, (_, i) => start + i),
});

describe('concatRows and splitRows', () => {
  it('joins requests row-wise per input and gives every request exactly its rows back', () => {
    const requests = [[tensor('x', 1, 2, 0)], [tensor('x', 3, 2, 100)], [tensor('x', 2, 2, 200)]];
    const [joined] = concatRows(requests, [true]);
    assert.deepEqual(joined!.shape, [6, 2]);
    assert.deepEqual(Array.from(joined!.data as Float32Array), [0, 1, 100, 101, 102, 103, 104, 105, 200, 201, 202, 203]);

    const split = splitRows([joined!], [1, 3, 2]);
    assert.deepEqual(split.map((outputs) => outputs[0]!.shape), [[1, 2], [3, 2], [2, 2]]);
    assert.deepEqual(split.map((outputs) => Array.from(outputs[0]!.data as Float32Array)), requests.map((r) => Array.from(r[0]!.data as Float32Array)));
  });

  it('splits every output of a multi-output batch', () => {
    const split = splitRows([tensor('a', 3, 1, 0), tensor('b', 3, 2, 10)], [2, 1]);
    assert.deepEqual(Array.from(split[1]![0]!.data as Float32Array), [2]);
    assert.deepEqual(Array.from(split[1]![1]!.data as Float32Array), [14, 15]);
  });
});
