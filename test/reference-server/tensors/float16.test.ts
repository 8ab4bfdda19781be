import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromFloat16Bits, toFloat16Bits } from '../../../reference-server/tensors/float16.ts';

describe('float16', () => {
  it('rounds to the nearest binary16, ties to even, straight from the double', () => {
    const table: [number, number][] = [
      [1, 0x3c00],
      [-2, 0xc000],
      [1 / 3, 0x3555],
      [0.1, 0x2e66],
      [65504, 0x7bff],
      [65519.99, 0x7bff],
      [65520, 0x7c00],
      [2 ** -24, 0x0001],
      [2 ** -25, 0x0000], // halfway between 0 and the smallest subnormal: even is 0
      [3 * 2 ** -25, 0x0002], // halfway between 1 and 2 subnormal units: even is 2
      [2 ** -14, 0x0400],
      [1 + 2 ** -11, 0x3c00], // halfway: the even mantissa is 0
      [1 + 3 * 2 ** -11, 0x3c02], // halfway: the even mantissa is 2
      [2047.5, 0x67ff + 1], // 2047.5 → 2048 (mantissa carries into the exponent)
      [-0, 0x8000],
      [Infinity, 0x7c00],
    ];
    for (const [value, bits] of table) assert.equal(toFloat16Bits(value), bits, `${value}`);
    assert.equal(toFloat16Bits(Number.NaN), 0x7e00);
  });

  it('reads back every finite bit pattern to a value that rounds to it again', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      if (((bits >> 10) & 0x1f) === 31) continue;
      const value = fromFloat16Bits(bits);
      assert.equal(toFloat16Bits(value), bits === 0x8000 ? 0x8000 : bits, `0x${bits.toString(16)}`);
    }
  });
});
