import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../../../common/prng.ts';
import type { ReplicaView } from '../../../../reference-server/balancer/strategies/balancingStrategy.ts';
import { RandomChoice } from '../../../../reference-server/balancer/strategies/random.ts';

const replica = (id: number, healthy = true): ReplicaView => ({ id, weight: 1, inFlight: 0, healthy });
const fleet = [replica(1), replica(2), replica(3)];

describe('RandomChoice', () => {
  it('gives the same sequence for the same seed', () => {
    const a = new RandomChoice(createRng(42));
    const b = new RandomChoice(createRng(42));
    const draws = (s: RandomChoice) => Array.from({ length: 200 }, () => s.pick(fleet));
    assert.deepEqual(draws(a), draws(b));
  });

  it('spreads picks about evenly (each within 3 % of a third over 30 000 draws)', () => {
    const strategy = new RandomChoice(createRng(7));
    const counts = new Map<number | undefined, number>();
    for (let i = 0; i < 30_000; i++) {
      const id = strategy.pick(fleet);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    assert.deepEqual([...counts.keys()].sort(), [1, 2, 3]);
    for (const count of counts.values()) assert.ok(Math.abs(count - 10_000) <= 300, `count ${count}`);
  });

  it('never picks an unhealthy replica, and returns undefined when none is healthy', () => {
    const strategy = new RandomChoice(createRng(1));
    const degraded = [replica(1, false), replica(2), replica(3, false)];
    for (let i = 0; i < 100; i++) assert.equal(strategy.pick(degraded), 2);
    assert.equal(strategy.pick([replica(1, false)]), undefined);
  });
});
