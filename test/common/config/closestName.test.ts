import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closestName } from '../../../common/config/closestName.ts';

describe('closestName', () => {
  const keys = ['model', 'version', 'rows', 'inputs', 'seed', 'repeatRatio', 'timeout'];

  it('suggests the key a typo was meant to be: a swap, a missing or extra letter, another case', () => {
    assert.equal(closestName('modle', keys), 'model');
    assert.equal(closestName('verison', keys), 'version');
    assert.equal(closestName('row', keys), 'rows');
    assert.equal(closestName('repeat_ratio', keys), 'repeatRatio');
    assert.equal(closestName('Timeout', keys), 'timeout');
  });

  it('suggests nothing for a name that is not close to any', () => {
    assert.equal(closestName('rate', keys), undefined);
    assert.equal(closestName('foo', keys), undefined);
    assert.equal(closestName('x', []), undefined);
  });
});
