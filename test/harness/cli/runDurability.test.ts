import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readResults } from '../../../harness/results/resultsFile.ts';
import { waitForPartialResults } from '../../../bench/reliability/durabilityRun.ts';
import { within } from '../../../bench/reliability/within.ts';
import { spawnInfercap } from '../../../harness/target/infercapProcess.ts';
import type { RunningServer } from '../../../reference-server/server.ts';
import { startTestServer } from '../../support/referenceServer.ts';
import { useTempDir } from '../../support/tempDir.ts';

const temp = useTempDir('infercap-durability');

const scenarioFor = (url: string) => `name: long
target:
  url: ${url}
workload:
  model: mnist-mlp
phases:
  - kind: open
    rate: 50
    duration: 60s
`;

describe('infercap run durability', () => {
  let server: RunningServer;
  before(async () => {
    server = await startTestServer({ models: ['mnist-mlp'], apiKey: ['durable-key'] });
  });
  after(() => server?.close());

  it('leaves a readable partial results file, marked incomplete, when the harness is SIGKILLed mid-phase', async (t) => {
    const scenario = path.join(temp.path(), 'long.yaml');
    const out = path.join(temp.path(), 'killed.json');
    await writeFile(scenario, scenarioFor(server.url));
    const harness = spawnInfercap(['run', scenario, '--out', out, '--flush-every', '300ms', '--api-key', 'durable-key', '--quiet']);
    t.after(() => harness.kill());
    const partial = await waitForPartialResults(out, 20, 20_000);
    harness.child.kill('SIGKILL');
    assert.equal(await harness.exited, 'SIGKILL');
    const left = await readResults(out, ['run']);
    assert.equal(left.complete, false);
    assert.equal(left.phases.length, 1);
    assert.ok(left.overall.counts.ok >= partial.overall.counts.ok);
    // The API key was sent: nothing was refused with 401.
    assert.equal(left.overall.counts.errors, 0, JSON.stringify(left.overall.errors));
  });

  it('ends with exit 1 and the results so far when a URL target dies mid-run', async (t) => {
    const doomed = await startTestServer({ models: ['mnist-mlp'] });
    t.after(() => doomed.close());
    const scenario = path.join(temp.path(), 'doomed.yaml');
    const out = path.join(temp.path(), 'doomed.json');
    await writeFile(scenario, scenarioFor(doomed.url));
    const harness = spawnInfercap(['run', scenario, '--out', out, '--flush-every', '300ms', '--quiet']);
    t.after(() => harness.kill());
    await waitForPartialResults(out, 20, 20_000);
    await doomed.close();
    const code = await within(harness.exited, 20_000, 'still running after 20 s');
    assert.equal(code, 1, harness.stderr());
    assert.match(harness.stderr(), /the target http:\/\/127\.0\.0\.1:\d+ stopped answering during the run \(connections refused 3 times in a row\)/);
    const left = await readResults(out, ['run']);
    assert.equal(left.complete, false);
    assert.ok(left.overall.counts.ok >= 20);
  });

  it('refuses a bad --flush-every with exit 2', async () => {
    const harness = spawnInfercap(['run', 'smoke', '--flush-every', 'often', '--quiet']);
    assert.equal(await harness.exited, 2);
    assert.match(harness.stderr(), /--flush-every: "often" is not a duration/);
  });
});
