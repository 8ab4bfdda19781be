import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReplicaView } from '../../../../reference-server/balancer/strategies/balancingStrategy.ts';
import {
  decayedLatencyMs,
  LeastResponseTime,
  observePeakEwma,
} from '../../../../reference-server/balancer/strategies/leastResponseTime.ts';

const replica = (id: number, inFlight = 0, healthy = true): ReplicaView => ({ id, weight: 1, inFlight, healthy });
const TAU = 10_000;

describe('observePeakEwma', () => {
  it('starts at the first observation', () => {
    assert.deepEqual(observePeakEwma(undefined, 12, 1_000, TAU), { latencyMs: 12, atMs: 1_000 });
  });

  it('jumps at once to a higher observation (the peak)', () => {
    assert.deepEqual(observePeakEwma({ latencyMs: 10, atMs: 0 }, 500, 1, TAU), { latencyMs: 500, atMs: 1 });
  });

  it('averages a lower observation in with weight 1 - e^(-Δt/τ)', () => {
    const w = Math.exp(-1);
    assert.deepEqual(observePeakEwma({ latencyMs: 500, atMs: 0 }, 10, TAU, TAU), {
      latencyMs: 500 * w + 10 * (1 - w),
      atMs: TAU,
    });
    // No time elapsed: a lower observation does not move the estimate.
    assert.deepEqual(observePeakEwma({ latencyMs: 500, atMs: 0 }, 10, 0, TAU), { latencyMs: 500, atMs: 0 });
  });
});

describe('decayedLatencyMs', () => {
  it('decays toward zero with time constant τ when read later', () => {
    assert.equal(decayedLatencyMs({ latencyMs: 100, atMs: 0 }, 0, TAU), 100);
    assert.equal(decayedLatencyMs({ latencyMs: 100, atMs: 0 }, 2 * TAU, TAU), 100 * Math.exp(-2));
  });
});

describe('LeastResponseTime', () => {
  it('prefers the faster replica, until its outstanding load outweighs the difference', () => {
    const strategy = new LeastResponseTime(TAU);
    strategy.onRequestEnd(1, 10, 0);
    strategy.onRequestEnd(2, 50, 0);
    assert.equal(strategy.pick([replica(1), replica(2)], 0), 1);
    assert.equal(strategy.pick([replica(1, 4), replica(2)], 0), 2); // 10 × 5 = 50 ties 50 × 1: the turn after 1 is 2
    assert.equal(strategy.pick([replica(1, 5), replica(2)], 0), 2); // 10 × 6 = 60 > 50
  });

  it('reacts at once to a latency spike on a replica', () => {
    const strategy = new LeastResponseTime(TAU);
    strategy.onRequestEnd(1, 10, 0);
    strategy.onRequestEnd(2, 10, 0);
    assert.equal(strategy.pick([replica(1, 1), replica(2)], 100), 2);
    strategy.onRequestEnd(2, 500, 100);
    assert.equal(strategy.latencyEstimateMs(2, 100), 500);
    // Replica 1 with 10 in flight costs about 10 × 11 = 110, still far below 500.
    assert.equal(strategy.pick([replica(1, 10), replica(2)], 100), 1);
  });

  it('decays back after the spike as fast responses come in', () => {
    const strategy = new LeastResponseTime(TAU);
    strategy.onRequestEnd(1, 10, 0);
    strategy.onRequestEnd(2, 500, 0);
    assert.equal(strategy.pick([replica(1, 1), replica(2)], 0), 1);
    // Both answer in 10 ms, once a second, for a minute and a half.
    for (let t = 1_000; t <= 90_000; t += 1_000) {
      strategy.onRequestEnd(1, 10, t);
      strategy.onRequestEnd(2, 10, t);
    }
    const estimate = strategy.latencyEstimateMs(2, 90_000)!;
    assert.ok(estimate > 10 && estimate < 10.1, `estimate ${estimate}`);
    assert.equal(strategy.pick([replica(1, 1), replica(2)], 90_000), 2);
  });

  it('tries an unmeasured idle replica first, then sends it nothing more until it answers', () => {
    const strategy = new LeastResponseTime(TAU);
    strategy.onRequestEnd(1, 10, 0);
    assert.equal(strategy.pick([replica(1), replica(2)], 0), 2);
    assert.equal(strategy.pick([replica(1, 50), replica(2, 1)], 0), 1);
    assert.equal(strategy.latencyEstimateMs(2, 0), undefined);
  });

  it('takes turns among idle unmeasured replicas', () => {
    const strategy = new LeastResponseTime(TAU);
    const idle = [replica(1), replica(2), replica(3)];
    assert.deepEqual([strategy.pick(idle, 0), strategy.pick(idle, 0), strategy.pick(idle, 0)], [1, 2, 3]);
  });

  it('never picks an unhealthy replica, and returns undefined when none is healthy', () => {
    const strategy = new LeastResponseTime(TAU);
    strategy.onRequestEnd(1, 1, 0);
    strategy.onRequestEnd(2, 100, 0);
    assert.equal(strategy.pick([replica(1, 0, false), replica(2, 3)], 0), 2);
    assert.equal(strategy.pick([replica(1, 0, false)], 0), undefined);
  });
});
