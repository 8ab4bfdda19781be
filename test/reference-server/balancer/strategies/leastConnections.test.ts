import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReplicaView } from '../../../../reference-server/balancer/strategies/balancingStrategy.ts';
import { LeastConnections } from '../../../../reference-server/balancer/strategies/leastConnections.ts';

const replica = (id: number, inFlight: number, healthy = true): ReplicaView => ({ id, weight: 1, inFlight, healthy });

describe('LeastConnections', () => {
  it('picks the replica with the fewest in flight', () => {
    const strategy = new LeastConnections();
    assert.equal(strategy.pick([replica(1, 4), replica(2, 1), replica(3, 7)]), 2);
    assert.equal(strategy.pick([replica(1, 0), replica(2, 1), replica(3, 7)]), 1);
  });

  it('takes turns by id among replicas tied for the fewest', () => {
    const strategy = new LeastConnections();
    const idle = [replica(1, 0), replica(2, 0), replica(3, 0)];
    assert.deepEqual([strategy.pick(idle), strategy.pick(idle), strategy.pick(idle), strategy.pick(idle)], [1, 2, 3, 1]);
    const twoTied = [replica(1, 2), replica(2, 5), replica(3, 2)];
    assert.deepEqual([strategy.pick(twoTied), strategy.pick(twoTied)], [3, 1]);
  });

  it('never picks an unhealthy replica, however idle', () => {
    assert.equal(new LeastConnections().pick([replica(1, 0, false), replica(2, 9)]), 2);
  });

  it('returns undefined when no replica is healthy', () => {
    assert.equal(new LeastConnections().pick([replica(1, 0, false)]), undefined);
  });
});
