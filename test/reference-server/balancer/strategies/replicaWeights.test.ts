import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInfercapError } from '../../../../common/errors.ts';
import { parseReplicaWeights } from '../../../../reference-server/balancer/strategies/replicaWeights.ts';

const rejects = (text: string, count: number, message: RegExp) =>
  assert.throws(
    () => parseReplicaWeights(text, count),
    (error: unknown) => isInfercapError(error) && error.code === 'E_INVALID_OPTION' && message.test(error.message),
  );

describe('parseReplicaWeights', () => {
  it('reads weights by replica id', () => {
    assert.deepEqual([...parseReplicaWeights('1=5,2=1,3=1', 3)], [[1, 5], [2, 1], [3, 1]]);
  });

  it('gives weight 1 to ids the keyed form leaves out', () => {
    assert.deepEqual([...parseReplicaWeights('2=4', 3)], [[1, 1], [2, 4], [3, 1]]);
  });

  it('reads positional weights in id order, spaces allowed', () => {
    assert.deepEqual([...parseReplicaWeights('5, 1, 1', 3)], [[1, 5], [2, 1], [3, 1]]);
  });

  it('rejects a positional list of the wrong length', () => {
    rejects('5,1', 3, /--weights: gives 2 weight\(s\) for 3 replica\(s\)/);
  });

  it('rejects weights that are not positive integers', () => {
    rejects('5,0,1', 3, /weight "0" must be a positive integer/);
    rejects('1=2.5', 3, /weight "2.5"/);
    rejects('1=-1', 3, /weight "-1"/);
  });

  it('rejects unknown ids, malformed entries and repeated ids', () => {
    rejects('4=1', 3, /"4=1" is not <replica id>=<weight> with an id from 1 to 3/);
    rejects('1=5,x', 3, /"x" is not/);
    rejects('1=5,1=2', 3, /replica 1 is given a weight twice/);
  });
});
