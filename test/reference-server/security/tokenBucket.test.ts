import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fullBucket, takeToken } from '../../../reference-server/security/tokenBucket.ts';

describe('takeToken', () => {
  const limits = { rate: 10, burst: 3 };

  it('allows a full burst at once, then refuses with the time until the next token', () => {
    const bucket = fullBucket(limits, 0);
    assert.deepEqual([takeToken(bucket, limits, 0), takeToken(bucket, limits, 0), takeToken(bucket, limits, 0)], [
      { allowed: true },
      { allowed: true },
      { allowed: true },
    ]);
    assert.deepEqual(takeToken(bucket, limits, 0), { allowed: false, retryAfterMs: 100 });
    assert.deepEqual(takeToken(bucket, limits, 40), { allowed: false, retryAfterMs: 60 });
  });

  it('refills at rate per second, never above the burst', () => {
    const bucket = fullBucket(limits, 0);
    for (let i = 0; i < 3; i++) takeToken(bucket, limits, 0);
    assert.deepEqual(takeToken(bucket, limits, 100), { allowed: true });
    assert.deepEqual(takeToken(bucket, limits, 100).allowed, false);
    takeToken(bucket, limits, 60_000);
    assert.equal(bucket.tokens, 2);
  });

  it('ignores a clock that goes backwards', () => {
    const bucket = fullBucket(limits, 1_000);
    for (let i = 0; i < 3; i++) takeToken(bucket, limits, 1_000);
    assert.equal(takeToken(bucket, limits, 0).allowed, false);
    assert.equal(bucket.updatedMs, 1_000);
  });
});
