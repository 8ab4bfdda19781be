import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng, permutation, shuffleInPlace } from '../../common/prng.ts';

const take = (seed: number, n: number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng (mulberry32)', () => {
  it('gives the same sequence for the same seed', () => {
    assert.deepEqual(take(42, 1000), take(42, 1000));
  });

  it('gives the reference mulberry32 values for seed 1', () => {
    // Reference: the canonical mulberry32 (Tommy Ettinger) as a uint32, divided by 2^32.
    const rng = createRng(1);
    assert.deepEqual(
      [rng.next(), rng.next(), rng.next()].map((value) => Math.round(value * 4294967296)),
      [2693262067, 11749833, 2265367787],
    );
  });

  it('gives different sequences for different seeds', () => {
    assert.notDeepEqual(take(1, 10), take(2, 10));
  });

  it('draws uniform floats in [0, 1) and integers in [0, bound)', () => {
    const rng = createRng(7);
    for (let i = 0; i < 10_000; i++) {
      const value = rng.next();
      assert.ok(value >= 0 && value < 1);
      const integer = rng.nextInt(10);
      assert.ok(Number.isInteger(integer) && integer >= 0 && integer < 10);
    }
  });

  it('draws standard normals with mean ≈ 0 and variance ≈ 1', () => {
    const rng = createRng(3);
    const n = 50_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const value = rng.normal();
      sum += value;
      squares += value * value;
    }
    assert.ok(Math.abs(sum / n) < 0.02, `mean ${sum / n}`);
    assert.ok(Math.abs(squares / n - 1) < 0.02, `variance ${squares / n}`);
  });
});

describe('permutation and shuffleInPlace', () => {
  it('returns every index exactly once, in a seeded order', () => {
    const order = permutation(100, createRng(5));
    assert.deepEqual([...order].sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i));
    assert.deepEqual(order, permutation(100, createRng(5)));
    assert.notDeepEqual([...order], Array.from({ length: 100 }, (_, i) => i));
  });

  it('shuffles in place and returns the same array', () => {
    const items = Uint32Array.of(1, 2, 3, 4);
    assert.equal(shuffleInPlace(items, createRng(9)), items);
    assert.deepEqual([...items].sort(), [1, 2, 3, 4]);
  });
});
