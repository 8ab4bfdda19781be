import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReplicaSlowdown } from '../../../reference-server/balancer/replicaSlowdown.ts';

describe('parseReplicaSlowdown', () => {
  it('gives each named replica its factor and the others 1', () => {
    assert.deepEqual([...parseReplicaSlowdown(['2=4x'], 3)], [[1, 1], [2, 4], [3, 1]]);
    assert.deepEqual([...parseReplicaSlowdown(['1=1.5x,3=2', '2=10x'], 3)], [[1, 1.5], [2, 10], [3, 2]]);
  });

  it('names the bad entry and the flag', () => {
    assert.throws(() => parseReplicaSlowdown(['2=fast'], 3), { code: 'E_INVALID_OPTION', message: '--replica-slowdown: "2=fast" is not <replica id>=<factor>x, e.g. --replica-slowdown 2=4x' });
    assert.throws(() => parseReplicaSlowdown(['4=2x'], 3), { message: '--replica-slowdown: "4=2x" names replica 4; the ids are 1 to 3' });
    assert.throws(() => parseReplicaSlowdown(['2=0.5x'], 3), { message: '--replica-slowdown: "2=0.5x": the factor must be from 1 to 100 (times slower)' });
    assert.throws(() => parseReplicaSlowdown(['2=2x', '2=3x'], 3), { message: '--replica-slowdown: replica 2 is given a slowdown twice' });
  });
});
