import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../../reference-server/server.ts';
import { ensureTestModels, inferUrl, requestJson, startTestServer } from '../../support/referenceServer.ts';
import { useTempDir } from '../../support/tempDir.ts';

const temp = useTempDir('infercap-security');
const row = () => Array.from({ length: 784 }, (_, i) => (i % 7) / 7);
const validBody = (extra: Record<string, unknown> = {}) => ({ inputs: [{ name: 'input', shape: [1, 784], datatype: 'FP32', data: row() }], ...extra });
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  requestJson(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

/** Sends raw bytes, then waits (at most `waitMs`) for the server to answer and close; resolves with what came back. */
function rawExchange(port: number, chunks: readonly string[], waitMs: number): Promise<{ reply: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    const timer = setTimeout(() => finish(false), waitMs);
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ reply, closed });
    };
    socket.on('data', (chunk) => (reply += chunk.toString('latin1')));
    socket.once('close', () => finish(true));
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
    });
  });
}

describe('API keys', () => {
  let server: RunningServer;
  before(async () => {
    const keysFile = path.join(temp.path(), 'keys.txt');
    writeFileSync(keysFile, '# CI\nfile-key\n');
    server = await startTestServer({ models: ['mnist-mlp'], apiKey: ['cli-key'], apiKeysFile: keysFile });
  });
  after(() => server?.close());

  it('answers 401 with WWW-Authenticate without a key, 403 with a wrong one', async () => {
    const missing = await post(inferUrl(server, 'mnist-mlp'), validBody());
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer realm="infercap"');
    assert.equal(missing.body.code, 'E_UNAUTHENTICATED');
    const wrong = await post(inferUrl(server, 'mnist-mlp'), validBody(), { authorization: 'Bearer cli-kez' });
    assert.deepEqual([wrong.status, wrong.body.code], [403, 'E_FORBIDDEN']);
    const metadata = await requestJson(`${server.url}/v2/models/mnist-mlp`);
    assert.equal(metadata.status, 401);
  });

  it('serves requests with any configured key, from the flag or the keys file', async () => {
    for (const key of ['cli-key', 'file-key']) {
      const answer = await post(inferUrl(server, 'mnist-mlp'), validBody(), { authorization: `Bearer ${key}` });
      assert.equal(answer.status, 200, key);
      assert.deepEqual(answer.body.outputs[0].shape, [1, 10]);
    }
  });

  it('keeps the health probes open', async () => {
    assert.deepEqual((await requestJson(`${server.url}/v2/health/live`)).body, { live: true });
    assert.deepEqual((await requestJson(`${server.url}/v2/health/ready`)).body, { ready: true });
  });
});

describe('rate limiting', () => {
  let server: RunningServer;
  before(async () => {
    // 0.5 tokens a second: no token comes back while the test runs, so the counts are exact.
    server = await startTestServer({ models: ['mnist-mlp'], apiKey: ['key-a', 'key-b'], rateLimit: 0.5, rateBurst: 2 });
  });
  after(() => server?.close());

  it('answers 429 with Retry-After past a client burst, per key, and never limits health probes', async () => {
    const send = (key: string) => post(inferUrl(server, 'mnist-mlp'), validBody(), { authorization: `Bearer ${key}` });
    const a = [await send('key-a'), await send('key-a'), await send('key-a')];
    assert.deepEqual(a.map((r) => r.status), [200, 200, 429]);
    assert.equal(a[2]!.headers.get('retry-after'), '2');
    assert.equal(a[2]!.body.code, 'E_RATE_LIMITED');
    assert.match(a[2]!.body.error, /too many requests from this client; retry after 2 s/);
    assert.equal((await send('key-b')).status, 200);
    for (let i = 0; i < 5; i++) assert.equal((await requestJson(`${server.url}/v2/health/ready`)).status, 200);
  });
});

describe('hostile request bodies and paths', () => {
  let server: RunningServer;
  let modelsDir: string;
  before(async () => {
    const built = await ensureTestModels();
    // A private models directory with a model-shaped canary just outside it: loading it would answer 200.
    modelsDir = path.join(temp.path(), 'models');
    mkdirSync(modelsDir, { recursive: true });
    cpSync(path.join(built, 'mnist-mlp'), path.join(modelsDir, 'mnist-mlp'), { recursive: true });
    cpSync(path.join(built, 'mnist-mlp'), path.join(temp.path(), 'outside'), { recursive: true });
    server = await startTestServer({ modelsDir, models: ['mnist-mlp'], maxJsonDepth: 16, maxTensorElements: 4 * 784, headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 });
  });
  after(() => server?.close());

  it('never reaches the filesystem with a model name or version from a request (path traversal)', async () => {
    const touched: string[] = [];
    const spied = ['openSync', 'readFileSync', 'existsSync', 'statSync', 'readdirSync', 'open', 'readFile', 'stat'] as const;
    const originals = spied.map((name) => [name, fs[name]] as const);
    const promiseOpen = fs.promises.open;
    for (const [name, original] of originals) {
      (fs as any)[name] = (...args: unknown[]) => (touched.push(String(args[0])), (original as any)(...args));
    }
    fs.promises.open = ((...args: Parameters<typeof promiseOpen>) => (touched.push(String(args[0])), promiseOpen(...args))) as typeof promiseOpen;
    syncBuiltinESMExports();
    try {
      const attempts = [
        '/v2/models/..%2Foutside/versions/fp32/infer',
        '/v2/models/mnist-mlp/versions/..%2F..%2Foutside%2Ffp32/infer',
        '/v2/models/..%2F..%2F..%2F..%2Fetc%2Fpasswd/infer',
        '/v2/models/../outside/infer',
        '/v2/models/%2E%2E/versions/outside/infer',
      ];
      for (const attempt of attempts) {
        const answer = await post(`${server.url}${attempt}`, validBody());
        assert.ok(answer.status === 404, `${attempt} answered ${answer.status}`);
        assert.match(answer.body.code, /^E_(UNKNOWN_MODEL|UNKNOWN_MODEL_VERSION|ROUTE_NOT_FOUND)$/, attempt);
      }
      const metadata = await requestJson(`${server.url}/v2/models/..%2Foutside/versions/fp32`);
      assert.equal(metadata.status, 404);
    } finally {
      for (const [name, original] of originals) (fs as any)[name] = original;
      fs.promises.open = promiseOpen;
      syncBuiltinESMExports();
    }
    assert.deepEqual(touched.filter((file) => file.includes('outside') || file.includes('passwd') || file.includes('..')), []);
  });

  it('cannot pollute prototypes with __proto__ or constructor keys', async () => {
    const body = `{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "inputs": [{"__proto__": {"datatype": "FP32"}, "name": "input", "shape": [1, 784], "datatype": "FP32", "data": ${JSON.stringify(row())}}], "parameters": {"__proto__": {"timeout": 1}}}`;
    const answer = await post(inferUrl(server, 'mnist-mlp'), body);
    assert.equal(answer.status, 200);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty']) {
      const routed = await post(`${server.url}/v2/models/${name}/infer`, validBody());
      assert.deepEqual([routed.status, routed.body.code], [404, 'E_UNKNOWN_MODEL'], name);
      const version = await post(`${server.url}/v2/models/mnist-mlp/versions/${name}/infer`, validBody());
      assert.deepEqual([version.status, version.body.code], [404, 'E_UNKNOWN_MODEL_VERSION'], name);
    }
  });

  it('refuses JSON nested deeper than --max-json-depth with 400', async () => {
    const answer = await post(inferUrl(server, 'mnist-mlp'), `{"inputs": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    assert.deepEqual([answer.status, answer.body.code], [400, 'E_JSON_TOO_DEEP']);
    assert.match(answer.body.error, /deeper than the limit of 16/);
  });

  it('refuses more elements than --max-tensor-elements with 413, in the body or in the shape', async () => {
    const many = await post(inferUrl(server, 'mnist-mlp'), { inputs: [{ name: 'input', shape: [5, 784], datatype: 'FP32', data: new Array(5 * 784).fill(0) }] });
    assert.deepEqual([many.status, many.body.code], [413, 'E_TOO_MANY_ELEMENTS']);
    assert.match(many.body.error, /the request body exceeds the limit of 3136 elements/);
    // Five empty rows are a tiny body, but the shape asks for 5 × 784 values: refused before allocating them.
    const empty = await post(inferUrl(server, 'mnist-mlp'), { inputs: [{ name: 'input', shape: [5, 784], datatype: 'FP32', data: [[], [], [], [], []] }] });
    assert.deepEqual([empty.status, empty.body.code], [413, 'E_TOO_MANY_ELEMENTS']);
    assert.match(empty.body.error, /input "input" of shape \[5, 784\] exceeds the limit of 3136 elements/);
  });

  it('cuts slow-loris clients off with 408 once headers or body take too long', async () => {
    const headers = await rawExchange(server.port, ['POST /v2/models/mnist-mlp/infer HTTP/1.1\r\nHost: x\r\n'], 10_000);
    assert.equal(headers.closed, true);
    assert.match(headers.reply, /^HTTP\/1\.1 408 /);
    assert.deepEqual(JSON.parse(headers.reply.slice(headers.reply.indexOf('\r\n\r\n') + 4)), {
      error: 'the request took too long to arrive (--headers-timeout-ms, --request-timeout-ms)',
      code: 'E_REQUEST_TIMEOUT',
    });
    const body = await rawExchange(
      server.port,
      ['POST /v2/models/mnist-mlp/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"inputs": ['],
      10_000,
    );
    assert.equal(body.closed, true);
    assert.match(body.reply, /^HTTP\/1\.1 408 /);
    assert.match(body.reply, /"code":"E_REQUEST_TIMEOUT"/);
  });
});
