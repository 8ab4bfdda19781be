import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../common/prng.ts';
import { randomShift, shiftImage } from '../../models/shiftAugmentation.ts';

const image = Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9); // 3x3

describe('shiftImage', () => {
  it('moves pixels right and down, filling with zeros', () => {
    const target = new Float32Array(9).fill(-1);
    shiftImage(image, target, 3, 3, 1, 1);
    assert.deepEqual([...target], [0, 0, 0, 0, 1, 2, 0, 4, 5]);
  });

  it('moves pixels left and up', () => {
    const target = new Float32Array(9);
    shiftImage(image, target, 3, 3, -1, -2);
    assert.deepEqual([...target], [8, 9, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('copies the image unchanged for a zero shift and clears it for a shift beyond the edge', () => {
    const target = new Float32Array(9);
    shiftImage(image, target, 3, 3, 0, 0);
    assert.deepEqual(target, image);
    shiftImage(image, target, 3, 3, 3, 0);
    assert.deepEqual([...target], new Array(9).fill(0));
  });
});

describe('randomShift', () => {
  it('shifts by at most maxShift pixels, deterministically for a seed', () => {
    const one = Float32Array.from({ length: 25 }, (_, i) => (i === 12 ? 1 : 0)); // a dot in the middle of 5x5
    const shift = randomShift(5, 5, 1);
    const positions = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 50 }, () => {
        const target = new Float32Array(25);
        shift(one, target, rng);
        return target.indexOf(1);
      });
    };
    const seen = positions(4);
    assert.deepEqual(new Set(seen), new Set([6, 7, 8, 11, 12, 13, 16, 17, 18]));
    assert.deepEqual(seen, positions(4));
  });
});
