import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../../common/prng.ts';
import { logFactorial, samplePoisson } from '../../../simulator/trace/poisson.ts';

describe('samplePoisson', () => {
  it('has the mean and variance of a Poisson variate, below and above the method switch at 10', () => {
    const rng = createRng(9);
    for (const mean of [0.5, 3, 25, 400]) {
      const n = 200_000;
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < n; i++) {
        const k = samplePoisson(rng, mean);
        assert.ok(Number.isInteger(k) && k >= 0);
        sum += k;
        squares += k * k;
      }
      const sampleMean = sum / n;
      const variance = squares / n - sampleMean ** 2;
      assert.ok(Math.abs(sampleMean / mean - 1) < 0.01, `mean ${mean}: ${sampleMean}`);
      assert.ok(Math.abs(variance / mean - 1) < 0.03, `variance ${mean}: ${variance}`);
    }
  });

  it('is 0 for a mean of 0', () => {
    assert.equal(samplePoisson(createRng(1), 0), 0);
  });
});

describe('logFactorial', () => {
  it('matches log(k!) computed directly', () => {
    let exact = 0;
    for (let k = 0; k <= 60; k++) {
      if (k > 0) exact += Math.log(k);
      assert.ok(Math.abs(logFactorial(k) - exact) < 1e-9, `k = ${k}`);
    }
  });
});
