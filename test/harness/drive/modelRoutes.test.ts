import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mixSeed, weightedChooser } from '../../../harness/drive/modelRoutes.ts';
import { createRng } from '../../../common/prng.ts';

const draw = (pick: () => number, n: number) => Array.from({ length: n }, pick);

describe('weightedChooser', () => {
  it('picks index i when the draw falls in its share of [0, 1), from the seeded mulberry32 sequence', () => {
    const rng = createRng(7);
    const expected = Array.from({ length: 50 }, () => {
      const u = rng.next();
      return u < 0.8 ? 0 : 1;
    });
    assert.deepEqual(draw(weightedChooser([80, 20], 7), 50), expected);
  });

  it('gives the same sequence for the same seed and another for another seed', () => {
    assert.deepEqual(draw(weightedChooser([1, 2, 3], 42), 200), draw(weightedChooser([1, 2, 3], 42), 200));
    assert.notDeepEqual(draw(weightedChooser([1, 2, 3], 42), 200), draw(weightedChooser([1, 2, 3], 43), 200));
  });

  it('follows relative weights: 3:1 gives about three quarters to the first over 10,000 picks', () => {
    const picks = draw(weightedChooser([3, 1], 1), 10_000);
    const first = picks.filter((index) => index === 0).length;
    // Binomial(10,000, 0.75): sd ≈ 43, so ±300 is 7 sd; the exact count is fixed by the seed anyway.
    assert.ok(Math.abs(first - 7500) < 300, `${first}`);
    assert.equal(picks.length - first, picks.filter((index) => index === 1).length);
  });

  it('always picks the one model of a one-model mix', () => {
    assert.deepEqual(draw(weightedChooser([5], 1), 5), [0, 0, 0, 0, 0]);
  });

  it('refuses empty, zero, negative or infinite weights', () => {
    for (const weights of [[], [0, 1], [-1, 2], [Infinity]]) assert.throws(() => weightedChooser(weights, 1), RangeError);
  });

  it('derives a seed apart from the phase seed, the same every time', () => {
    assert.equal(mixSeed(12), mixSeed(12));
    assert.notEqual(mixSeed(12), 12);
    assert.notEqual(mixSeed(12), mixSeed(13));
  });
});
