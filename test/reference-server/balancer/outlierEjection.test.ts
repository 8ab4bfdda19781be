import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialOutlierState, isEjected, recordOutcome, type EjectionPolicy, type OutlierState } from '../../../reference-server/balancer/outlierEjection.ts';

const policy: EjectionPolicy = { consecutiveFailures: 3, baseEjectionMs: 1_000, maxEjectionMs: 2_500 };
const fold = (state: OutlierState, outcomes: readonly [failed: boolean, nowMs: number][]) =>
  outcomes.reduce((s, [failed, nowMs]) => recordOutcome(s, failed, nowMs, policy), state);

describe('outlier ejection', () => {
  it('ejects on the third consecutive failure, for the base period from that moment', () => {
    const state = fold(initialOutlierState, [[true, 10], [true, 20], [true, 30]]);
    assert.deepEqual(state, { consecutiveFailures: 0, ejectedUntilMs: 1_030, ejections: 1 });
    assert.equal(isEjected(state, 1_029), true);
    assert.equal(isEjected(state, 1_030), false);
  });

  it('a success breaks the run of failures', () => {
    const state = fold(initialOutlierState, [[true, 1], [true, 2], [false, 3], [true, 4], [true, 5]]);
    assert.deepEqual(state, { consecutiveFailures: 2, ejectedUntilMs: 0, ejections: 0 });
  });

  it('failures of requests in flight during an ejection neither extend nor repeat it', () => {
    const ejected = fold(initialOutlierState, [[true, 0], [true, 0], [true, 0]]);
    assert.deepEqual(fold(ejected, [[true, 100], [true, 200], [true, 300]]), ejected);
  });

  it('each further ejection lasts one base period longer, up to the maximum', () => {
    let state = initialOutlierState;
    const periods: number[] = [];
    for (let round = 0, now = 0; round < 4; round++) {
      state = fold(state, [[true, now], [true, now], [true, now]]);
      periods.push(state.ejectedUntilMs - now);
      now = state.ejectedUntilMs;
    }
    assert.deepEqual(periods, [1_000, 2_000, 2_500, 2_500]);
    assert.equal(state.ejections, 4);
  });

  it('returns the same record for a success with no failures to reset', () => {
    assert.equal(recordOutcome(initialOutlierState, false, 5, policy), initialOutlierState);
  });
});
