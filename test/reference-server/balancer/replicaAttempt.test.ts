import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forwardableHeaders, isRefusal } from '../../../reference-server/balancer/replicaAttempt.ts';

describe('replicaAttempt', () => {
  it('forwards end-to-end headers only', () => {
    const raw = ['Host', 'a:1', 'Content-Type', 'application/json', 'Connection', 'keep-alive', 'Authorization', 'Bearer k', 'Content-Length', '5', 'Transfer-Encoding', 'chunked'];
    assert.deepEqual(forwardableHeaders(raw), [['Content-Type', 'application/json'], ['Authorization', 'Bearer k']]);
  });

  it('retries only the 503s with which a replica did no work', () => {
    const body = (code: string) => Buffer.from(JSON.stringify({ error: 'x', code }));
    assert.equal(isRefusal(body('E_QUEUE_FULL')), true);
    assert.equal(isRefusal(body('E_SHUTTING_DOWN')), true);
    assert.equal(isRefusal(body('E_NOT_READY')), true);
    assert.equal(isRefusal(body('E_QUEUE_TIMEOUT')), false);
    assert.equal(isRefusal(Buffer.from('not json')), false);
  });
});
