import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { simulationResultsSchema } from '../../../simulator/simulate/simulationResults.ts';
import { useTempDir } from '../../support/tempDir.ts';
import { runInfercap as infercap } from '../../../harness/target/infercapProcess.ts';

const temp = useTempDir('infercap-simulate');

const trace = 'test/fixtures/sim/short-trace.yaml';
const instance = 'scenarios/instances/cpu-small.yaml';

describe('infercap simulate (process)', () => {
  it('writes results matching the schema and prints the summary as JSON', async () => {
    const out = path.join(temp.path(), 'sim.json');
    const { code, stdout, stderr } = await infercap(['simulate', '--trace', trace, '--policy', 'scenarios/policies/hpa-cpu-60.yaml', '--instance', instance, '--out', out, '--json', '--startup-delay', '20s:60s']);
    assert.equal(code, 0, stderr);
    const results = simulationResultsSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    assert.deepEqual(JSON.parse(stdout), results.summary);
    assert.equal(results.summary.seconds, 10_800);
    assert.deepEqual(results.cluster.startupDelaySeconds, { min: 20, max: 60, seed: 1 });
    assert.equal(results.policy.name, 'hpa-cpu-60');
  });

  it('runs every shipped policy file', async () => {
    const short = path.join(temp.path(), 'ten-minutes.yaml');
    writeFileSync(short, 'duration: 10m\nseed: 1\nbaseRps: 200\n');
    for (const policy of ['fixed-6', 'hpa-rps', 'hpa-p95', 'knative']) {
      const { code, stderr } = await infercap(['simulate', '--trace', short, '--policy', `scenarios/policies/${policy}.yaml`, '--instance', 'scenarios/instances/gpu-t4.yaml', '--out', path.join(temp.path(), `${policy}.json`)]);
      assert.equal(code, 0, `${policy}: ${stderr}`);
    }
  });

  it('exits 2 naming the file, line and field of a bad policy', async () => {
    const policy = path.join(temp.path(), 'bad.yaml');
    writeFileSync(policy, 'kind: hpa\nspec:\n  maxReplicas: 4\n  metrics:\n    - type: Pods\n      pods: { metric: { name: queue_depth }, target: { type: AverageValue, averageValue: "5" } }\n');
    const { code, stderr } = await infercap(['simulate', '--trace', trace, '--policy', policy, '--instance', instance, '--out', path.join(temp.path(), 'never.json')]);
    assert.equal(code, 2);
    assert.match(stderr, /bad\.yaml:6: spec\.metrics\[0\]\.pods\.metric\.name: the simulated pods expose requests_per_second and inflight_requests/);
  });

  it('exits 2 on a bad SLO or cluster flag', async () => {
    const slo = await infercap(['simulate', '--trace', trace, '--policy', 'scenarios/policies/fixed-6.yaml', '--instance', instance, '--slo', 'fast please']);
    assert.equal(slo.code, 2);
    assert.match(slo.stderr, /--slo: "fast please" is not a latency SLO/);
    const delay = await infercap(['simulate', '--trace', trace, '--policy', 'scenarios/policies/fixed-6.yaml', '--instance', instance, '--startup-delay', '90s:20s']);
    assert.equal(delay.code, 2);
    assert.match(delay.stderr, /--startup-delay: max must be at least min/);
  });
});
