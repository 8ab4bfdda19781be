import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigMap } from 'kubernetes-models/v1';
import { kubernetesRunOptions } from '../../../harness/kubernetes/emitRunManifests.ts';
import { scenarioConfigMap } from '../../../harness/kubernetes/runManifests.ts';
import { carryTraceFiles } from '../../../harness/kubernetes/traceFiles.ts';
import { loadScenario } from '../../../harness/scenario/loadScenario.ts';

const tempDir = mkdtempSync(path.join(tmpdir(), 'infercap-k8s-traces-'));
after(() => rmSync(tempDir, { recursive: true, force: true }));


describe('carryTraceFiles', () => {
  it('carries the shipped trace-replay scenario\'s synthetic trace, and the pods load it to the same phases', () => {
    const file = path.resolve(import.meta.dirname, '../../../scenarios/trace-replay.yaml');
    const scenario = loadScenario(file);
    const carried = carryTraceFiles(scenario, readFileSync(file, 'utf8'));
    assert.deepEqual(Object.keys(carried.files), ['trace-2.yaml']);
    assert.equal(carried.files['trace-2.yaml'], readFileSync(path.resolve(path.dirname(file), 'traces/diurnal-3-days.yaml'), 'utf8'));
    // The pod's copy: every key in one folder (here with a prefix, the pod has /scenario).
    const podDir = mkdtempSync(path.join(tempDir, 'pod-'));
    writeFileSync(path.join(podDir, 'scenario.yaml'), carried.scenarioYaml);
    for (const [key, text] of Object.entries(carried.files)) writeFileSync(path.join(podDir, key), text);
    const inPod = loadScenario(path.join(podDir, 'scenario.yaml'));
    assert.deepEqual(inPod.phases.map((p) => p.duration), scenario.phases.map((p) => p.duration));
    assert.equal(inPod.phases[1]!.kind === 'trace' && inPod.phases[1]!.trace, 'trace-2.yaml');
  });

  it('carries a trace YAML\'s CSV with the YAML pointed at it, in a ConfigMap the API schema accepts', () => {
    writeFileSync(path.join(tempDir, 'day.csv'), 'timestamp,rps\n0,5\n1,10\n');
    writeFileSync(path.join(tempDir, 'day.yaml'), 'file: day.csv\nscale: 2\n');
    const scenarioYaml = 'name: t\ntarget: { url: "http://127.0.0.1:1" }\nworkload: { model: m }\nphases:\n  - kind: trace\n    trace: day.yaml\n';
    const scenarioFile = path.join(tempDir, 'scenario.yaml');
    writeFileSync(scenarioFile, scenarioYaml);
    const flags = { emitK8s: 'k8s', shards: 2, image: 'i', k8sName: 'infercap-test', k8sTarget: 'http://infercap', shardCpu: '1', shardMemory: '1Gi', resultsStorage: '1Gi', mergeDeadline: '1h' };
    const options = kubernetesRunOptions(flags, loadScenario(scenarioFile), scenarioYaml)!;
    assert.deepEqual(options.files, { 'trace-1-data.csv': 'timestamp,rps\n0,5\n1,10\n', 'trace-1.yaml': 'file: trace-1-data.csv\nscale: 2\n' });
    assert.match(options.scenarioYaml, /trace: trace-1\.yaml/);
    const configMap = new ConfigMap(scenarioConfigMap(options));
    configMap.validate();
    assert.deepEqual(Object.keys(configMap.data!).sort(), ['scenario.yaml', 'trace-1-data.csv', 'trace-1.yaml']);
  });
});
