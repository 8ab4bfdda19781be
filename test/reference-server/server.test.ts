import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ort from 'onnxruntime-node';
import { loadMnistTestSplit } from '../../models/index.ts';
import type { RunningServer } from '../../reference-server/server.ts';
import { ensureTestModels, inferRows, inferUrl, metricValue, startTestServer } from '../support/referenceServer.ts';

const width = 784;
let server: RunningServer;
let direct: { fp32: ort.InferenceSession; int8: ort.InferenceSession };
const digits = loadMnistTestSplit();
const digitRows = (first: number, count: number) => digits.rows.slice(first * width, (first + count) * width);

/** Probabilities from a bare onnxruntime-node session on the same rows, the reference the server must match. */
async function directProbabilities(session: ort.InferenceSession, rows: Float32Array): Promise<number[]> {
  const result = await session.run({ input: new ort.Tensor('float32', rows, [rows.length / width, width]) });
  return Array.from(result.probabilities!.data as Float32Array);
}

function assertClose(actual: readonly number[], expected: readonly number[], tolerance: number) {
  assert.equal(actual.length, expected.length);
  const worst = Math.max(...actual.map((value, i) => Math.abs(value - expected[i]!)));
  assert.ok(worst <= tolerance, `largest difference ${worst} exceeds ${tolerance}`);
}

before(async () => {
  const modelsDir = await ensureTestModels();
  // A queue delay long enough that concurrent requests always meet in one batch.
  server = await startTestServer({ models: ['mnist-mlp'], maxQueueDelayMs: 20, maxBatchSize: 64, cacheTtlMs: 60_000 });
  const open = (version: string) => ort.InferenceSession.create(path.join(modelsDir, 'mnist-mlp', version, 'model.onnx'));
  direct = { fp32: await open('fp32'), int8: await open('int8') };
});
after(async () => {
  await server?.close();
  await direct?.fp32.release();
  await direct?.int8.release();
});

describe('reference server predictions', () => {
  it('equal a direct onnxruntime-node session on the same rows, for fp32 and int8', async () => {
    for (const version of ['fp32', 'int8'] as const) {
      const rows = digitRows(100, 5);
      const response = await inferRows(inferUrl(server, 'mnist-mlp', version), rows);
      assert.equal(response.status, 200);
      assert.deepEqual(response.body.outputs[0].shape, [5, 10]);
      assertClose(response.body.outputs[0].data, await directProbabilities(direct[version], rows), 1e-6);
    }
  });

  it('classify a real MNIST test digit correctly', async () => {
    const response = await inferRows(inferUrl(server, 'mnist-mlp'), digitRows(0, 1));
    const probabilities: number[] = response.body.outputs[0].data;
    assert.equal(probabilities.indexOf(Math.max(...probabilities)), digits.labels[0]);
    assertClose([probabilities.reduce((a, b) => a + b, 0)], [1], 1e-5);
  });

  it('accept nested data as well as flat data', async () => {
    const rows = digitRows(7, 2);
    const nested = [Array.from(rows.subarray(0, width)), Array.from(rows.subarray(width))];
    const response = await fetch(inferUrl(server, 'mnist-mlp'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: [{ name: 'input', shape: [2, width], datatype: 'FP32', data: nested }] }),
    });
    const body = (await response.json()) as { outputs: { data: number[] }[] };
    assertClose(body.outputs[0]!.data, await directProbabilities(direct.fp32, rows), 1e-6);
  });
});

describe('dynamic batching', () => {
  it('merges concurrent distinct requests and hands every caller exactly its own rows', async () => {
    const labels = { model: 'mnist-mlp', version: 'fp32' };
    const batchesBefore = await metricValue(server, 'infercap_batch_size_count', labels);
    const rowsBefore = await metricValue(server, 'infercap_batch_size_sum', labels);
    // 24 requests of 1 or 3 distinct digits each: 48 rows, sent at once.
    const requests = Array.from({ length: 24 }, (_, i) => digitRows(200 + i * 3, i % 2 === 0 ? 1 : 3));
    const responses = await Promise.all(requests.map((rows) => inferRows(inferUrl(server, 'mnist-mlp', 'fp32'), rows)));
    for (const [i, response] of responses.entries()) {
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('x-infercap-cache'), 'miss');
      assertClose(response.body.outputs[0].data, await directProbabilities(direct.fp32, requests[i]!), 1e-5);
    }
    const batches = (await metricValue(server, 'infercap_batch_size_count', labels)) - batchesBefore;
    const rows = (await metricValue(server, 'infercap_batch_size_sum', labels)) - rowsBefore;
    assert.equal(rows, 48);
    assert.ok(batches < 24, `24 requests ran in ${batches} batches: none were merged`);
  });
});

describe('prediction cache (in-memory LRU)', () => {
  it('serves a repeated input from the cache with identical outputs', async () => {
    const rows = digitRows(500, 2);
    const first = await inferRows(inferUrl(server, 'mnist-mlp', 'fp32'), rows);
    const hitsBefore = await metricValue(server, 'infercap_cache_lookups_total', { version: 'fp32', result: 'hit' });
    const second = await inferRows(inferUrl(server, 'mnist-mlp', 'fp32'), rows);
    assert.equal(first.headers.get('x-infercap-cache'), 'miss');
    assert.equal(second.headers.get('x-infercap-cache'), 'hit');
    assert.deepEqual(second.body.outputs, first.body.outputs);
    assert.equal(await metricValue(server, 'infercap_cache_lookups_total', { version: 'fp32', result: 'hit' }), hitsBefore + 1);
  });

  it('never serves one version\'s result for another', async () => {
    const rows = digitRows(600, 1);
    await inferRows(inferUrl(server, 'mnist-mlp', 'fp32'), rows);
    const int8 = await inferRows(inferUrl(server, 'mnist-mlp', 'int8'), rows);
    assert.equal(int8.headers.get('x-infercap-cache'), 'miss');
    assert.equal(int8.body.model_version, 'int8');
    assertClose(int8.body.outputs[0].data, await directProbabilities(direct.int8, rows), 1e-6);
  });

  it('expires entries after the TTL', async () => {
    const shortLived = await startTestServer({ models: ['mnist-mlp'], cacheTtlMs: 1000 });
    try {
      const rows = digitRows(700, 1);
      await inferRows(inferUrl(shortLived, 'mnist-mlp'), rows);
      const soon = await inferRows(inferUrl(shortLived, 'mnist-mlp'), rows);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const later = await inferRows(inferUrl(shortLived, 'mnist-mlp'), rows);
      assert.equal(soon.headers.get('x-infercap-cache'), 'hit');
      assert.equal(later.headers.get('x-infercap-cache'), 'miss');
    } finally {
      await shortLived.close();
    }
  });
});
