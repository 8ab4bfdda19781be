import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dequantizeWeights, quantizeChannelsInt8, quantizeWeightsInt8, roundHalfToEven, transpose } from '../../models/weightQuantization.ts';

describe('roundHalfToEven', () => {
  it('rounds ties to the even neighbour and everything else to the nearest integer', () => {
    assert.deepEqual([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 1.4, 1.6, -1.6].map(roundHalfToEven), [0, 2, 2, 0, -2, -2, 1, 2, -2]);
  });
});

describe('transpose', () => {
  it('transposes a row-major matrix', () => {
    assert.deepEqual([...transpose(Float32Array.of(1, 2, 3, 4, 5, 6), 2, 3)], [1, 4, 2, 5, 3, 6]);
  });
});

describe('quantizeWeightsInt8', () => {
  // 2 x 2: columns have max |w| of 2.54 and 0.127.
  const weights = Float32Array.of(2.54, 0.127, -1.3, -0.0633);

  it('per tensor: one scale max|w|/127, zero point 0, symmetric', () => {
    const { values, scales } = quantizeWeightsInt8(weights, 2, 2, 'per-tensor');
    assert.deepEqual([...scales], [Math.fround(2.54 / 127)]);
    assert.deepEqual([...values], [127, 6, -65, -3]);
  });

  it('per column: one scale per output column', () => {
    const { values, scales } = quantizeWeightsInt8(weights, 2, 2, 'per-column');
    assert.deepEqual([...scales], [Math.fround(2.54 / 127), Math.fround(0.127 / 127)]);
    assert.deepEqual([...values], [127, 127, -65, -63]);
  });

  it('with reduceRange uses 7-bit weights (±63)', () => {
    const { values, scales } = quantizeWeightsInt8(weights, 2, 2, 'per-tensor', true);
    assert.deepEqual([...scales], [Math.fround(2.54 / 63)]);
    assert.equal(Math.max(...values.map(Math.abs)), 63);
  });

  it('gives an all-zero column scale 1 and values 0', () => {
    const { values, scales } = quantizeWeightsInt8(Float32Array.of(0, 1, 0, -1), 2, 2, 'per-column');
    assert.deepEqual([...scales], [1, Math.fround(1 / 127)]);
    assert.deepEqual([...values], [0, 127, 0, -127]);
  });

  it('dequantizes to within half a step of the original weights', () => {
    for (const granularity of ['per-tensor', 'per-column'] as const) {
      const quantized = quantizeWeightsInt8(weights, 2, 2, granularity);
      const restored = dequantizeWeights(quantized, 2, 2);
      restored.forEach((value, i) => {
        const step = quantized.scales[granularity === 'per-column' ? i % 2 : 0]!;
        assert.ok(Math.abs(value - weights[i]!) <= step / 2 + 1e-7, `${granularity} ${i}`);
      });
    }
  });

  it('refuses a shape that does not match the data', () => {
    assert.throws(() => quantizeWeightsInt8(weights, 3, 2, 'per-tensor'), RangeError);
  });
});

describe('quantizeChannelsInt8', () => {
  // Two output channels of a [2, 1, 2, 2] Conv weight: channel 0 peaks at 2, channel 1 at 0.5.
  const conv = Float32Array.of(2, -1, 0.5, 0, 0.5, 0.25, -0.125, 0);

  it('gives each output channel (axis 0) its own scale max|w|/127 and keeps the layout', () => {
    const { values, scales } = quantizeChannelsInt8(conv, 2, 'per-column');
    assert.deepEqual(Array.from(scales), [Math.fround(2 / 127), Math.fround(0.5 / 127)]);
    // -1 and 0.25 sit at half of their channel's peak: ±63.5 steps, which round to ±64; 0.5/2 → 31.75 → 32.
    assert.deepEqual(Array.from(values), [127, -64, 32, 0, 127, 64, -32, 0]);
  });

  it('uses one scale for all channels per tensor, and refuses a size that does not split into channels', () => {
    assert.deepEqual(Array.from(quantizeChannelsInt8(conv, 2, 'per-tensor').scales), [Math.fround(2 / 127)]);
    assert.throws(() => quantizeChannelsInt8(conv, 3, 'per-column'), RangeError);
  });
});
