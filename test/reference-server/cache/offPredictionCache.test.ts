import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OffPredictionCache } from '../../../reference-server/cache/offPredictionCache.ts';

describe('OffPredictionCache', () => {
  it('misses even right after a store', async () => {
    const cache = new OffPredictionCache();
    await cache.set('k', Buffer.from('v'));
    assert.equal(await cache.get('k'), undefined);
    assert.equal(cache.kind, 'off');
    await cache.close();
  });
});
