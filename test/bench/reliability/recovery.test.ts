import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recoveryTimeMs, type TimedAnswer } from '../../../bench/reliability/recovery.ts';

/** One answer every 50 ms from `fromMs` with the given latencies. */
const answers = (fromMs: number, latencies: readonly number[], failedAt: readonly number[] = []): TimedAnswer[] =>
  latencies.map((latencyMs, i) => ({ intendedMs: fromMs + i * 50, latencyMs, ok: !failedAt.includes(i) }));

describe('recoveryTimeMs', () => {
  it('is 0 when latency never left the bound', () => {
    assert.equal(recoveryTimeMs(answers(1_000, [5, 6, 7, 5, 6, 7, 5, 6]), 1_000, 10, 100, 2), 0);
  });

  it('is the start of the first stretch of windows that holds within the bound', () => {
    // Windows of 100 ms hold two answers each: slow, slow, fine, slow again, then fine for two windows.
    const latencies = [90, 80, 40, 30, 5, 6, 20, 6, 5, 5, 6, 6];
    assert.equal(recoveryTimeMs(answers(0, latencies), 0, 10, 100, 2), 400);
    assert.equal(recoveryTimeMs(answers(0, latencies), 0, 10, 100, 1), 200);
  });

  it('keeps a recovery that held when a later window strays over the bound', () => {
    assert.equal(recoveryTimeMs(answers(0, [50, 50, 5, 5, 5, 5, 50, 5]), 0, 10, 100, 2), 100);
  });

  it('counts a failed answer against its window, and ignores answers due before the start', () => {
    const early = { intendedMs: -500, latencyMs: 1_000, ok: false };
    assert.equal(recoveryTimeMs([early, ...answers(0, [5, 5, 5, 5, 5, 5, 5, 5], [2])], 0, 10, 100, 2), 200);
  });

  it('is null when no stretch held long enough, or nothing was answered', () => {
    assert.equal(recoveryTimeMs(answers(0, [5, 5, 50, 50, 5, 5]), 0, 10, 100, 2), null);
    assert.equal(recoveryTimeMs([], 0, 10, 100, 2), null);
  });
});
