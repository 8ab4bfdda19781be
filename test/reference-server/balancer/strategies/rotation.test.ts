import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextInRotation } from '../../../../reference-server/balancer/strategies/rotation.ts';

describe('nextInRotation', () => {
  it('starts at the smallest id', () => {
    assert.equal(nextInRotation([3, 1, 2], undefined), 1);
  });

  it('takes the next larger id, wrapping to the smallest', () => {
    assert.equal(nextInRotation([3, 1, 2], 1), 2);
    assert.equal(nextInRotation([3, 1, 2], 3), 1);
  });

  it('continues after a previous id that is no longer a candidate', () => {
    assert.equal(nextInRotation([1, 3, 4], 2), 3);
    assert.equal(nextInRotation([1, 3], 9), 1);
  });
});
