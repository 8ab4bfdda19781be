import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Job } from 'kubernetes-models/batch/v1';
import { ConfigMap, PersistentVolumeClaim } from 'kubernetes-models/v1';
import { parse } from 'yaml';
import { isInfercapError } from '../../../common/errors.ts';
import { emitRunManifests, kubernetesRunOptions, type KubernetesRunFlags } from '../../../harness/kubernetes/emitRunManifests.ts';
import { loadJob, mergeJob, type RunManifestOptions } from '../../../harness/kubernetes/runManifests.ts';
import { loadScenario } from '../../../harness/scenario/loadScenario.ts';
import { deploymentManifest, manifestsYaml, serviceManifest } from '../../../simulator/plan/kubernetesManifests.ts';

const scenarioFile = path.resolve(import.meta.dirname, '../../../scenarios/steady.yaml');
const scenarioYaml = readFileSync(scenarioFile, 'utf8');
const flags: KubernetesRunFlags = {
  emitK8s: 'k8s',
  shards: 4,
  image: 'registry.example/infercap:1.0',
  k8sName: 'infercap-test',
  k8sTarget: 'http://infercap',
  shardCpu: '2',
  shardMemory: '1Gi',
  resultsStorage: '1Gi',
  mergeDeadline: '2h',
};
const options = (overrides: Partial<KubernetesRunFlags> = {}): RunManifestOptions => kubernetesRunOptions({ ...flags, ...overrides }, loadScenario(scenarioFile), scenarioYaml)!;

/** The shell script a container runs (`/bin/sh -c SCRIPT`). */
const scriptOf = (job: ReturnType<typeof loadJob>) => job.spec!.template.spec!.containers[0]!.command![2]!;

describe('Kubernetes manifests of a sharded run', () => {
  it('writes a ConfigMap, a results volume, an Indexed Job and a merge Job that the API schema accepts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'infercap-k8s-'));
    const files = await emitRunManifests(dir, options());
    assert.deepEqual(files.map((f) => path.basename(f)), ['scenario-configmap.yaml', 'results-pvc.yaml', 'load-job.yaml', 'merge-job.yaml']);
    const read = (file: string) => parse(readFileSync(path.join(dir, file), 'utf8'));
    new ConfigMap(read('scenario-configmap.yaml')).validate();
    new PersistentVolumeClaim(read('results-pvc.yaml')).validate();
    const load = read('load-job.yaml');
    new Job(load).validate();
    new Job(read('merge-job.yaml')).validate();
    assert.deepEqual([load.spec.completionMode, load.spec.completions, load.spec.parallelism, load.spec.backoffLimit], ['Indexed', 4, 4, 0]);
    assert.equal(load.spec.template.spec.containers[0].image, 'registry.example/infercap:1.0');
    assert.deepEqual(load.spec.template.spec.containers[0].resources.requests, { cpu: '2', memory: '1Gi' });
    assert.doesNotMatch(readFileSync(path.join(dir, 'load-job.yaml'), 'utf8'), /[&*]a\d/); // no YAML aliases
  });

  it('runs shard index+1 of N against the fleet, a threshold verdict of one shard not failing its pod', () => {
    const script = scriptOf(loadJob(options()));
    assert.match(script, /^infercap run \/scenario\/scenario\.yaml --shard "\$\(\(JOB_COMPLETION_INDEX \+ 1\)\)\/4" --out "\/results\/shard-\$\(\(JOB_COMPLETION_INDEX \+ 1\)\)\.json"/);
    assert.match(script, /if \[ "\$code" = 0 \] \|\| \[ "\$code" = 99 \]; then touch "\/results\/shard-\$\(\(JOB_COMPLETION_INDEX \+ 1\)\)\.done"; exit 0; fi/);
    const configMap = parse(scenarioYaml);
    const shipped = parse(options().scenarioYaml);
    assert.deepEqual(shipped.target, { url: 'http://infercap' });
    assert.deepEqual({ ...shipped, target: null }, { ...configMap, target: null });
  });

  it('merges every shard and judges the thresholds on the whole, exiting with merge\'s code', () => {
    const script = scriptOf(mergeJob(options()));
    assert.match(script, /exec infercap merge \/results\/shard-1\.json \/results\/shard-2\.json \/results\/shard-3\.json \/results\/shard-4\.json --out \/results\/merged\.json$/);
    assert.equal(mergeJob(options()).spec!.activeDeadlineSeconds, 7200);
  });

  it('writes scripts /bin/sh parses', () => {
    for (const job of [loadJob(options()), mergeJob(options())]) {
      const parsed = spawnSync('/bin/sh', ['-n', '-c', scriptOf(job)], { encoding: 'utf8' });
      assert.equal(parsed.status, 0, parsed.stderr);
    }
  });

  it('lives beside the fleet of plan --emit-k8s without its Service selecting the load pods', () => {
    const instance = { name: 'cpu-small', kind: 'cpu' as const, pricePerHour: 0.05, currency: 'USD', calibration: null, requests: { cpu: '1' } };
    const service = serviceManifest({ name: 'infercap', image: 'infercap:latest', replicas: 2, instance });
    const labels = loadJob(options()).spec!.template.metadata!.labels!;
    assert.notEqual(labels['app.kubernetes.io/name'], service.spec!.selector!['app.kubernetes.io/name']);
    assert.equal(parse(manifestsYaml([deploymentManifest({ name: 'infercap', image: 'infercap:latest', replicas: 2, instance })])).metadata.name, 'infercap');
  });

  it('rejects bad options with the flag and the problem', () => {
    const problem = (overrides: Partial<KubernetesRunFlags>) => {
      try {
        options(overrides);
      } catch (error) {
        assert.ok(isInfercapError(error));
        assert.equal(error.exitCode, 2);
        return error.message;
      }
      assert.fail('expected an error');
    };
    assert.match(problem({ shards: 0 }), /^--shards: needs a whole number of pods from 1 to 10000/);
    assert.match(problem({ shards: undefined }), /^--shards: /);
    assert.match(problem({ shard: '1/2' }), /^--shard: cannot be used with --emit-k8s/);
    assert.match(problem({ k8sTarget: 'infercap' }), /^--k8s-target: "infercap" is not a URL/);
    assert.match(problem({ shardCpu: 'lots' }), /^--shard-cpu: "lots" is not a positive Kubernetes quantity/);
    assert.match(problem({ k8sName: 'Load_Test' }), /^--k8s-name: "Load_Test" is not a Kubernetes name/);
    assert.throws(() => kubernetesRunOptions({ ...flags, emitK8s: undefined }, loadScenario(scenarioFile), scenarioYaml), /--shards: is for --emit-k8s DIR/);
    assert.equal(kubernetesRunOptions({ ...flags, emitK8s: undefined, shards: undefined }, loadScenario(scenarioFile), scenarioYaml), undefined);
  });
});
