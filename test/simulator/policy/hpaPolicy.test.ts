import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isInfercapError } from '../../../common/errors.ts';
import { clusterConfigSchema } from '../../../simulator/cluster/clusterConfig.ts';
import { loadPolicyFile } from '../../../simulator/policy/loadPolicy.ts';
import { createPolicy, policySchema } from '../../../simulator/policy/policyRegistry.ts';
import { serviceModel } from '../../../simulator/service/serviceModel.ts';
import { runSimulation } from '../../../simulator/simulate/runSimulation.ts';
import { parseSlo } from '../../../simulator/simulate/sloExpression.ts';

// One replica serves 100 req/s and a request costs 10 ms of its 1-core request: 50 req/s per pod is 50 % CPU.
// No queue: what a fleet cannot serve is rejected, so no backlog drains later and the numbers stay hand-checkable.
const model = serviceModel({ capacity: 100, queueLimit: 0, serviceTimeMs: { mean: 5, p50: 5, p95: 8, p99: 10 } });
const cluster = clusterConfigSchema.parse({ startupDelay: 30, syncPeriod: 15, metricsResolution: 15, metricsLag: 2 });

function run(arrivals: Float64Array, spec: unknown) {
  const policy = createPolicy(policySchema.parse({ kind: 'hpa', spec }), { cluster, serviceModel: model });
  return runSimulation({ arrivals, policy, serviceModel: model, cluster, slo: parseSlo('p95 < 100ms'), pricePerHour: 1, maxPoints: arrivals.length });
}

/** The seconds at which `values` changes, with the new value. */
function changes(values: readonly (number | null)[]): [number, number | null][] {
  const out: [number, number | null][] = [];
  values.forEach((v, t) => {
    if (t === 0 || v !== values[t - 1]) out.push([t, v]);
  });
  return out;
}

describe('HPA policy over a simulated fleet', () => {
  it('scales a step of load as the Kubernetes controller would, through scrape lag, start-up and unready pods', () => {
    // 100 req/s on 2 pods (50 % CPU, on target), then 400 req/s from second 300.
    const arrivals = new Float64Array(600).fill(100);
    arrivals.fill(400, 300);
    const { series, summary } = run(arrivals, {
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    });
    // Expected, sync by sync (syncs every 15 s; each sees the scrape at floor((now − 2) / 15) · 15 of the 15 s before it):
    //  330: scrape 315 covers [300, 315): both pods at capacity, 100 % CPU; ratio 100/50 = 2 → ceil(2 × 2) = 4,
    //       within the no-behavior scale-up limit max(2 × 2, 4) = 4 (replica_calculator.go, horizontal.go).
    //  345: the two new pods (created at 330, Pending until 340, then Running) have no sample yet: missing, 0 on scale-up;
    //       utilization (1000 + 1000 + 0 + 0) · 100 / 4000 = 50 % → ratio 1 → keep 4.
    //  360, 375: the new pods are ready from 360, but their samples start before readyTransitionTime + window
    //       inside the CPU initialization period: unready, counted as 0 on scale-up → ratio 1 → keep 4.
    //  390: scrape 375 covers [360, 375): 4 ready pods at 100 req/s each, 100 % CPU → ceil(2 × 4) = 8,
    //       within max(2 × 4, 4) = 8. At 8 pods, 50 req/s each is 50 % CPU: on target, no more changes.
    assert.deepEqual(changes(series!.desiredReplicas), [[0, 2], [330, 4], [390, 8]]);
    // Pods become ready 30 s (the start-up delay) after their creation.
    assert.deepEqual(changes(series!.readyReplicas), [[0, 2], [360, 4], [420, 8]]);
    assert.deepEqual(summary.scaleEvents, { up: 2, down: 0 });
    // Billed: 2 pods for 330 s, 4 for 60 s, 8 for 210 s.
    assert.equal(summary.replicaHours, (2 * 330 + 4 * 60 + 8 * 210) / 3600);
  });

  it('scales on requests per second per pod (a Pods metric) with the behavior rate policy limiting the step', () => {
    const arrivals = new Float64Array(400).fill(100);
    arrivals.fill(400, 100);
    const { series } = run(arrivals, {
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [{ type: 'Pods', pods: { metric: { name: 'requests_per_second' }, target: { type: 'AverageValue', averageValue: '50' } } }],
      behavior: { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
    });
    // 120: scrape 105 covers [90, 105): 10 s at 50 and 5 s at 200 req/s per pod, mean 100 → 2 × 100/50 = 4,
    //      but one pod per 60 s → 3. 180: the event at 120 is not after the cutoff 180 − 60 (strictly after,
    //      as getReplicasChangePerPeriod) → one more pod; 240: one more (HPAScalingPolicy Pods 1 per 60 s).
    assert.deepEqual(changes(series!.desiredReplicas).slice(0, 4), [[0, 2], [120, 3], [180, 4], [240, 5]]);
  });

  it('scales on the p95 latency of the Service (an Object metric with a Value target)', () => {
    // 190 req/s on 2 pods: 95 % busy, the p95 grows past the 20 ms target; the controller adds pods.
    const arrivals = new Float64Array(300).fill(190);
    const { series } = run(arrivals, {
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [{ type: 'Object', object: { metric: { name: 'latency_p95_seconds' }, target: { type: 'Value', value: '20m' } } }],
    });
    const first = changes(series!.desiredReplicas)[1]!;
    // The first sync with a scrape of served traffic is at 30 (scrape 15); it scales up then.
    assert.equal(first[0], 30);
    assert.ok((first[1] as number) > 2);
  });
});

describe('HPA policy files: feature gates (issue 14 item 8 c, d)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'infercap-hpa-policy-'));
  function problem(yaml: string): string {
    const file = path.join(dir, 'policy.yaml');
    writeFileSync(file, yaml);
    try {
      loadPolicyFile(file);
    } catch (error) {
      assert.ok(isInfercapError(error));
      assert.equal(error.exitCode, 2);
      return error.message.replace(dir + path.sep, '');
    }
    assert.fail('expected a validation error');
  }
  const p95Metric = '    - type: Object\n      object: { metric: { name: latency_p95_seconds }, target: { type: Value, value: 80m } }\n';

  it('rejects minReplicas 0 without HPAScaleToZero, naming the file, line and field', () => {
    assert.match(problem(`kind: hpa\nspec:\n  minReplicas: 0\n  maxReplicas: 4\n  metrics:\n${p95Metric}`), /^policy\.yaml:3: spec\.minReplicas: must be greater than or equal to 1/);
  });

  it('with HPAScaleToZero, rejects minReplicas 0 without an Object metric and accepts it with one', () => {
    const gate = 'controller: { featureGates: { HPAScaleToZero: true } }\n';
    const cpu = '    - type: Resource\n      resource: { name: cpu, target: { type: Utilization, averageUtilization: 60 } }\n';
    assert.match(problem(`kind: hpa\n${gate}spec:\n  minReplicas: 0\n  maxReplicas: 4\n  metrics:\n${cpu}`), /spec\.metrics: must specify at least one Object or External metric to support scaling to zero replicas/);
    const file = path.join(dir, 'ok.yaml');
    writeFileSync(file, `kind: hpa\n${gate}spec:\n  minReplicas: 0\n  maxReplicas: 4\n  metrics:\n${p95Metric}`);
    assert.equal(loadPolicyFile(file).kind, 'hpa');
  });

  it('rejects a per-direction tolerance without HPAConfigurableTolerance, and an unknown gate', () => {
    assert.match(
      problem(`kind: hpa\nspec:\n  maxReplicas: 4\n  metrics:\n${p95Metric}  behavior:\n    scaleUp: { tolerance: 0.05 }\n`),
      /spec\.behavior\.scaleUp\.tolerance: needs the HPAConfigurableTolerance feature gate/,
    );
    assert.match(problem(`kind: hpa\ncontroller: { featureGates: { ScaleToZero: true } }\nspec:\n  maxReplicas: 4\n  metrics:\n${p95Metric}`), /controller\.featureGates/);
  });
});
