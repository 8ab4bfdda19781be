import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSweepLevels } from '../../../harness/sweep/sweepLevels.ts';

describe('parseSweepLevels', () => {
  it('reads geometric and arithmetic ranges', () => {
    assert.deepEqual(parseSweepLevels('--concurrency', '1:64:x2', true), [1, 2, 4, 8, 16, 32, 64]);
    assert.deepEqual(parseSweepLevels('--rate', '100:500:100', false), [100, 200, 300, 400, 500]);
    assert.deepEqual(parseSweepLevels('--rate', '10:40:15', false), [10, 25, 40]);
  });

  it('refuses malformed ranges, naming the option', () => {
    for (const bad of ['1-64', '64:1:x2', '1:64:x1', '0:10:1', '1:10:0', '1.5:8:x2']) {
      assert.throws(() => parseSweepLevels('--concurrency', bad, true), { code: 'E_INVALID_OPTION', message: /^--concurrency: / });
    }
  });
});
