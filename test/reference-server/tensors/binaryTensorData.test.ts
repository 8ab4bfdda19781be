import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensorDataBytes, tensorDataFromBytes } from '../../../reference-server/tensors/binaryTensorData.ts';

describe('binary tensor data', () => {
  it('lays out BYTES as Triton does: a 4-byte little-endian length, then the UTF-8 bytes, per element', () => {
    assert.deepEqual([...tensorDataBytes('BYTES', ['ab', '', 'é'])], [2, 0, 0, 0, 97, 98, 0, 0, 0, 0, 2, 0, 0, 0, 0xc3, 0xa9]);
    assert.deepEqual(tensorDataFromBytes('BYTES', tensorDataBytes('BYTES', ['ab', '', 'é']), 3), ['ab', '', 'é']);
  });

  it('reads typed values from unaligned bytes into memory of their own', () => {
    const body = Buffer.concat([Buffer.from([9]), Buffer.from(new BigInt64Array([-5n, 7n]).buffer)]);
    const data = tensorDataFromBytes('INT64', body.subarray(1), 2) as BigInt64Array;
    assert.deepEqual([...data], [-5n, 7n]);
    assert.equal(data.byteOffset, 0);
    assert.equal(data.buffer.byteLength, 16);
  });

  it('says what is wrong with bytes that do not hold the elements', () => {
    assert.equal(tensorDataFromBytes('FP32', new Uint8Array(7), 2), 'holds 7 bytes, but 2 FP32 elements take 8');
    assert.equal(tensorDataFromBytes('BOOL', Uint8Array.from([0, 1, 3]), 3), 'data[2] is byte 3, not 0 or 1 (BOOL)');
    assert.equal(tensorDataFromBytes('BYTES', Uint8Array.from([5, 0, 0, 0, 97]), 1), 'BYTES element 0 declares 5 bytes, more than remain');
    assert.equal(tensorDataFromBytes('BYTES', Uint8Array.from([0, 0, 0, 0, 1]), 1), 'holds 1 bytes beyond its 1 BYTES elements');
    assert.equal(tensorDataFromBytes('BYTES', Uint8Array.from([0, 0]), 1), 'ends inside the length of BYTES element 0 (1 elements expected)');
  });
});
