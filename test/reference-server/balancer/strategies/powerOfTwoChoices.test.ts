import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../../../common/prng.ts';
import type { ReplicaView } from '../../../../reference-server/balancer/strategies/balancingStrategy.ts';
import { PowerOfTwoChoices, sampleTwoDistinct } from '../../../../reference-server/balancer/strategies/powerOfTwoChoices.ts';

const replica = (id: number, inFlight: number, healthy = true): ReplicaView => ({ id, weight: 1, inFlight, healthy });

describe('sampleTwoDistinct', () => {
  it('draws two distinct indices in range, every ordered pair about equally often', () => {
    const rng = createRng(3);
    const counts = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const [a, b] = sampleTwoDistinct(4, rng);
      assert.notEqual(a, b);
      assert.ok(a >= 0 && a < 4 && b >= 0 && b < 4);
      counts.set(`${a},${b}`, (counts.get(`${a},${b}`) ?? 0) + 1);
    }
    assert.equal(counts.size, 12);
    for (const count of counts.values()) assert.ok(Math.abs(count - 5_000) <= 250, `count ${count}`);
  });
});

describe('PowerOfTwoChoices', () => {
  it('picks the less busy of the two replicas it samples, over many seeded draws with random loads', () => {
    const strategy = new PowerOfTwoChoices(createRng(11));
    const shadow = createRng(11); // the same draws, replayed to see which two replicas were sampled
    const loads = createRng(99);
    for (let i = 0; i < 5_000; i++) {
      const fleet = [1, 2, 3, 4, 5].map((id) => replica(id, loads.nextInt(6)));
      const [x, y] = sampleTwoDistinct(fleet.length, shadow);
      const a = fleet[x]!;
      const b = fleet[y]!;
      const chosen = strategy.pick(fleet);
      assert.ok(chosen === a.id || chosen === b.id, `draw ${i}: ${chosen} was not sampled`);
      const other = chosen === a.id ? b : a;
      assert.ok(fleet.find((r) => r.id === chosen)!.inFlight <= other.inFlight, `draw ${i}: picked the busier`);
    }
  });

  it('never picks the busiest of three, and the idlest two times in three', () => {
    const strategy = new PowerOfTwoChoices(createRng(5));
    const fleet = [replica(1, 0), replica(2, 5), replica(3, 10)];
    const counts = new Map<number | undefined, number>();
    for (let i = 0; i < 30_000; i++) {
      const id = strategy.pick(fleet);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    assert.equal(counts.get(3), undefined);
    assert.ok(Math.abs(counts.get(1)! - 20_000) <= 400, `idlest picked ${counts.get(1)} times`);
  });

  it('gives the same sequence for the same seed', () => {
    const fleet = [replica(1, 2), replica(2, 2), replica(3, 1), replica(4, 3)];
    const draws = (seed: number) => {
      const strategy = new PowerOfTwoChoices(createRng(seed));
      return Array.from({ length: 200 }, () => strategy.pick(fleet));
    };
    assert.deepEqual(draws(8), draws(8));
    assert.notDeepEqual(draws(8), draws(9));
  });

  it('samples only healthy replicas; one healthy is always chosen; none gives undefined', () => {
    const strategy = new PowerOfTwoChoices(createRng(2));
    const degraded = [replica(1, 0, false), replica(2, 9), replica(3, 4, false), replica(4, 7)];
    for (let i = 0; i < 100; i++) assert.equal(strategy.pick(degraded), 4);
    assert.equal(strategy.pick([replica(1, 0, false), replica(2, 50)]), 2);
    assert.equal(strategy.pick([replica(1, 0, false)]), undefined);
  });
});
