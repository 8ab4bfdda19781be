// .npy files as numpy 2.4 wrote them (test/harness/workload/npy/, made by numpy.save and
// numpy.lib.format.write_array): every V2 datatype numpy has, strings, a scalar, format 2.0; the arrays
// numpy cannot hand us in place are refused with the fix; and what we write is byte for byte numpy's.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fromFloat16Bits } from '../../../reference-server/tensors/float16.ts';
import { readNpy, writeNpy, type NpyArray } from '../../../harness/workload/npyFile.ts';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'npy', `${name}.npy`));
function read(name: string): NpyArray {
  const array = readNpy(fixture(name));
  assert.equal(typeof array, 'object', String(array));
  return array as NpyArray;
}

describe('readNpy', () => {
  it('reads numeric arrays with their datatype and C-order shape', () => {
    const fp32 = read('fp32');
    assert.deepEqual([fp32.datatype, fp32.shape, Array.from(fp32.data as Float32Array)], ['FP32', [2, 3], [0.5, -1.25, 3, 4, 5.5, -6]]);
    const int64 = read('int64');
    assert.deepEqual([int64.datatype, int64.shape, Array.from(int64.data as BigInt64Array)], ['INT64', [3], [-9007199254740991n, 0n, 42n]]);
    const bool = read('bool');
    assert.deepEqual([bool.datatype, bool.shape, Array.from(bool.data as Uint8Array)], ['BOOL', [2, 2], [1, 0, 0, 1]]);
    const fp16 = read('fp16');
    assert.deepEqual([fp16.datatype, Array.from(fp16.data as Uint16Array, fromFloat16Bits)], ['FP16', [0.0999755859375, 65504, -2]]);
    const uint8 = read('uint8');
    assert.deepEqual([uint8.datatype, uint8.shape, Array.from(uint8.data as Uint8Array)], ['UINT8', [1, 2, 2], [0, 1, 2, 3]]);
    const scalar = read('scalar');
    assert.deepEqual([scalar.datatype, scalar.shape, Array.from(scalar.data as Float64Array)], ['FP64', [], [3.5]]);
    const v2 = read('v2');
    assert.deepEqual([v2.datatype, v2.shape, Array.from(v2.data as Int16Array)], ['INT16', [1, 3], [1, 2, 3]]);
  });

  it('reads unicode (U) and byte (S) strings as BYTES, without numpy\'s NUL padding', () => {
    assert.deepEqual(read('unicode'), { datatype: 'BYTES', shape: [3], data: ['héllo', 'ab', ''] });
    assert.deepEqual(read('bytes'), { datatype: 'BYTES', shape: [2], data: ['xy', 'z'] });
  });

  it('refuses Fortran order, big-endian and types no V2 datatype holds, saying what to do', () => {
    assert.equal(readNpy(fixture('fortran')), 'is in Fortran order; save it in C order (numpy.ascontiguousarray)');
    assert.match(String(readNpy(fixture('bigendian'))), /^has dtype >i4, which no V2 datatype holds/);
    assert.match(String(readNpy(fixture('complex'))), /^has dtype <c8, which no V2 datatype holds/);
    assert.equal(readNpy(Buffer.from('not numpy')), 'is not a .npy file (no \\x93NUMPY magic)');
    assert.equal(readNpy(fixture('fp32').subarray(0, 140)), 'holds 12 data bytes; shape (2, 3) of <f4 takes 24');
  });
});

describe('writeNpy', () => {
  it('writes what numpy.save writes, byte for byte', () => {
    for (const name of ['fp32', 'int64', 'bool', 'fp16', 'uint8', 'scalar', 'bytes']) {
      assert.deepEqual(writeNpy(read(name)), fixture(name), name);
    }
  });
});
