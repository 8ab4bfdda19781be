import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocateData, type Datatype } from '../../../reference-server/tensors/datatypes.ts';
import { storeJsonValue, tensorDataJson } from '../../../reference-server/tensors/jsonTensorData.ts';

const store = (datatype: Datatype, value: unknown) => {
  const target = allocateData(datatype, 1);
  const problem = storeJsonValue(datatype, value, target, 0);
  return problem ?? target[0];
};

describe('JSON tensor values', () => {
  it('stores values within their datatype and says why others are refused', () => {
    assert.equal(store('INT8', -128), -128);
    assert.equal(store('INT8', -129), 'is -129, out of range for INT8 (-128 to 127)');
    assert.equal(store('UINT32', 4_294_967_295), 4_294_967_295);
    assert.equal(store('UINT32', 2.5), 'is 2.5, not an integer (UINT32)');
    assert.equal(store('INT64', -9_007_199_254_740_991), -9_007_199_254_740_991n);
    assert.equal(store('INT64', 2 ** 60), 'is 1152921504606847000, beyond ±2^53, which JSON cannot carry exactly; send it as binary tensor data');
    assert.equal(store('UINT64', -1), 'is -1, out of range for UINT64');
    assert.equal(store('BOOL', true), 1);
    assert.equal(store('BOOL', 0), 'is 0, not true or false (BOOL)');
    assert.equal(store('BYTES', 'ok'), 'ok');
    assert.equal(store('BYTES', null), 'is null, not a string (BYTES)');
    assert.equal(store('FP16', 1 / 3), 0x3555);
    assert.equal(store('FP16', -70000), 'is -70000, out of range for FP16 (±65504)');
    assert.equal(store('FP32', 3.5e38), 'is 3.5e+38, out of range for FP32');
    assert.equal(store('FP64', 3.5e38), 3.5e38);
    assert.equal(store('FP64', [1]), 'is an array, not a number (FP64)');
  });

  it('writes 64-bit integers with their exact digits, BOOL as true/false, FP16 as numbers and non-finite floats as null', () => {
    assert.equal(tensorDataJson('INT64', BigInt64Array.from([-(2n ** 63n), 2n ** 62n + 1n])), '[-9223372036854775808,4611686018427387905]');
    assert.equal(tensorDataJson('UINT64', BigUint64Array.from([2n ** 64n - 1n])), '[18446744073709551615]');
    assert.equal(tensorDataJson('BOOL', Uint8Array.from([1, 0])), '[true,false]');
    assert.equal(tensorDataJson('FP16', Uint16Array.from([0x3c00, 0x3555])), '[1,0.333251953125]');
    assert.equal(tensorDataJson('FP32', Float32Array.from([0.5, Number.NaN])), '[0.5,null]');
    assert.equal(tensorDataJson('BYTES', ['a"b']), '["a\\"b"]');
  });
});
