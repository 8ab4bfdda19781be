import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fetchServedModelConfig, servedModelConfigOf } from '../../../harness/target/servedModelConfig.ts';
import type { RunningServer } from '../../../reference-server/server.ts';
import { startTestServer } from '../../support/referenceServer.ts';

describe('servedModelConfigOf', () => {
  // Shaped as Triton answers GET /v2/models/<model>/config (its model configuration docs' examples).
  it('reads dynamic batching, its delay in microseconds, and a version policy naming one version', () => {
    const bert = {
      name: 'phishing-bert-onnx',
      platform: 'onnxruntime_onnx',
      version_policy: { specific: { versions: [1] } },
      max_batch_size: 32,
      dynamic_batching: { preferred_batch_size: [1, 4, 8, 32], max_queue_delay_microseconds: 50000, preserve_ordering: false, priority_levels: 0, default_priority_level: 0, priority_queue_policy: {} },
      instance_group: [{ name: 'phishing-bert-onnx', kind: 'KIND_GPU', count: 1, gpus: [0] }],
    };
    assert.deepEqual(servedModelConfigOf(bert), { version: '1', batching: { enabled: true, maxBatchSize: 32, maxQueueDelayMs: 50 }, cache: null });
  });

  it('knows no version under a "latest" policy, takes a missing delay as Triton does (0), and an explicit cache off', () => {
    const resnet = { name: 'resnet50', version_policy: { latest: { num_versions: 1 } }, max_batch_size: 4, dynamic_batching: {}, response_cache: { enable: false } };
    assert.deepEqual(servedModelConfigOf(resnet), { version: null, batching: { enabled: true, maxBatchSize: 4, maxQueueDelayMs: 0 }, cache: 'off' });
  });

  it('says batching is off for max_batch_size 0 or a batched model without the dynamic batcher, and unknown otherwise', () => {
    assert.deepEqual(servedModelConfigOf({ max_batch_size: 0 }).batching, { enabled: false });
    assert.deepEqual(servedModelConfigOf({ max_batch_size: 8 }).batching, { enabled: false });
    assert.deepEqual(servedModelConfigOf({ name: 'x' }), { version: null, batching: null, cache: null });
    assert.deepEqual(servedModelConfigOf('not a config'), { version: null, batching: null, cache: null });
    assert.equal(servedModelConfigOf({ response_cache: { enable: true } }).cache, null);
  });
});

describe('fetchServedModelConfig', () => {
  let server: RunningServer;
  before(async () => {
    server = await startTestServer({ models: ['mnist-mlp'], maxBatchSize: 16, maxQueueDelayMs: 3 });
  });
  after(() => server.close());

  it("reads the reference server's config of the version it serves by default", async () => {
    const served = await fetchServedModelConfig(server.url, 'mnist-mlp', undefined, {});
    assert.deepEqual(served, { version: 'fp32', batching: { enabled: true, maxBatchSize: 16, maxQueueDelayMs: 3 }, cache: null });
    assert.equal((await fetchServedModelConfig(server.url, 'mnist-mlp', 'int8', {})).version, 'int8');
  });

  it('knows nothing of a model the server does not have, or a server that does not answer', async () => {
    assert.deepEqual(await fetchServedModelConfig(server.url, 'no-such-model', undefined, {}), { version: null, batching: null, cache: null });
    assert.deepEqual(await fetchServedModelConfig('http://127.0.0.1:9', 'mnist-mlp', undefined, {}), { version: null, batching: null, cache: null });
  });
});
