import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forwardableHeaderLines, isRefusal } from '../../../reference-server/balancer/replicaAttempt.ts';

describe('replicaAttempt', () => {
  it('forwards end-to-end headers only', () => {
    const raw = ['Host', 'a:1', 'Content-Type', 'application/json', 'Connection', 'keep-alive', 'Authorization', 'Bearer k', 'Content-Length', '5', 'Transfer-Encoding', 'chunked', 'Expect', '100-continue', 'Accept', 'a', 'Accept', 'b'];
    assert.equal(forwardableHeaderLines(raw), 'Content-Type: application/json\r\nAuthorization: Bearer k\r\nAccept: a\r\nAccept: b\r\n');
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
