import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePrediction, encodePrediction } from '../../../reference-server/inference/predictionCodec.ts';

describe('prediction codec', () => {
  it('round-trips names, shapes and exact float bits', () => {
    const outputs = [
      { name: 'probabilities', shape: [2, 3], data: Float32Array.from([0.1, 0.2, 0.7, 1e-30, -0, 3.4e38]) },
      { name: 'other', shape: [2, 1], data: Float32Array.from([1, 2]) },
    ];
    const decoded = decodePrediction(encodePrediction(outputs));
    assert.deepEqual(decoded, outputs);
  });

  it('treats bytes it did not write as a miss', () => {
    assert.equal(decodePrediction(Buffer.from('not a prediction')), undefined);
    const valid = encodePrediction([{ name: 'p', shape: [1, 2], data: Float32Array.from([1, 2]) }]);
    assert.equal(decodePrediction(valid.subarray(0, valid.length - 1)), undefined);
  });
});
