import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { runInfercap } from '../../../harness/target/infercapProcess.ts';
import { readResults } from '../../../harness/results/resultsFile.ts';
import { ensureTestModels } from '../../support/referenceServer.ts';
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
    const results = await readResults(out);
    assert.equal(results.complete, true);
    assert.deepEqual(results.phases.map((phase) => phase.name), ['warmup', 'open-50', 'closed-4']);
    assert.equal(results.target.kind, 'reference');
    assert.ok(results.overall.counts.ok > 0);
    assert.equal(results.overall.counts.sent, results.phases.filter((p) => !p.warmup).reduce((sum, p) => sum + p.counts.sent, 0));
    assert.match(stdout, /5 of 5 thresholds passed/);
    assert.match(await readFile(junit, 'utf8'), /<testcase [^>]*name="latency: p\(95\) &lt; 250ms"/);
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
