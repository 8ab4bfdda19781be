import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReplicaView } from '../../../../reference-server/balancer/strategies/balancingStrategy.ts';
import { RoundRobin } from '../../../../reference-server/balancer/strategies/roundRobin.ts';

const replica = (id: number, healthy = true): ReplicaView => ({ id, weight: 1, inFlight: 0, healthy });

describe('RoundRobin', () => {
  it('cycles through the replicas in id order, whatever order they are given in', () => {
    const strategy = new RoundRobin();
    const fleet = [replica(3), replica(1), replica(2)];
    assert.deepEqual(
      Array.from({ length: 7 }, () => strategy.pick(fleet)),
      [1, 2, 3, 1, 2, 3, 1],
    );
  });

  it('skips an unhealthy replica and takes it back in its turn once healthy', () => {
    const strategy = new RoundRobin();
    assert.equal(strategy.pick([replica(1), replica(2), replica(3)]), 1);
    const degraded = [replica(1), replica(2, false), replica(3)];
    assert.deepEqual([strategy.pick(degraded), strategy.pick(degraded)], [3, 1]);
    const recovered = [replica(1), replica(2), replica(3)];
    assert.deepEqual([strategy.pick(recovered), strategy.pick(recovered)], [2, 3]);
  });

  it('returns undefined when no replica is healthy', () => {
    assert.equal(new RoundRobin().pick([replica(1, false), replica(2, false)]), undefined);
    assert.equal(new RoundRobin().pick([]), undefined);
  });
});
