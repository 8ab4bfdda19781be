import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveServerOptions } from '../../../reference-server/config/serverOptions.ts';

describe('resolveServerOptions', () => {
  it('fills the documented defaults and freezes the result', () => {
    const options = resolveServerOptions({});
    assert.equal(options.maxBatchSize, 32);
    assert.equal(options.maxQueueDelayMs, 2);
    assert.equal(options.cache, 'lru');
    assert.equal(options.executionProvider, 'cpu');
    assert.ok(Object.isFrozen(options));
    assert.ok(Object.isFrozen(options.defaultVersions));
  });

  it('names the flag of an invalid value', () => {
    assert.throws(() => resolveServerOptions({ maxBatchSize: 0 }), { code: 'E_INVALID_OPTION', message: /^--max-batch-size: / });
    assert.throws(() => resolveServerOptions({ port: 70000 }), { message: /^--port: / });
  });

  it('rejects unknown options instead of ignoring them', () => {
    assert.throws(() => resolveServerOptions({ maxBatchSise: 4 } as never), { message: /unknown option\(s\) maxBatchSise/ });
  });

  it('requires a Redis URL for the redis cache', () => {
    assert.throws(() => resolveServerOptions({ cache: 'redis' }), { message: /^--redis-url: is required with --cache redis/ });
  });
});
