import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimiter } from '../../../reference-server/security/rateLimiter.ts';

describe('RateLimiter', () => {
  it('keeps one bucket per client', () => {
    let now = 0;
    const limiter = new RateLimiter({ rate: 1, burst: 2, maxClients: 10, now: () => now });
    assert.deepEqual([limiter.take('a'), limiter.take('a'), limiter.take('a')].map((r) => r.allowed), [true, true, false]);
    assert.equal(limiter.take('b').allowed, true);
    now = 1_000;
    assert.equal(limiter.take('a').allowed, true);
    assert.deepEqual(limiter.take('a'), { allowed: false, retryAfterMs: 1_000 });
  });

  it('tracks at most maxClients, forgetting the least recently seen', () => {
    const limiter = new RateLimiter({ rate: 1, burst: 1, maxClients: 2, now: () => 0 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    assert.equal(limiter.size, 2);
    assert.equal(limiter.take('a').allowed, true, 'a was forgotten, so it starts with a full bucket');
    assert.equal(limiter.take('c').allowed, false);
  });

  it('refuses invalid options', () => {
    assert.throws(() => new RateLimiter({ rate: 0, burst: 1, maxClients: 1, now: () => 0 }), /invalid rate: 0/);
    assert.throws(() => new RateLimiter({ rate: 1, burst: 0.5, maxClients: 1, now: () => 0 }), /invalid burst: 0.5/);
    assert.throws(() => new RateLimiter({ rate: 1, burst: 1, maxClients: 0, now: () => 0 }), /invalid maxClients: 0/);
  });
});
