import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '../../../common/log.ts';
import { prepareVariantTarget } from '../../../harness/run/variantTarget.ts';
import { resolveVariants } from '../../../harness/scenario/resolveVariants.ts';
import { scenarioSchema } from '../../../harness/scenario/scenarioSchema.ts';
import type { RunningServer } from '../../../reference-server/server.ts';
import { ensureTestModels, startTestServer } from '../../support/referenceServer.ts';

describe('prepareVariantTarget', () => {
  let server: RunningServer;
  before(async () => {
    server = await startTestServer({ models: ['mnist-mlp'], cache: 'off' });
  });
  after(async () => {
    await server?.close();
  });

  for (const encoding of ['json', 'binary'] as const) {
    it(`feeds ${encoding} request bodies that the server answers with the model's predictions`, async () => {
      const scenario = scenarioSchema.parse({
        name: 's',
        target: { url: server.url },
        workload: { model: 'mnist-mlp', rows: 2, encoding },
        phases: [{ kind: 'closed', connections: 1, duration: '1s' }],
      });
      const target = await prepareVariantTarget(resolveVariants(scenario)[0]!, await ensureTestModels(), 0, silentLogger);
      try {
        const body = target.nextBody();
        assert.equal(typeof body === 'string', encoding === 'json');
        if (encoding === 'binary') assert.equal(target.headers['inference-header-content-length'] !== undefined, true);
        const response = await fetch(target.inferUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });
        assert.equal(response.status, 200);
        const answer = (await response.json()) as { outputs: { name: string; shape: number[] }[] };
        assert.deepEqual(answer.outputs.map((o) => [o.name, o.shape]), [['probabilities', [2, 10]]]);
      } finally {
        await target.stop();
      }
    });
  }

  it('gives a mix one route per model, each with its own feed and headers, answered by that model', async () => {
    const scenario = scenarioSchema.parse({
      name: 's',
      target: { url: server.url },
      workload: { mix: [{ model: 'mnist-mlp', version: 'int8', weight: 3 }, { model: 'mnist-mlp', weight: 1 }], encoding: 'binary' },
      phases: [{ kind: 'closed', connections: 1, duration: '1s' }],
    });
    const target = await prepareVariantTarget(resolveVariants(scenario)[0]!, await ensureTestModels(), 0, silentLogger);
    try {
      assert.deepEqual(target.mix!.routes.map((route) => [route.name, route.path]), [
        ['mnist-mlp:int8', '/v2/models/mnist-mlp/versions/int8/infer'],
        ['mnist-mlp', '/v2/models/mnist-mlp/infer'],
      ]);
      assert.deepEqual(target.mix!.weights, [3, 1]);
      // The run's headers hold no feed's: each route carries its own binary header length.
      assert.equal(target.headers['inference-header-content-length'], undefined);
      assert.deepEqual(target.resolved.mix, [
        { model: 'mnist-mlp', version: 'int8', weight: 3 },
        { model: 'mnist-mlp', version: 'fp32', weight: 1 },
      ]);
      for (const route of target.mix!.routes) {
        const body = route.nextBody();
        const response = await fetch(`${server.url}${route.path}`, { method: 'POST', headers: { ...route.headers }, body: new Uint8Array(body as Buffer) });
        assert.equal(response.status, 200, route.name);
        await response.arrayBuffer();
      }
    } finally {
      await target.stop();
    }
  });
});
