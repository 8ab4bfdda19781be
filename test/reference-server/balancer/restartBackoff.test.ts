import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crashesAfter, restartDelayMs, type RestartPolicy } from '../../../reference-server/balancer/restartBackoff.ts';

const policy: RestartPolicy = { baseDelayMs: 250, maxDelayMs: 3_000, stableAfterMs: 30_000 };

describe('restart back-off', () => {
  it('doubles the delay with each consecutive crash, capped', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => restartDelayMs(n, policy)), [250, 500, 1_000, 2_000, 3_000, 3_000]);
  });

  it('counts a crash after a stable run as a first crash again', () => {
    assert.equal(crashesAfter(4, 30_000, policy), 1);
    assert.equal(crashesAfter(4, 29_999, policy), 5);
    assert.equal(crashesAfter(0, 0, policy), 1);
  });

  it('does not overflow after very many crashes', () => {
    assert.equal(restartDelayMs(10_000, policy), 3_000);
  });
});
