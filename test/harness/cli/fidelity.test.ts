import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fidelityResultsSchema } from '../../../harness/fidelity/fidelityResults.ts';
import { runInfercap } from '../../../harness/target/infercapProcess.ts';
import { ensureTestModels, startTestServer } from '../../support/referenceServer.ts';
import { useTempDir } from '../../support/tempDir.ts';

const temp = useTempDir('infercap-fidelity');
before(() => ensureTestModels());

// 20 s at exactly 20 requests a second (expected sampling), so the window's count is exact: seconds 5 to 15,
// twice as fast, are 200 requests in 5 s.
const traceYaml = 'seconds: 20\nseed: 7\nbaseRps: 20\nsampling: expected\n';
// The calibration is an input here, not what is tested: a replica of 400 req/s serves every second of 40
// arrivals whole, so the simulator's served count is exactly the arrivals'. (bench:fidelity calibrates for real.)
const calibration = {
  tool: 'infercap',
  kind: 'calibration',
  schemaVersion: 2,
  createdAt: '2026-12-04T00:00:00.000Z',
  toolVersion: '0.1.0',
  environment: { node: 'v20.20.2', platform: 'linux', arch: 'x64', cpus: 2, cpuModel: 'test', totalMemoryBytes: 1, hostname: 'test' },
  model: 'mnist-mlp',
  measuredAt: '2026-12-04T00:00:00.000Z',
  p99BudgetMs: 200,
  maxSustainableThroughput: 400,
  peakThroughput: 450,
  serviceTimeMs: { level: 50, mean: 1.5, p50: 1.2, p90: 2, p95: 2.5, p99: 4, histogram: '' },
  curve: [{ level: 50, throughput: 50, p50: 1.2, p95: 2.5, p99: 4 }],
};

async function inputs(): Promise<{ trace: string; calibration: string }> {
  const trace = path.join(temp.path(), 'flat.yaml');
  const file = path.join(temp.path(), 'calibration.json');
  await writeFile(trace, traceYaml);
  await writeFile(file, JSON.stringify(calibration));
  return { trace, calibration: file };
}

describe('infercap fidelity', () => {
  it('replays the window\'s requests against a reference replica, simulates the same ones and writes results and report', async () => {
    const files = await inputs();
    const out = path.join(temp.path(), 'fidelity.json');
    const { code, stdout, stderr } = await runInfercap(['fidelity', '--trace', files.trace, '--window', '5:15', '--speedup', '2', '--model', 'mnist-mlp', '--calibration', files.calibration, '--warmup', '0s', '--out', out]);
    assert.equal(code, 0, stderr);
    const results = fidelityResultsSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    assert.deepEqual(results.trace.window, { start: 5, end: 15 });
    assert.equal(results.trace.seconds, 5);
    assert.equal(results.trace.requests, 200);
    // Every request due was sent (or counted as dropped by the load generator): the replay is the trace.
    assert.equal(results.run.sent + results.run.dropped, 200);
    assert.deepEqual(results.seconds.map((s) => s.arrivals), [40, 40, 40, 40, 40]);
    // The simulator received the same arrivals: all served (capacity 400/s), none rejected.
    assert.equal(results.seconds.reduce((sum, s) => sum + s.simulated.throughput + s.simulated.rejected, 0), 200);
    assert.equal(results.totals.simulated.throughput, 40);
    assert.equal(results.target.kind, 'reference');
    assert.equal(results.target.replicas, 1);
    assert.equal(results.cluster.initialReplicas, 1);
    // By default a replica's capacity is the most it served backlogged, the calibration's peak.
    assert.equal(results.capacitySource, 'peak');
    assert.equal(results.serviceModel.capacity, 450);
    assert.match(stdout, /throughput .* met|throughput .* NOT met/);
    const page = path.join(temp.path(), 'fidelity', 'index.html');
    assert.match(stdout, new RegExp(`report: ${page.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const html = await readFile(page, 'utf8');
    assert.match(html, /Throughput, real and simulated/);
    assert.match(html, /<svg/);
    // `infercap report` knows the kind, and its index lists it with its finding.
    const reports = path.join(temp.path(), 'reports');
    const report = await runInfercap(['report', out, '--out', reports]);
    assert.equal(report.code, 0, report.stderr);
    const index = await readFile(path.join(reports, 'index.html'), 'utf8');
    assert.match(index, /Sim vs real/);
    assert.match(index, /simulated vs real: throughput/);
  });

  it('replays against a fleet given by URL with its calibration, replica count and cluster settings; its 429/503 answers are the real rejections', async () => {
    const files = await inputs();
    const cluster = path.join(temp.path(), 'cluster.yaml');
    await writeFile(cluster, 'startupDelay: 10s\npendingDelay: 2s\n');
    // A queue of 2 may turn requests away (how many depends on the machine); whatever it does is counted once.
    const server = await startTestServer({ models: ['mnist-mlp'], maxQueueSize: 2, cache: 'off' });
    try {
      const out = path.join(temp.path(), 'url.json');
      const { code, stderr } = await runInfercap([
        'fidelity', '--trace', files.trace, '--window', ':4', '--speedup', '4', '--model', 'mnist-mlp', '--target', server.url, '--replicas', '1',
        '--calibration', files.calibration, '--cluster', cluster, '--max-queue-size', '2', '--capacity', 'sustainable', '--warmup', '0s', '--out', out, '--no-report',
      ]);
      assert.equal(code, 0, stderr);
      const results = fidelityResultsSchema.parse(JSON.parse(await readFile(out, 'utf8')));
      assert.deepEqual(results.target, { url: server.url, kind: 'url', replicas: 1 });
      assert.equal(results.trace.requests, 80);
      assert.equal(results.run.sent + results.run.dropped, 80);
      assert.equal(results.cluster.startupDelaySeconds.min, 10);
      assert.equal(results.cluster.pendingDelaySeconds, 2);
      assert.equal(results.serviceModel.queueLimit, 2);
      assert.equal(results.capacitySource, 'sustainable');
      assert.equal(results.serviceModel.capacity, 400);
      assert.equal(results.totals.real.rejected, (results.run.errors['503'] ?? 0) + (results.run.errors['429'] ?? 0));
      assert.equal(results.seconds.reduce((sum, s) => sum + s.real.rejected, 0) <= results.totals.real.rejected, true);
    } finally {
      await server.close();
    }
  });

  it('refuses a window outside the trace, a speedup of 0, and a URL fleet without calibration, before any traffic', async () => {
    const files = await inputs();
    const base = ['fidelity', '--trace', files.trace, '--model', 'mnist-mlp'];
    const outside = await runInfercap([...base, '--window', '10:30', '--calibration', files.calibration]);
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /--window: \[10 s, 30 s\) is not inside .*flat\.yaml, which runs 0 to 20 s/);
    const stopped = await runInfercap([...base, '--speedup', '0', '--calibration', files.calibration]);
    assert.equal(stopped.code, 2);
    assert.match(stopped.stderr, /--speedup: must be greater than 0/);
    const uncalibrated = await runInfercap([...base, '--target', 'http://127.0.0.1:9', '--replicas', '2']);
    assert.equal(uncalibrated.code, 2);
    assert.match(uncalibrated.stderr, /--target: .* pass --calibration/);
    const uncounted = await runInfercap([...base, '--target', 'http://127.0.0.1:9', '--calibration', files.calibration]);
    assert.equal(uncounted.code, 2);
    assert.match(uncounted.stderr, /--target: .* pass --replicas N/);
  });
});
