import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inferRows } from '../../../harness/drive/v2Client.ts';
import type { RunningServer } from '../../../reference-server/server.ts';
import { startTestServer } from '../../support/referenceServer.ts';

describe('inferRows', () => {
  let server: RunningServer;
  before(async () => {
    server = await startTestServer({ models: ['mnist-mlp'], apiKey: ['client-key'] });
  });
  after(() => server?.close());

  it('sends the API key, and names the refusal without it', async () => {
    const rows = new Float32Array(2 * 784).fill(0.5);
    const probabilities = await inferRows(server.url, 'mnist-mlp', 'fp32', rows, 784, 'client-key');
    assert.deepEqual(probabilities.map((row) => row.length), [10, 10]);
    await assert.rejects(inferRows(server.url, 'mnist-mlp', 'fp32', rows, 784), /mnist-mlp\/fp32 answered 401: this server requires an API key/);
    await assert.rejects(inferRows(server.url, 'mnist-mlp', 'fp32', rows, 784, 'other'), /answered 403: the API key in the Authorization header is not one this server accepts/);
  });
});
