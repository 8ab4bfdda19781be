import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInfercapError } from '../../../common/errors.ts';
import { resolveBehavior } from '../../../simulator/hpa/behaviorDefaults.ts';
import { parseHpaInput } from '../../../simulator/hpa/hpaInput.ts';

const base = { now: 0, spec: { maxReplicas: 4 }, currentReplicas: 1 };

function problem(value: unknown): string {
  try {
    parseHpaInput(value, 'state.json');
  } catch (error) {
    assert.ok(isInfercapError(error));
    assert.equal(error.exitCode, 2);
    return error.message;
  }
  assert.fail('expected a validation error');
}

describe('parseHpaInput', () => {
  it('applies the Kubernetes defaults: minReplicas 1, CPU 80 %, controller flags, feature gates off', () => {
    const input = parseHpaInput(base, 'state.json');
    assert.equal(input.spec.minReplicas, 1);
    assert.deepEqual(input.spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    assert.deepEqual(input.controller, {
      tolerance: 0.1,
      cpuInitializationPeriodSeconds: 300,
      initialReadinessDelaySeconds: 30,
      downscaleStabilizationWindowSeconds: 300,
      featureGates: { HPAScaleToZero: false, HPAConfigurableTolerance: false },
    });
  });

  it('names the field of an unknown metric type', () => {
    assert.match(problem({ ...base, spec: { maxReplicas: 4, metrics: [{ type: 'ContainerResource' }] } }), /^state\.json: spec\.metrics\[0\]\.type: /);
  });

  it('rejects negative replicas, min > max and wrong types, naming the field', () => {
    assert.match(problem({ ...base, currentReplicas: -1 }), /^state\.json: currentReplicas: /);
    assert.match(problem({ ...base, spec: { minReplicas: 5, maxReplicas: 4 } }), /^state\.json: spec\.minReplicas: must not exceed maxReplicas \(4\)/);
    assert.match(problem({ ...base, now: 'soon' }), /^state\.json: now: /);
    assert.match(
      problem({ ...base, spec: { maxReplicas: 4, behavior: { scaleUp: { policies: [{ type: 'Pods', value: 0, periodSeconds: 15 }] } } } }),
      /^state\.json: spec\.behavior\.scaleUp\.policies\[0\]\.value: /,
    );
  });
  it('rejects two pods of the same name, naming the second', () => {
    assert.match(problem({ ...base, pods: [{ name: 'p0' }, { name: 'p1' }, { name: 'p0' }] }), /^state\.json: pods\[2\]\.name: "p0" is already the name of pods\[0\]/);
  });
});

describe('resolveBehavior', () => {
  it('fills Kubernetes defaults field by field, the scale-down window from the controller flag', () => {
    const { controller } = parseHpaInput(base, 'x');
    assert.deepEqual(resolveBehavior({ scaleUp: { selectPolicy: 'Min' } }, controller), {
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Min',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });
});
