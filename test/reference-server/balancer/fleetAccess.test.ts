import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { spawnInfercap, type InfercapProcess } from '../../../harness/target/infercapProcess.ts';
import type { BalancerStats } from '../../../reference-server/balancer/balancerStats.ts';
import { ensureTestModels, requestJson } from '../../support/referenceServer.ts';
import { row } from './balancerTestSupport.ts';

const key = 'fleet-key-1';
let fleet: InfercapProcess;
let url: string;
const replicaPids: number[] = [];
const bearer = (value: string) => ({ headers: { authorization: `Bearer ${value}` } });
const inferWithKey = () =>
  requestJson(`${url}/v2/models/mnist-mlp/infer`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ inputs: [{ name: 'input', shape: [1, 784], datatype: 'FP32', data: row }] }),
  });

before(async () => {
  const modelsDir = await ensureTestModels();
  fleet = spawnInfercap([
    'serve', '--replicas', '2', '--balancer', 'round-robin', '--api-key', key,
    // A burst of 3 and a refill of one token per 100 s: a client gets exactly 3 requests in this test.
    '--rate-limit', '0.01', '--rate-burst', '3',
    '--models-dir', modelsDir, '--models', 'mnist-mlp', '--cache', 'off', '--intra-op-threads', '1',
    '--host', '127.0.0.1', '--port', '0', '--log-level', 'warn',
  ]);
  url = (await fleet.waitForStdout(/listening on (http:\/\/\S+)/))[1]!;
});

after(async () => {
  await fleet?.kill();
  for (const pid of replicaPids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

describe('infercap serve --replicas 2 --api-key --rate-limit (real processes)', () => {
  it('checks keys at the balancer, keeps health open, and rate-limits a client once for the whole fleet', async () => {
    assert.equal((await requestJson(`${url}/v2/health/ready`)).status, 200);
    assert.equal((await requestJson(`${url}/v2/health/live`)).status, 200);

    const missing = await requestJson(`${url}/balancer/stats`);
    assert.equal(missing.status, 401);
    assert.equal(missing.body.code, 'E_UNAUTHENTICATED');
    assert.equal((await requestJson(`${url}/metrics`, bearer('wrong'))).status, 403);
    // Refused requests take no token; these three take the client's whole burst.
    const stats = await requestJson(`${url}/balancer/stats`, bearer(key));
    assert.equal(stats.status, 200);
    replicaPids.push(...(stats.body as BalancerStats).replicas.map((replica) => replica.pid!));
    const metrics = await fetch(`${url}/metrics`, bearer(key));
    assert.equal(metrics.status, 200);
    // The balancer reaches its replicas' /metrics with the key: their series are there, relabelled.
    const text = await metrics.text();
    for (const id of ['1', '2']) assert.match(text, new RegExp(`^infercap_process_start_time_seconds\\{replica="${id}"\\} `, 'm'));
    const first = await inferWithKey();
    assert.equal(first.status, 200);

    // Two replicas, each with its own bucket, would have let three more through; the balancer's one bucket does not.
    const limited = await inferWithKey();
    assert.equal(limited.status, 429);
    assert.equal(limited.body.code, 'E_RATE_LIMITED');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal(limited.headers.get('x-infercap-replica'), null, 'answered by the balancer, not a replica');
    assert.equal((await requestJson(`${url}/balancer/stats`, bearer(key))).status, 429);
  });
});
