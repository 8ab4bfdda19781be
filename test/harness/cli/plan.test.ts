import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Service } from 'kubernetes-models/v1';
import { parse } from 'yaml';
import { planResultsSchema } from '../../../simulator/plan/planResults.ts';
import { useTempDir } from '../../support/tempDir.ts';
import { runInfercap as infercap } from '../../../harness/target/infercapProcess.ts';

const temp = useTempDir('infercap-plan');
const instance = 'scenarios/instances/cpu-small.yaml';

function writeTrace(): string {
  const file = path.join(temp.path(), 'trace.yaml');
  writeFileSync(file, 'duration: 40m\nseed: 5\nbaseRps: 30\ncomponents:\n  - ramp: { from: 30, to: 350, start: 10m, end: 20m }\n  - ramp: { from: 350, to: 30, start: 25m, end: 30m }\n');
  return file;
}

describe('infercap plan (process)', () => {
  it('writes the plan and Kubernetes manifests that the API schema accepts', async () => {
    const out = path.join(temp.path(), 'plan.json');
    const k8s = path.join(temp.path(), 'k8s');
    const { code, stdout, stderr } = await infercap(['plan', '--trace', writeTrace(), '--instance', instance, '--workers', '2', '--out', out, '--emit-k8s', k8s]);
    assert.equal(code, 0, stderr);
    const plan = planResultsSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    assert.match(stdout, /^recommended: /m);
    assert.ok(plan.recommended !== null);
    const deployment = parse(readFileSync(path.join(k8s, 'deployment.yaml'), 'utf8'));
    new Deployment(deployment).validate();
    new Service(parse(readFileSync(path.join(k8s, 'service.yaml'), 'utf8'))).validate();
    if (plan.recommended.kind === 'hpa') {
      const hpaText = readFileSync(path.join(k8s, 'hpa.yaml'), 'utf8');
      assert.equal(hpaText, plan.hpaYaml);
      const hpa = parse(hpaText);
      new HorizontalPodAutoscaler(hpa).validate();
      assert.equal(deployment.spec.replicas, hpa.spec.minReplicas);
    }
  });

  it('exits 2 when no replica count can meet the SLO', async () => {
    const { code, stderr } = await infercap(['plan', '--trace', writeTrace(), '--instance', instance, '--slo', 'p95 < 10ms', '--out', path.join(temp.path(), 'never.json')]);
    assert.equal(code, 2);
    assert.match(stderr, /no replica count meets the SLO "p95 < 10ms": one replica's p95 service time alone is 15 ms/);
  });

  it('exits 2 on an unknown metric to search', async () => {
    const { code, stderr } = await infercap(['plan', '--trace', writeTrace(), '--instance', instance, '--metrics', 'cpu,gpu']);
    assert.equal(code, 2);
    assert.match(stderr, /--metrics: unknown metric "gpu"/);
  });
});
