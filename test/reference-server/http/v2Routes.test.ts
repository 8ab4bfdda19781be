import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../../reference-server/server.ts';
import { inferRows, inferUrl, metricValue, requestJson, startTestServer } from '../../support/referenceServer.ts';

let server: RunningServer;

before(async () => {
  server = await startTestServer({ models: ['mnist-mlp'], bodyLimitBytes: 64 * 1024, maxBatchSize: 4 });
});
after(async () => {
  await server?.close();
});

const row = () => Array.from({ length: 784 }, (_, i) => (i % 8) / 8);
const tensor = (overrides: Record<string, unknown> = {}) => ({ name: 'input', shape: [1, 784], datatype: 'FP32', data: row(), ...overrides });
const body = (value: unknown) => JSON.stringify(value);

interface BadCase {
  readonly name: string;
  readonly path?: string;
  readonly method?: string;
  readonly contentType?: string | null;
  readonly body: string;
  readonly status: number;
  readonly error: RegExp;
}

const badInputs: readonly BadCase[] = [
  { name: 'malformed JSON', body: '{"inputs": [', status: 400, error: /^request body is not valid JSON/ },
  { name: 'truncated JSON', body: body({ inputs: [tensor()] }).slice(0, 200), status: 400, error: /^request body is not valid JSON/ },
  { name: 'body not an object', body: '[1,2,3]', status: 400, error: /^the request body must be a JSON object, got an array/ },
  { name: 'inputs missing', body: body({}), status: 400, error: /^inputs must be a non-empty array/ },
  { name: 'inputs empty', body: body({ inputs: [] }), status: 400, error: /^inputs must be a non-empty array/ },
  { name: 'input not an object', body: body({ inputs: [42] }), status: 400, error: /^inputs\[0\] must be an object/ },
  { name: 'unknown input name', body: body({ inputs: [tensor({ name: 'pixels' })] }), status: 400, error: /^input "pixels": the model has no such input; its inputs are "input"/ },
  { name: 'wrong datatype', body: body({ inputs: [tensor({ datatype: 'INT64' })] }), status: 400, error: /^input "input": datatype must be "FP32", got "INT64"/ },
  { name: 'shape not integers', body: body({ inputs: [tensor({ shape: [1, 'a'] })] }), status: 400, error: /shape must be an array of non-negative integers/ },
  { name: 'negative dimension', body: body({ inputs: [tensor({ shape: [-1, 784] })] }), status: 400, error: /shape must be an array of non-negative integers/ },
  { name: 'wrong feature size', body: body({ inputs: [tensor({ shape: [1, 783] })] }), status: 400, error: /shape \[1, 783\] does not match the model's \[batch, 784\]/ },
  { name: 'wrong rank', body: body({ inputs: [tensor({ shape: [784] })] }), status: 400, error: /shape \[784\] does not match/ },
  { name: 'zero rows', body: body({ inputs: [tensor({ shape: [0, 784], data: [] })] }), status: 400, error: /shape has 0 rows/ },
  { name: 'data shorter than shape', body: body({ inputs: [tensor({ data: row().slice(1) })] }), status: 400, error: /data has 783 elements but shape \[1, 784\] needs 784/ },
  { name: 'data longer than shape', body: body({ inputs: [tensor({ shape: [2, 784] })] }), status: 400, error: /data has 784 elements but shape \[2, 784\] needs 1568/ },
  { name: 'string in data', body: body({ inputs: [tensor({ data: ['0.5', ...row().slice(1)] })] }), status: 400, error: /data\[0\] is "0.5", not a number/ },
  { name: 'null in data (NaN serialised by JSON.stringify)', body: body({ inputs: [tensor({ data: [...row().slice(1), NaN] })] }), status: 400, error: /data\[783\] is null, not a number/ },
  { name: 'Infinity (1e999)', body: body({ inputs: [tensor()] }).replace('"data":[0,', '"data":[1e999,'), status: 400, error: /data\[0\] is Infinity, out of range for FP32/ },
  { name: 'nested rows of wrong length', body: body({ inputs: [tensor({ shape: [2, 784], data: [row(), row().slice(2)] })] }), status: 400, error: /nesting level 1 has 782 elements, shape says 784/ },
  { name: 'nested data not matching rows', body: body({ inputs: [tensor({ shape: [2, 784], data: [row()] })] }), status: 400, error: /data has 1 rows but shape \[2, 784\] needs 2/ },
  { name: 'data not an array', body: body({ inputs: [tensor({ data: 'AAAA' })] }), status: 400, error: /data must be an array, got "AAAA"/ },
  { name: 'input given twice', body: body({ inputs: [tensor(), tensor()] }), status: 400, error: /input "input": appears more than once/ },
  { name: 'more rows than the max batch size', body: body({ inputs: [tensor({ shape: [5, 784], data: [...row(), ...row(), ...row(), ...row(), ...row()] })] }), status: 400, error: /carries 5 rows, more than the model's max batch size of 4/ },
  { name: 'unknown requested output', body: body({ inputs: [tensor()], outputs: [{ name: 'logits' }] }), status: 400, error: /has no output "logits"; its outputs are "probabilities"/ },
  { name: 'id not a string', body: body({ id: 7, inputs: [tensor()] }), status: 400, error: /^id must be a string/ },
  { name: 'bad per-request timeout', body: body({ inputs: [tensor()], parameters: { timeout: -1 } }), status: 400, error: /parameters.timeout must be a positive integer/ },
  { name: 'body over the limit', body: body({ inputs: [tensor({ shape: [100, 784], data: Array(100).fill(row()).flat() })] }), status: 413, error: /request body exceeds the limit of 65536 bytes/ },
  { name: 'wrong content type', contentType: 'text/plain', body: body({ inputs: [tensor()] }), status: 415, error: /content-type must be application\/json or application\/octet-stream \(binary tensor data\), or absent; got "text\/plain"/ },
  { name: 'unknown model', path: '/v2/models/resnet/infer', body: body({ inputs: [tensor()] }), status: 404, error: /^unknown model "resnet"/ },
  { name: 'unknown version', path: '/v2/models/mnist-mlp/versions/fp64/infer', body: body({ inputs: [tensor()] }), status: 404, error: /has no version "fp64"; known versions: fp32, int8/ },
  { name: 'path traversal in the model name', path: '/v2/models/..%2F..%2Fetc/infer', body: body({ inputs: [tensor()] }), status: 404, error: /^unknown model "..\/..\/etc"/ },
  { name: 'wrong method', method: 'GET', path: '/v2/models/mnist-mlp/infer', body: '', status: 405, error: /^GET is not allowed on \/v2\/models\/mnist-mlp\/infer; use POST/ },
  { name: 'unknown route', method: 'GET', path: '/v1/models', body: '', status: 404, error: /^no route GET \/v1\/models/ },
];

describe('V2 routes: bad input gets a 4xx with a JSON error that names the problem', () => {
  for (const bad of badInputs) {
    it(`${bad.name} → ${bad.status}`, async () => {
      const method = bad.method ?? 'POST';
      const headers: Record<string, string> = {};
      if (bad.contentType !== null) headers['content-type'] = bad.contentType ?? 'application/json';
      const response = await requestJson(`${server.url}${bad.path ?? '/v2/models/mnist-mlp/infer'}`, {
        method,
        headers,
        // A Uint8Array body, unlike a string, makes fetch send no content-type of its own.
        ...(method === 'GET' ? {} : { body: new TextEncoder().encode(bad.body) }),
      });
      assert.equal(response.status, bad.status, JSON.stringify(response.body));
      assert.match(response.body.error, bad.error);
      assert.equal(typeof response.body.code, 'string');
    });
  }

  it('still answers valid requests after all of them', async () => {
    const response = await inferRows(inferUrl(server, 'mnist-mlp'), row());
    assert.equal(response.status, 200);
  });
});

describe('V2 routes: health and metadata', () => {
  it('reports live and ready', async () => {
    assert.deepEqual((await requestJson(`${server.url}/v2/health/live`)).body, { live: true });
    assert.deepEqual((await requestJson(`${server.url}/v2/health/ready`)).body, { ready: true });
    assert.equal((await requestJson(`${server.url}/v2/models/mnist-mlp/versions/int8/ready`)).status, 200);
  });

  it('describes the server and the model in V2 terms', async () => {
    const serverInfo = await requestJson(`${server.url}/v2`);
    assert.equal(serverInfo.body.name, 'infercap-reference-server');
    const model = await requestJson(`${server.url}/v2/models/mnist-mlp`);
    assert.deepEqual(model.body, {
      name: 'mnist-mlp',
      versions: ['fp32', 'int8'],
      platform: 'onnxruntime_onnx',
      inputs: [{ name: 'input', datatype: 'FP32', shape: [-1, 784] }],
      outputs: [{ name: 'probabilities', datatype: 'FP32', shape: [-1, 10] }],
    });
  });

  it('lists loaded versions in the repository index', async () => {
    const index = await requestJson(`${server.url}/v2/repository/index`, { method: 'POST' });
    assert.deepEqual(index.body, [
      { name: 'mnist-mlp', version: 'fp32', state: 'READY' },
      { name: 'mnist-mlp', version: 'int8', state: 'READY' },
    ]);
  });

  it('answers the default version when none is named, and echoes the request id', async () => {
    const response = await inferRows(inferUrl(server, 'mnist-mlp'), row(), { id: 'req-42' });
    assert.equal(response.body.model_name, 'mnist-mlp');
    assert.equal(response.body.model_version, 'fp32');
    assert.equal(response.body.id, 'req-42');
    assert.deepEqual(response.body.outputs[0].shape, [1, 10]);
  });
});

describe('V2 routes: overload', () => {
  it('answers 503 with Retry-After at once when the queue is full, and serves the queued request', async () => {
    // A long queue delay keeps the first request waiting in a queue of one, so the second finds it full.
    const small = await startTestServer({ models: ['mnist-mlp'], maxQueueSize: 1, maxQueueDelayMs: 1000, cache: 'off' });
    try {
      const queued = inferRows(inferUrl(small, 'mnist-mlp'), row());
      while ((await metricValue(small, 'infercap_queue_depth', { version: 'fp32' })) < 1) await new Promise((r) => setTimeout(r, 5));
      const refused = await inferRows(inferUrl(small, 'mnist-mlp'), row());
      assert.equal(refused.status, 503);
      assert.equal(refused.headers.get('retry-after'), '1');
      assert.match(refused.body.error, /the request queue of mnist-mlp\/fp32 is full; retry after 1 s/);
      assert.equal((await queued).status, 200);
    } finally {
      await small.close();
    }
  });

  it('answers 503 when a request waited longer than its parameters.timeout', async () => {
    const slow = await startTestServer({ models: ['mnist-mlp'], maxQueueDelayMs: 2000, cache: 'off' });
    try {
      const response = await inferRows(inferUrl(slow, 'mnist-mlp'), row(), { parameters: { timeout: 50_000 } });
      assert.equal(response.status, 503);
      assert.equal(response.body.code, 'E_QUEUE_TIMEOUT');
      assert.match(response.body.error, /waited more than 50 ms in the queue/);
    } finally {
      await slow.close();
    }
  });
});
