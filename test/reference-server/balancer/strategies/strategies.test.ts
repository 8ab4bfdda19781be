import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInfercapError } from '../../../../common/errors.ts';
import { createRng } from '../../../../common/prng.ts';
import type { ReplicaView } from '../../../../reference-server/balancer/strategies/balancingStrategy.ts';
import {
  createStrategy,
  isStrategyName,
  strategyNames,
} from '../../../../reference-server/balancer/strategies/strategies.ts';

const replica = (id: number, inFlight: number, healthy: boolean): ReplicaView => ({ id, weight: id, inFlight, healthy });

describe('strategies registry', () => {
  it('names the six strategies', () => {
    assert.deepEqual(strategyNames, [
      'round-robin',
      'weighted-round-robin',
      'least-connections',
      'least-response-time',
      'random',
      'p2c',
    ]);
    assert.equal(isStrategyName('p2c'), true);
    assert.equal(isStrategyName('toString'), false);
  });

  for (const name of strategyNames) {
    describe(name, () => {
      it('is created under its own name', () => {
        assert.equal(createStrategy(name, { rng: createRng(1) }).name, name);
      });

      it('only ever picks the healthy replicas, even when they are the busiest and slowest', () => {
        const strategy = createStrategy(name, { rng: createRng(1) });
        strategy.onRequestEnd?.(1, 1, 0);
        strategy.onRequestEnd?.(2, 1_000, 0);
        strategy.onRequestEnd?.(4, 1_000, 0);
        const fleet = [replica(1, 0, false), replica(2, 20, true), replica(3, 0, false), replica(4, 30, true)];
        for (let t = 0; t < 50; t++) assert.ok([2, 4].includes(strategy.pick(fleet, t)!), `pick ${t}`);
      });

      it('returns undefined when no replica is healthy, or there are none', () => {
        const strategy = createStrategy(name, { rng: createRng(1) });
        assert.equal(strategy.pick([replica(1, 0, false), replica(2, 0, false)], 0), undefined);
        assert.equal(strategy.pick([], 0), undefined);
      });
    });
  }

  it('rejects an unknown name, listing the known ones', () => {
    assert.throws(
      () => createStrategy('fastest', { rng: createRng(1) }),
      (error: unknown) =>
        isInfercapError(error) && error.code === 'E_INVALID_OPTION' && /--balancer.*"fastest".*round-robin/.test(error.message),
    );
  });

  it('rejects a non-positive decay time constant', () => {
    assert.throws(() => createStrategy('least-response-time', { rng: createRng(1), tauMs: 0 }), /positive/);
  });
});
