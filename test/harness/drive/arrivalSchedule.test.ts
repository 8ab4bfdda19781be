import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arrivalSchedule, expectedArrivals, type ArrivalScheduleOptions } from '../../../harness/drive/arrivalSchedule.ts';

const times = (options: ArrivalScheduleOptions) => [...arrivalSchedule(options)];
const gaps = (values: readonly number[]) => values.slice(1).map((value, i) => value - values[i]!);

describe('arrivalSchedule, constant', () => {
  it('spaces arrivals exactly 1/rate apart from 0', () => {
    assert.deepEqual(times({ rate: 4, durationMs: 1000, arrivals: 'constant' }), [0, 250, 500, 750]);
    assert.deepEqual(times({ rate: 2000, durationMs: 5, arrivals: 'constant' }), [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5]);
  });

  it('puts exactly the integral of a ramp in the phase: 10→30 req/s over 10 s is 200 arrivals', () => {
    const options = { rate: 10, rampTo: 30, durationMs: 10_000, arrivals: 'constant' } as const;
    const ramp = times(options);
    assert.equal(expectedArrivals(options), 200);
    assert.equal(ramp.length, 200);
    // Λ(t) = 0.01·t + 1e-6·t² reaches 100 at t = (√5 − 1)·5000 ms.
    assert.ok(Math.abs(ramp[100]! - (Math.sqrt(5) - 1) * 5000) < 1e-9);
    assert.ok(gaps(ramp).every((gap, i, all) => gap > 0 && (i === 0 || gap < all[i - 1]!)), 'gaps shrink as the rate rises');
    assert.ok(ramp.at(-1)! < 10_000);
  });

  it('ramps down to zero without a non-finite time', () => {
    const ramp = times({ rate: 30, rampTo: 0, durationMs: 10_000, arrivals: 'constant' });
    assert.equal(ramp.length, 150);
    assert.ok(ramp.every((t) => Number.isFinite(t) && t >= 0 && t < 10_000));
  });

  it('has no arrivals at rate 0 and one at 0 for a fraction of an arrival', () => {
    assert.deepEqual(times({ rate: 0, durationMs: 1000, arrivals: 'constant' }), []);
    assert.deepEqual(times({ rate: 0.5, durationMs: 1000, arrivals: 'constant' }), [0]);
  });
});

describe('arrivalSchedule, poisson', () => {
  const poisson = { rate: 1000, durationMs: 60_000, arrivals: 'poisson', seed: 42 } as const;

  it('gives the same times for the same seed and different ones for another', () => {
    const first = times(poisson);
    assert.deepEqual(times(poisson), first);
    assert.notDeepEqual(times({ ...poisson, seed: 43 }).slice(0, 10), first.slice(0, 10));
  });

  it('has the mean rate within 4 σ (exactly 59,800 arrivals for seed 42) and exponential gaps', () => {
    const arrivals = times(poisson);
    assert.ok(Math.abs(arrivals.length - 60_000) < 4 * Math.sqrt(60_000), `${arrivals.length} arrivals`);
    assert.equal(arrivals.length, 59_800);
    const spacing = gaps(arrivals);
    const mean = spacing.reduce((sum, gap) => sum + gap, 0) / spacing.length;
    const sd = Math.sqrt(spacing.reduce((sum, gap) => sum + (gap - mean) ** 2, 0) / spacing.length);
    assert.ok(Math.abs(mean - 1) < 0.02, `mean gap ${mean}`);
    assert.ok(Math.abs(sd / mean - 1) < 0.03, `coefficient of variation ${sd / mean}`); // 1 for an exponential
    assert.ok(arrivals.every((t, i) => t >= 0 && t < 60_000 && (i === 0 || t >= arrivals[i - 1]!)));
  });

  it('follows a ramp: 100→300 req/s over 60 s has 12,000 arrivals within 4 σ, three times denser at the end', () => {
    const arrivals = times({ rate: 100, rampTo: 300, durationMs: 60_000, arrivals: 'poisson', seed: 7 });
    assert.ok(Math.abs(arrivals.length - 12_000) < 4 * Math.sqrt(12_000), `${arrivals.length} arrivals`);
    const firstTenSeconds = arrivals.filter((t) => t < 10_000).length; // expected 1,167
    const lastTenSeconds = arrivals.filter((t) => t >= 50_000).length; // expected 2,833
    assert.ok(lastTenSeconds / firstTenSeconds > 2 && lastTenSeconds / firstTenSeconds < 3, `${firstTenSeconds} then ${lastTenSeconds}`);
  });
});

describe('arrivalSchedule, in general', () => {
  it('is lazy: an endless-looking phase yields its first arrivals at once', () => {
    const iterator = arrivalSchedule({ rate: 1e6, durationMs: 1e12, arrivals: 'poisson' });
    const first = [iterator.next().value, iterator.next().value, iterator.next().value];
    assert.ok(first.every((t) => typeof t === 'number' && t < 1));
  });

  it('rejects negative or non-finite rates and non-positive durations when called', () => {
    assert.throws(() => arrivalSchedule({ rate: -1, durationMs: 1000, arrivals: 'constant' }), RangeError);
    assert.throws(() => arrivalSchedule({ rate: 1, rampTo: Number.NaN, durationMs: 1000, arrivals: 'constant' }), RangeError);
    assert.throws(() => arrivalSchedule({ rate: 1, durationMs: 0, arrivals: 'poisson' }), RangeError);
  });
});
