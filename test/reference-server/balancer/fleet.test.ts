import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { arrivalSchedule } from '../../../harness/drive/arrivalSchedule.ts';
import { runOpenLoop } from '../../../harness/drive/openLoopDriver.ts';
import { spawnInfercap, type InfercapProcess } from '../../../harness/target/infercapProcess.ts';
import type { BalancerStats } from '../../../reference-server/balancer/balancerStats.ts';
import { ensureTestModels, requestJson } from '../../support/referenceServer.ts';
import { inferOne, row, sequentialReplicaIds, sleep } from './balancerTestSupport.ts';

const healthIntervalMs = 300;
let fleet: InfercapProcess;
let url: string;
/** Every replica pid ever seen, so that cleanup kills each by its own pid whatever happened. */
const replicaPids = new Set<number>();

async function stats(): Promise<BalancerStats> {
  const body = (await requestJson(`${url}/balancer/stats`)).body as BalancerStats;
  for (const replica of body.replicas) if (replica.pid !== null) replicaPids.add(replica.pid);
  return body;
}

async function waitFor(what: string, condition: (s: BalancerStats) => boolean, timeoutMs = 20_000): Promise<BalancerStats> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const current = await stats();
    if (condition(current)) return current;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(current)}`);
    await sleep(10);
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

before(async () => {
  const modelsDir = await ensureTestModels();
  fleet = spawnInfercap([
    'serve', '--replicas', '3', '--balancer', 'round-robin', '--health-interval-ms', String(healthIntervalMs),
    '--models-dir', modelsDir, '--models', 'mnist-mlp', '--cache', 'off', '--intra-op-threads', '1',
    // Requests wait up to 300 ms for a batch, so many are in flight at any moment.
    '--max-queue-delay-ms', '300', '--max-batch-size', '64', '--host', '127.0.0.1', '--port', '0', '--log-level', 'warn',
  ]);
  url = (await fleet.waitForStdout(/listening on (http:\/\/\S+)/))[1]!;
  await stats();
});

after(async () => {
  await fleet?.kill();
  for (const pid of replicaPids) {
    try {
      process.kill(pid, 'SIGCONT');
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

describe('infercap serve --replicas 3 (real processes)', () => {
  it('loses no client request when a replica is SIGKILLed under steady load; ejects it at once, restarts it, puts it back', async () => {
    const before = await stats();
    assert.equal(before.totals.healthyReplicas, 3);
    const victim = before.replicas[1]!;
    const body = JSON.stringify({ inputs: [{ name: 'input', shape: [1, 784], datatype: 'FP32', data: row }] });
    const outcomes: { status?: number; failure?: string }[] = [];
    const load = runOpenLoop({
      url: `${url}/v2/models/mnist-mlp/infer`,
      schedule: arrivalSchedule({ rate: 100, durationMs: 2_400, arrivals: 'constant' }),
      durationMs: 2_400,
      nextBody: () => body,
      timeoutMs: 10_000,
      onOutcome: (outcome) => outcomes.push(outcome),
    });
    await sleep(800);
    const inFlightOnVictim = (await stats()).replicas[1]!.inFlight;
    process.kill(victim.pid!, 'SIGKILL');
    const killedAt = performance.now();
    await waitFor('the killed replica out of rotation', (s) => !s.replicas[1]!.healthy);
    const ejectedAfterMs = performance.now() - killedAt;
    const result = await load;

    assert.equal(result.failed, 0, `failed: ${JSON.stringify(outcomes.filter((o) => o.failure !== undefined).slice(0, 3))}`);
    assert.equal(result.succeeded, result.sent);
    assert.ok(result.sent > 150, `sent ${result.sent}`);
    assert.ok(inFlightOnVictim > 0, 'requests were in flight on the victim when it was killed');
    assert.ok(ejectedAfterMs < healthIntervalMs, `out of rotation after ${ejectedAfterMs.toFixed(0)} ms`);
    assert.ok((await stats()).totals.retries >= 1);

    const back = await waitFor('the replica restarted and ready', (s) => s.replicas[1]!.healthy && s.replicas[1]!.restarts === 1);
    assert.notEqual(back.replicas[1]!.pid, victim.pid);
    assert.equal(alive(victim.pid!), false);
    const ids = await sequentialReplicaIds(url, 6);
    assert.ok(ids.includes(2), `replica 2 back in rotation: ${ids.join(',')}`);
  });

  it('answers 503 with a JSON error at once when no replica is healthy, and recovers', async () => {
    const pids = (await stats()).replicas.map((r) => r.pid!);
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    try {
      await waitFor('no healthy replica', (s) => s.totals.healthyReplicas === 0, 5_000);
      const answer = await inferOne(url);
      assert.equal(answer.status, 503);
      assert.equal(answer.body.code, 'E_NO_HEALTHY_REPLICA');
      assert.equal((await requestJson(`${url}/v2/health/ready`)).status, 503);
    } finally {
      for (const pid of pids) process.kill(pid, 'SIGCONT');
    }
    await waitFor('every replica healthy again', (s) => s.totals.healthyReplicas === 3, 5_000);
    assert.equal((await inferOne(url)).status, 200);
  });

  it('drains on SIGTERM: every request in flight is answered, then every replica stops, exit 0', async () => {
    const pids = (await stats()).replicas.map((r) => r.pid!);
    const inFlight = Array.from({ length: 30 }, () => inferOne(url));
    await waitFor('30 requests in flight', (s) => s.totals.inFlight === 30, 5_000);
    fleet.child.kill('SIGTERM');
    const answers = await Promise.all(inFlight);
    assert.deepEqual(answers.map((a) => a.status), Array(30).fill(200));
    assert.equal(await fleet.exited, 0);
    assert.deepEqual(pids.map(alive), [false, false, false]);
  });

});
