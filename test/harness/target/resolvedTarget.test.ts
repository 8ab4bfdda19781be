import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveServerOptions } from '../../../reference-server/config/serverOptions.ts';
import { resolvedTargetOf } from '../../../harness/target/resolvedTarget.ts';

const unknown = { version: null, batching: null, cache: null } as const;

describe('resolvedTargetOf', () => {
  it('takes a reference target from its resolved options: one replica, its cache, batching and models directory', () => {
    const options = resolveServerOptions({ modelsDir: '/models', maxBatchSize: 8, maxQueueDelayMs: 5, cache: 'off' });
    assert.deepEqual(resolvedTargetOf({ model: 'mnist-mlp', rows: 4 }, options, unknown), {
      model: 'mnist-mlp',
      version: null,
      rows: 4,
      replicas: 1,
      batching: { enabled: true, maxBatchSize: 8, maxQueueDelayMs: 5 },
      cache: 'off',
      modelsDir: '/models',
    });
    const unbatched = resolveServerOptions({ modelsDir: '/models', batching: false });
    assert.deepEqual(resolvedTargetOf({ model: 'm', rows: 1 }, unbatched, unknown).batching, { enabled: false });
  });

  it("prefers what the server says it serves (a model's config.yaml may override the options), and the version asked for", () => {
    const options = resolveServerOptions({ modelsDir: '/models' });
    const served = { version: 'fp32', batching: { enabled: true, maxBatchSize: 64, maxQueueDelayMs: 1 }, cache: null } as const;
    const resolved = resolvedTargetOf({ model: 'm', rows: 1 }, options, served);
    assert.deepEqual([resolved.version, resolved.batching, resolved.cache], ['fp32', served.batching, 'lru']);
    assert.equal(resolvedTargetOf({ model: 'm', version: 'int8', rows: 1 }, options, served).version, 'int8');
  });

  it('leaves what a URL target does not say unknown, replicas included', () => {
    assert.deepEqual(resolvedTargetOf({ model: 'm', rows: 2 }, undefined, unknown), { model: 'm', version: null, rows: 2, replicas: null, batching: null, cache: null });
  });
});
