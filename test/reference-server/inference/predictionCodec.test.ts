import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePrediction, encodePrediction } from '../../../reference-server/inference/predictionCodec.ts';

describe('prediction codec', () => {
  it('round-trips names, shapes and exact float bits', () => {
    const outputs = [
      { name: 'probabilities', datatype: 'FP32' as const, shape: [2, 3], data: Float32Array.from([0.1, 0.2, 0.7, 1e-30, -0, 3.4e38]) },
      { name: 'other', datatype: 'FP32' as const, shape: [2, 1], data: Float32Array.from([1, 2]) },
    ];
    const decoded = decodePrediction(encodePrediction(outputs));
    assert.deepEqual(decoded, outputs);
  });

  it('round-trips every other datatype, BYTES and 64-bit integers included', () => {
    const outputs = [
      { name: 'ids', datatype: 'INT64' as const, shape: [2], data: BigInt64Array.from([-(2n ** 63n), 2n ** 62n + 1n]) },
      { name: 'mask', datatype: 'BOOL' as const, shape: [3], data: Uint8Array.from([1, 0, 1]) },
      { name: 'text', datatype: 'BYTES' as const, shape: [2], data: ['héllo', ''] },
      { name: 'half', datatype: 'FP16' as const, shape: [1], data: Uint16Array.from([0x3c00]) },
    ];
    assert.deepEqual(decodePrediction(encodePrediction(outputs)), outputs);
  });

  it('treats bytes it did not write as a miss', () => {
    assert.equal(decodePrediction(Buffer.from('not a prediction')), undefined);
    const valid = encodePrediction([{ name: 'p', datatype: 'FP32', shape: [1, 2], data: Float32Array.from([1, 2]) }]);
    assert.equal(decodePrediction(valid.subarray(0, valid.length - 1)), undefined);
  });
});
