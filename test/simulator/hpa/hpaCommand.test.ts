import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInfercapError } from '../../../common/errors.ts';
import { runHpaCommand } from '../../../harness/cli/commands/hpa.ts';

describe('infercap hpa (runHpaCommand)', () => {
  it('prints one JSON object with the decision and the updated history', () => {
    // GetResourceReplicas: (300×100)/1000 = 30 % of a 1000m request, target 15 % → ratio 2 → ceil(2 × 1) = 2.
    const state = {
      now: 600,
      spec: { minReplicas: 1, maxReplicas: 6, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 15 } } }] },
      currentReplicas: 1,
      pods: [{ name: 'p0', startTime: 0, readyTransitionTime: 10, requests: { cpu: 1000 }, metrics: { cpu: 300 }, metricTimestamp: 590, metricWindowSeconds: 30 }],
    };
    const text = runHpaCommand(JSON.stringify(state));
    assert.equal(text.endsWith('\n'), true);
    assert.deepEqual(JSON.parse(text), {
      desiredReplicas: 2,
      metrics: [{ type: 'Resource', name: 'cpu', proposal: 2, utilization: 30, averageValue: 300 }],
      condition: 'DesiredWithinRange',
      recommendations: [
        { replicas: 1, timestamp: 600 },
        { replicas: 2, timestamp: 600 },
      ],
      scaleUpEvents: [],
      scaleDownEvents: [],
    });
  });

  it('reads the feature gates from the controller flags of the state', () => {
    // HPAScaleToZero with an External metric: from 0 replicas, ceil(2500/1000) = 3 (getUsageRatioReplicaCount).
    const state = {
      now: 0,
      spec: { minReplicas: 0, maxReplicas: 6, metrics: [{ type: 'External', external: { metric: { name: 'queue' }, target: { type: 'Value', value: 1000 } } }] },
      currentReplicas: 0,
      externalMetrics: { queue: [2500] },
      controller: { featureGates: { HPAScaleToZero: true } },
    };
    assert.equal(JSON.parse(runHpaCommand(JSON.stringify(state))).desiredReplicas, 3);
  });

  it('fails with exit code 2 on bad JSON and on bad input, naming the field', () => {
    for (const [text, pattern] of [
      ['{', /^stdin: \(root\): not valid JSON/],
      ['{"now": 0, "spec": {"maxReplicas": 2, "metrics": [{"type": "Bogus"}]}, "currentReplicas": 1}', /^stdin: spec\.metrics\[0\]\.type: /],
      ['{"now": 0, "spec": {"minReplicas": 0, "maxReplicas": 2}, "currentReplicas": 1}', /^stdin: spec\.minReplicas: must be greater than or equal to 1/],
      ['{"now": 0, "spec": {"maxReplicas": 2}, "currentReplicas": 1, "controller": {"featureGates": {"HPAScaleToZero": "yes"}}}', /^stdin: controller\.featureGates\.HPAScaleToZero: /],
    ] as const) {
      assert.throws(
        () => runHpaCommand(text, 'stdin'),
        (error: unknown) => isInfercapError(error) && error.exitCode === 2 && pattern.test(error.message),
      );
    }
  });
});
