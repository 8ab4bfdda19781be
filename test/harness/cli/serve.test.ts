import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ensureTestModels, inferRows, requestJson } from '../../support/referenceServer.ts';
import { spawnInfercap, type InfercapProcess } from '../../../harness/target/infercapProcess.ts';

const started: InfercapProcess[] = [];
after(async () => {
  await Promise.all(started.map((process) => process.kill()));
});

async function queueDepth(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('infercap_queue_depth{') && l.includes('model="mnist-wide"') && l.includes('version="fp32"'));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

describe('infercap serve', () => {
  it('drains on SIGTERM: readiness false, queued requests all answered, exit 0', async () => {
    const modelsDir = await ensureTestModels();
    // A long queue delay holds the requests in the batcher, so they are surely in flight when SIGTERM arrives.
    const server = spawnInfercap(['serve', '--models-dir', modelsDir, '--models', 'mnist-wide', '--port', '0', '--max-queue-delay-ms', '1500', '--max-batch-size', '64', '--cache', 'off', '--log-level', 'info']);
    started.push(server);
    const [, url] = await server.waitForStdout(/listening on (http:\/\/\S+)/);
    const row = Array.from({ length: 784 }, (_, i) => (i % 13) / 13);
    const inFlight = Array.from({ length: 6 }, () => inferRows(`${url}/v2/models/mnist-wide/infer`, row));
    while ((await queueDepth(url!)) < 6) await new Promise((resolve) => setTimeout(resolve, 10));

    server.child.kill('SIGTERM');
    const responses = await Promise.all(inFlight);
    assert.deepEqual(responses.map((r) => r.status), [200, 200, 200, 200, 200, 200]);
    assert.equal(await server.exited, 0);
    assert.match(server.stderr(), /"event":"server.stopped"/);
  });

  it('refuses new requests while draining and reports not ready', async () => {
    const modelsDir = await ensureTestModels();
    const server = spawnInfercap(['serve', '--models-dir', modelsDir, '--models', 'mnist-wide', '--port', '0', '--max-queue-delay-ms', '1500', '--max-batch-size', '64', '--cache', 'off', '--log-level', 'warn']);
    started.push(server);
    const [, url] = await server.waitForStdout(/listening on (http:\/\/\S+)/);
    const row = Array.from({ length: 784 }, () => 0.5);
    // Keep-alive connection opened before SIGTERM, so it can still reach the draining server.
    const agentUrl = `${url}/v2/models/mnist-wide/infer`;
    const held = inferRows(agentUrl, row);
    while ((await queueDepth(url!)) < 1) await new Promise((resolve) => setTimeout(resolve, 10));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const ready = await requestJson(`${url}/v2/health/ready`).catch(() => ({ status: 'closed' as const }));
    // Either the listening socket is already closed to new connections, or it answers not ready.
    assert.ok(ready.status === 'closed' || ready.status === 503, `ready answered ${ready.status}`);
    assert.equal((await held).status, 200);
    assert.equal(await server.exited, 0);
  });
});
