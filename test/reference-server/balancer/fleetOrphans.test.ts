import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spawnInfercap } from '../../../harness/target/infercapProcess.ts';
import type { BalancerStats } from '../../../reference-server/balancer/balancerStats.ts';
import { ensureTestModels, requestJson } from '../../support/referenceServer.ts';
import { sleep } from './balancerTestSupport.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('infercap serve --replicas: no orphans', () => {
  it('replicas end by themselves when the balancer process is SIGKILLed', async (t) => {
    const modelsDir = await ensureTestModels();
    const fleet = spawnInfercap(['serve', '--replicas', '1', '--balancer', 'round-robin', '--models-dir', modelsDir, '--models', 'mnist-mlp', '--port', '0', '--log-level', 'warn']);
    const pids: number[] = [];
    t.after(async () => {
      await fleet.kill();
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    });
    const url = (await fleet.waitForStdout(/listening on (http:\/\/\S+)/))[1]!;
    pids.push(...((await requestJson(`${url}/balancer/stats`)).body as BalancerStats).replicas.map((r) => r.pid!));
    assert.equal(pids.length, 1);
    assert.equal(alive(pids[0]!), true);
    await fleet.kill();
    const deadline = performance.now() + 15_000;
    while (pids.some(alive) && performance.now() < deadline) await sleep(20);
    assert.deepEqual(pids.map(alive), [false]);
  });
});
