import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockLengthOf, drawBlocks } from '../../../harness/gate/blockBootstrap.ts';
import { createRng, type Rng } from '../../../common/prng.ts';

/** An Rng whose nextInt returns `starts` in turn: the block starts of a resample, chosen by the test. */
const startsAt = (starts: readonly number[]): Rng => {
  let i = 0;
  return { next: () => 0, normal: () => 0, nextInt: () => starts[i++]! };
};

describe('blockLengthOf', () => {
  it('is the cube root of the length for a series without dependence, and 1 for very short ones', () => {
    const white = createRng(3);
    const noise = Array.from({ length: 64 }, () => white.normal());
    assert.equal(blockLengthOf(noise), 4);
    assert.equal(blockLengthOf(Array.from({ length: 27 }, () => 5)), 3);
    assert.deepEqual([blockLengthOf([]), blockLengthOf([1, 2])], [1, 1]);
  });

  it('grows to cover a dependence that lasts, up to a third of the series', () => {
    // Slow spells of 16 seconds: neighbours are alike well past ∛64 = 4 lags (the autocorrelation first
    // falls inside ±2/√64 at lag 7).
    const spells = Array.from({ length: 64 }, (_, t) => (Math.floor(t / 16) % 2 === 0 ? 10 : 20));
    assert.equal(blockLengthOf(spells), 7);
    // A stall every third second correlates at every multiple of 3 lags: the cap, 60 / 3.
    assert.equal(blockLengthOf(Array.from({ length: 60 }, (_, t) => (t % 3 === 2 ? 300 : 10))), 20);
  });
});

describe('drawBlocks', () => {
  it('takes blocks of consecutive seconds from the drawn starts, wrapping around, cutting the last to fit', () => {
    const weights = [new Float64Array(5), new Float64Array(3)];
    drawBlocks(weights, [2, 1], startsAt([4, 1, 3, 2, 2, 0]));
    assert.deepEqual([...weights[0]!], [1, 1, 1, 1, 1]);
    assert.deepEqual([...weights[1]!], [1, 0, 2]);
    drawBlocks(weights, [2, 3], startsAt([0, 0, 0, 1]));
    assert.deepEqual([...weights[0]!], [3, 2, 0, 0, 0]);
    assert.deepEqual([...weights[1]!], [1, 1, 1]);
  });

  it('keeps every stratum its size', () => {
    const weights = [new Float64Array(7), new Float64Array(11)];
    const rng = createRng(9);
    for (let r = 0; r < 50; r++) {
      drawBlocks(weights, [3, 4], rng);
      assert.deepEqual(weights.map((w) => w.reduce((a, b) => a + b, 0)), [7, 11]);
    }
  });
});
