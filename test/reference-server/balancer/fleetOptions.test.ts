import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveFleetOptions } from '../../../reference-server/balancer/fleetOptions.ts';

describe('resolveFleetOptions', () => {
  it('defaults to round-robin, weight 1 and no slowdown for every replica', () => {
    const options = resolveFleetOptions({ replicas: 3 });
    assert.equal(options.strategy, 'round-robin');
    assert.deepEqual([...options.weights], [[1, 1], [2, 1], [3, 1]]);
    assert.deepEqual([...options.slowdowns], [[1, 1], [2, 1], [3, 1]]);
    assert.equal(options.healthIntervalMs, 1_000);
    assert.equal(Object.isFrozen(options), true);
  });

  it('parses weights and slowdowns per replica id', () => {
    const options = resolveFleetOptions({ replicas: 3, balancer: 'weighted-round-robin', weights: '5,1,1', replicaSlowdown: ['2=4x'] });
    assert.deepEqual([...options.weights], [[1, 5], [2, 1], [3, 1]]);
    assert.deepEqual([...options.slowdowns], [[1, 1], [2, 4], [3, 1]]);
  });

  it('names the flag of a bad value', () => {
    assert.throws(() => resolveFleetOptions({ replicas: 0 }), { code: 'E_INVALID_OPTION', message: /^--replicas: / });
    assert.throws(() => resolveFleetOptions({ replicas: 2, balancer: 'fastest' as 'p2c' }), { message: /^--balancer: / });
    assert.throws(() => resolveFleetOptions({ replicas: 2, healthIntervalMs: 0 }), { message: /^--health-interval-ms: / });
    assert.throws(() => resolveFleetOptions({ replicas: 2, balancer: 'p2c', weights: '2,1' }), {
      message: '--weights: weights apply to --balancer weighted-round-robin only, not p2c',
    });
  });
});
