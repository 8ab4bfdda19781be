import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReplicaView } from '../../../../reference-server/balancer/strategies/balancingStrategy.ts';
import { SmoothWeightedRoundRobin } from '../../../../reference-server/balancer/strategies/smoothWeightedRoundRobin.ts';

const replica = (id: number, weight: number, healthy = true): ReplicaView => ({ id, weight, inFlight: 0, healthy });
const picks = (strategy: SmoothWeightedRoundRobin, replicas: readonly ReplicaView[], count: number) =>
  Array.from({ length: count }, () => strategy.pick(replicas));

describe('SmoothWeightedRoundRobin', () => {
  const fleet = [replica(1, 5), replica(2, 1), replica(3, 1)];

  it('gives nginx\'s sequence a a b a c a a for weights 5:1:1, and repeats it', () => {
    assert.deepEqual(picks(new SmoothWeightedRoundRobin(), fleet, 14), [1, 1, 2, 1, 3, 1, 1, 1, 1, 2, 1, 3, 1, 1]);
  });

  it('with equal weights is plain round robin in the given order', () => {
    assert.deepEqual(picks(new SmoothWeightedRoundRobin(), [replica(1, 1), replica(2, 1), replica(3, 1)], 6), [1, 2, 3, 1, 2, 3]);
  });

  it('skips an unhealthy replica and shares by the healthy weights (5:1 → a a a c a a)', () => {
    const degraded = [replica(1, 5), replica(2, 1, false), replica(3, 1)];
    assert.deepEqual(picks(new SmoothWeightedRoundRobin(), degraded, 6), [1, 1, 1, 3, 1, 1]);
  });

  it('returns undefined when no replica is healthy', () => {
    assert.equal(new SmoothWeightedRoundRobin().pick([replica(1, 5, false), replica(2, 1, false)]), undefined);
  });
});
