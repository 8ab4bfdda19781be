import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runInfercap, spawnInfercap } from '../../../harness/target/infercapProcess.ts';
import { readResults } from '../../../harness/results/resultsFile.ts';
import type { RunningServer } from '../../../reference-server/server.ts';
import { ensureTestModels, startTestServer } from '../../support/referenceServer.ts';
import { useTempDir } from '../../support/tempDir.ts';

const temp = useTempDir('infercap-run');
before(() => ensureTestModels());

const scenario = (thresholds: string) => `name: tiny
target:
  reference:
    models: [mnist-mlp]
workload:
  model: mnist-mlp
phases:
  - kind: open
    rate: 40
    duration: 2s
${thresholds}
`;

describe('infercap run', () => {
  it('runs the smoke scenario against a reference server it starts, writes complete results and exits 0', async () => {
    const out = path.join(temp.path(), 'smoke.json');
    const junit = path.join(temp.path(), 'smoke.xml');
    const { code, stdout, stderr } = await runInfercap(['run', 'smoke', '--out', out, '--junit', junit, '--quiet']);
    assert.equal(code, 0, stderr);
    const results = await readResults(out, ['run']);
    assert.equal(results.complete, true);
    assert.deepEqual(results.phases.map((phase) => phase.name), ['warmup', 'open-50', 'closed-4']);
    assert.equal(results.target.kind, 'reference');
    // What served, recorded once: the server's defaults (one replica, batches of up to 32 rows waiting 2 ms, the LRU cache).
    const { modelsDir, ...resolved } = results.target.resolved!;
    assert.deepEqual(resolved, { model: 'mnist-mlp', version: 'fp32', rows: 1, replicas: 1, batching: { enabled: true, maxBatchSize: 32, maxQueueDelayMs: 2 }, cache: 'lru' });
    assert.ok(modelsDir !== undefined && path.isAbsolute(modelsDir), modelsDir);
    assert.equal(results.kind, 'run');
    assert.ok(results.overall.counts.ok > 0);
    assert.equal(results.overall.counts.sent, results.phases.filter((p) => !p.warmup).reduce((sum, p) => sum + p.counts.sent, 0));
    assert.match(stdout, /5 of 5 thresholds passed/);
    assert.match(await readFile(junit, 'utf8'), /<testcase [^>]*name="latency: p\(95\) &lt; 250ms"/);
  });

  it('writes the comparison report of a scenario with variants, and a run report per variant, linked from an index', async () => {
    const file = path.join(temp.path(), 'versions.yaml');
    await writeFile(file, `${scenario('')}variants:\n  - name: fp32\n    workload: { version: fp32 }\n  - name: int8\n    workload: { version: int8 }\n`);
    const reports = path.join(temp.path(), 'versions-report');
    const { code, stdout, stderr } = await runInfercap(['run', file, '--out', path.join(temp.path(), 'versions.json'), '--report', reports, '--quiet']);
    assert.equal(code, 0, stderr);
    assert.ok(stdout.includes(`report: ${path.join(reports, 'comparison', 'index.html')}`));
    assert.match(stdout, /^ship (fp32|int8): .* · int8 against fp32: /m, 'the recommendation is printed');
    const comparison = await readFile(path.join(reports, 'comparison', 'index.html'), 'utf8');
    // Different model files were served: each one's outputs on the MNIST digits are compared with the first's.
    assert.match(comparison, /<table class="quality">/);
    assert.match(comparison, /<td data-figure="agreement">100%<\/td><td data-figure="accuracy">[\d.]+%<\/td>/);
    assert.match(comparison, /<p class="verdict">Ship <strong>(fp32|int8)<\/strong>/);
    const index = await readFile(path.join(reports, 'index.html'), 'utf8');
    for (const link of ['comparison/index.html', 'versions.fp32/index.html', 'versions.int8/index.html']) assert.ok(index.includes(`href="${link}"`), link);
  });

  it('writes no report for a single run unless asked, and none for variants with --no-report', async () => {
    const file = path.join(temp.path(), 'single.yaml');
    await writeFile(file, scenario(''));
    const single = await runInfercap(['run', file, '--out', path.join(temp.path(), 'single.json'), '--quiet']);
    assert.equal(single.code, 0, single.stderr);
    assert.doesNotMatch(single.stdout, /^report: /m);
    const variants = path.join(temp.path(), 'variants.yaml');
    await writeFile(variants, `${scenario('')}variants:\n  - name: a\n  - name: b\n`);
    const out = path.join(temp.path(), `no-report-${process.pid}.json`);
    const none = await runInfercap(['run', variants, '--out', out, '--no-report', '--quiet']);
    assert.equal(none.code, 0, none.stderr);
    assert.doesNotMatch(none.stdout, /^report: /m);
    assert.equal(existsSync(path.join('reports', `no-report-${process.pid}`)), false);
  });

  it('exits 99 when a threshold fails, and says which', async () => {
    const file = path.join(temp.path(), 'strict.yaml');
    await writeFile(file, scenario('thresholds:\n  latency: ["p(99) < 1us"]'));
    const { code, stdout } = await runInfercap(['run', file, '--out', path.join(temp.path(), 'strict.json'), '--quiet']);
    assert.equal(code, 99);
    assert.match(stdout, /0 of 1 thresholds passed/);
  });

  it('exits 2 before any traffic for an invalid scenario, naming file, line and field', async () => {
    const file = path.join(temp.path(), 'invalid.yaml');
    await writeFile(file, scenario('thresholds:\n  latency: ["p(99) < 1us"]').replace('rate: 40', 'rate: 40\n    burst: 3'));
    const { code, stderr } = await runInfercap(['run', file, '--quiet']);
    assert.equal(code, 2);
    assert.match(stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:10: phases\\[0\\]\\.burst: `));
  });

  it('exits 1 when the target cannot be reached', async () => {
    const file = path.join(temp.path(), 'unreachable.yaml');
    await writeFile(file, scenario('').replace('  reference:\n    models: [mnist-mlp]', '  url: http://127.0.0.1:9'));
    const { code, stderr } = await runInfercap(['run', file, '--quiet']);
    assert.equal(code, 1);
    assert.match(stderr, /cannot reach the target http:\/\/127\.0\.0\.1:9/);
  });
});

describe('infercap run --target --model', () => {
  let server: RunningServer;
  before(async () => {
    server = await startTestServer({ models: ['mnist-mlp'], cache: 'off' });
  });
  after(async () => {
    await server?.close();
  });

  /** A scenario written for a reference server and another model, with an open and a trace phase (4, 8 and 4 requests a second). */
  async function referenceScenario(): Promise<string> {
    await writeFile(path.join(temp.path(), 'rates.csv'), 'timestamp,rps\n2026-01-01T00:00:00Z,4\n2026-01-01T00:00:01Z,8\n2026-01-01T00:00:02Z,4\n');
    const file = path.join(temp.path(), 'elsewhere.yaml');
    await writeFile(
      file,
      ['name: elsewhere', 'target:', '  reference: { models: [mnist-wide] }', 'workload: { model: mnist-wide, version: fp32 }', 'phases:', '  - { name: open, kind: open, rate: 20, arrivals: constant, duration: 1s }', '  - { name: replay, kind: trace, trace: rates.csv }', ''].join('\n'),
    );
    return file;
  }

  it("drives the given server and model through the scenario's phases, trace replay included, and records them", async () => {
    const file = await referenceScenario();
    const out = path.join(temp.path(), 'elsewhere.json');
    const { code, stderr } = await runInfercap(['run', file, '--target', server.url, '--model', 'mnist-mlp:int8', '--out', out, '--quiet']);
    assert.equal(code, 0, stderr);
    const results = await readResults(out, ['run']);
    assert.deepEqual([results.target.url, results.target.kind, results.target.resolved?.model, results.target.resolved?.version], [server.url, 'url', 'mnist-mlp', 'int8']);
    const ran = results.scenario as unknown as { target: unknown; workload: { model: string; version?: string } };
    assert.deepEqual([ran.target, ran.workload.model, ran.workload.version], [{ url: server.url }, 'mnist-mlp', 'int8']);
    assert.deepEqual(results.phases.map((phase) => [phase.name, phase.counts.sent, phase.counts.ok]), [
      ['open', 20, 20],
      ['replay', 16, 16],
    ]);
    // The server counted them all on mnist-mlp int8, none on its fp32.
    const stats = (await (await fetch(`${server.url}/v2/models/mnist-mlp/stats`)).json()) as { model_stats: { version: string; inference_stats: { success: { count: number } } }[] };
    assert.deepEqual(Object.fromEntries(stats.model_stats.map((entry) => [entry.version, entry.inference_stats.success.count])), { fp32: 0, int8: 36 });
  });

  it('exits 1 naming the model when the server does not have it', async () => {
    const { code, stderr } = await runInfercap(['run', await referenceScenario(), '--target', server.url, '--model', 'nope', '--out', path.join(temp.path(), 'nope.json'), '--quiet']);
    assert.equal(code, 1);
    assert.match(stderr, /model nope metadata answered 404: unknown model "nope"/);
  });

  it('exits 2 for a malformed --model or --target, and for variants it leaves alike', async () => {
    const bad = await runInfercap(['run', 'smoke', '--model', 'mnist-mlp:', '--quiet']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--model: expected NAME or NAME:VERSION/);
    const url = await runInfercap(['run', 'smoke', '--target', 'localhost:8000', '--quiet']);
    assert.equal(url.code, 2);
    assert.match(url.stderr, /--target: must be an http:\/\/ or https:\/\/ URL/);
    const alike = await runInfercap(['run', 'batching-on-off', '--target', server.url, '--quiet']);
    assert.equal(alike.code, 2);
    assert.match(alike.stderr, /variants batching-on, batching-off/);
  });
});

/** The pid of a reference server process started by the process `parentPid`, read from /proc (Linux). */
async function serverChildOf(parentPid: number): Promise<number | undefined> {
  const { readdir } = await import('node:fs/promises');
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // stat: pid (comm) state ppid ...; comm may hold spaces, so read after its closing parenthesis.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid !== parentPid) continue;
    const commandLine = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (commandLine.includes('serverProcess')) return Number(entry);
  }
  return undefined;
}

/** Polls `probe` every 100 ms until it gives a value; fails after `timeoutMs`. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) assert.fail(`${what}: not seen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('infercap run when the target dies', () => {
  it('ends with exit 1 and the results so far, marked incomplete', async () => {
    const file = path.join(temp.path(), 'dies.yaml');
    await writeFile(file, scenario('').replace('duration: 2s', 'duration: 1s\n  - kind: open\n    rate: 40\n    duration: 30s'));
    const out = path.join(temp.path(), 'dies.json');
    const run = spawnInfercap(['run', file, '--out', out, '--quiet']);
    try {
      const pid = await eventually('the reference server of the run', () => serverChildOf(run.child.pid!));
      // The partial results file appears when the first phase has finished: kill the server during the second.
      const { access } = await import('node:fs/promises');
      await eventually('the partial results file', () => access(out).then(() => true, () => undefined));
      process.kill(pid, 'SIGKILL');
      assert.equal(await run.exited, 1);
      assert.match(run.stderr(), /exited \(SIGKILL\) during the run; the results so far were written, marked incomplete/);
      const partial = await readResults(out, ['run']);
      assert.equal(partial.complete, false);
      assert.ok(partial.phases.length >= 1);
    } finally {
      await run.kill();
    }
  });
});
