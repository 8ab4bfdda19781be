import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LruPredictionCache } from '../../../reference-server/cache/lruPredictionCache.ts';

const roomy = { maxEntries: 100, maxBytes: 1_000_000, ttlMs: 60_000 };

describe('LruPredictionCache', () => {
  it('returns identical bytes on a hit and undefined on a miss', async () => {
    const cache = new LruPredictionCache(roomy);
    const value = Buffer.from([0, 1, 2, 253, 254, 255]);
    await cache.set('k', value);
    assert.deepEqual(await cache.get('k'), value);
    assert.equal(await cache.get('other'), undefined);
    assert.equal(cache.kind, 'lru');
  });

  it('keeps its own copy, so a caller reusing its buffer does not change the entry', async () => {
    const cache = new LruPredictionCache(roomy);
    const value = Buffer.from('prediction');
    await cache.set('k', value);
    value.fill(0);
    assert.equal((await cache.get('k'))?.toString(), 'prediction');
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const cache = new LruPredictionCache({ ...roomy, maxEntries: 2 });
    await cache.set('a', Buffer.from('A'));
    await cache.set('b', Buffer.from('B'));
    await cache.get('a'); // a is now more recent than b
    await cache.set('c', Buffer.from('C'));
    assert.equal(await cache.get('b'), undefined);
    assert.equal((await cache.get('a'))?.toString(), 'A');
    assert.equal((await cache.get('c'))?.toString(), 'C');
  });

  it('counts value bytes plus key length against maxBytes, evicting the least recently used', async () => {
    // Each entry is 2 (key) + 48 (value) = 50 bytes: two fit in 100, a third pushes out the oldest.
    const cache = new LruPredictionCache({ ...roomy, maxBytes: 100 });
    await cache.set('k1', Buffer.alloc(48, 1));
    await cache.set('k2', Buffer.alloc(48, 2));
    assert.deepEqual(await cache.get('k1'), Buffer.alloc(48, 1));
    await cache.set('k3', Buffer.alloc(48, 3));
    assert.equal(await cache.get('k2'), undefined);
    assert.deepEqual(await cache.get('k1'), Buffer.alloc(48, 1));
    assert.deepEqual(await cache.get('k3'), Buffer.alloc(48, 3));
  });

  it('evicts as many entries as a large one needs, and exactly fills maxBytes', async () => {
    const cache = new LruPredictionCache({ ...roomy, maxBytes: 100 });
    await cache.set('k1', Buffer.alloc(48));
    await cache.set('k2', Buffer.alloc(48));
    await cache.set('k3', Buffer.alloc(98)); // 100 bytes: the whole budget
    assert.equal(await cache.get('k1'), undefined);
    assert.equal(await cache.get('k2'), undefined);
    assert.deepEqual(await cache.get('k3'), Buffer.alloc(98));
  });

  it('does not store an entry larger than maxBytes, and keeps the others', async () => {
    const cache = new LruPredictionCache({ ...roomy, maxBytes: 100 });
    await cache.set('k1', Buffer.alloc(10));
    await cache.set('k2', Buffer.alloc(99)); // 101 bytes
    assert.equal(await cache.get('k2'), undefined);
    assert.deepEqual(await cache.get('k1'), Buffer.alloc(10));
  });

  it('serves an entry until it is ttlMs old and misses from then on, reads not extending it', async () => {
    let now = 1_000; // never 0: lru-cache reads a start time of 0 as "no TTL"
    const cache = new LruPredictionCache({ ...roomy, ttlMs: 100, clock: () => now });
    await cache.set('k', Buffer.from('v'));
    now = 1_050;
    assert.equal((await cache.get('k'))?.toString(), 'v');
    now = 1_100; // exactly ttlMs old: still fresh
    assert.equal((await cache.get('k'))?.toString(), 'v');
    now = 1_101;
    assert.equal(await cache.get('k'), undefined);
  });

  it('restarts the TTL when an entry is stored again', async () => {
    let now = 1_000;
    const cache = new LruPredictionCache({ ...roomy, ttlMs: 100, clock: () => now });
    await cache.set('k', Buffer.from('old'));
    now = 1_090;
    await cache.set('k', Buffer.from('new'));
    now = 1_150;
    assert.equal((await cache.get('k'))?.toString(), 'new');
    now = 1_191;
    assert.equal(await cache.get('k'), undefined);
  });

  it('rounds a fractional ttlMs up to a whole millisecond', async () => {
    let now = 1_000;
    const cache = new LruPredictionCache({ ...roomy, ttlMs: 0.5, clock: () => now });
    await cache.set('k', Buffer.from('v'));
    now = 1_001;
    assert.equal((await cache.get('k'))?.toString(), 'v');
    now = 1_002;
    assert.equal(await cache.get('k'), undefined);
  });

  it('is empty after close', async () => {
    const cache = new LruPredictionCache(roomy);
    await cache.set('k', Buffer.from('v'));
    await cache.close();
    assert.equal(await cache.get('k'), undefined);
  });
});
