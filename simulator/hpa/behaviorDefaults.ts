// Kubernetes' defaults for spec.behavior (GenerateHPAScaleUpRules / GenerateHPAScaleDownRules) and the
// controller's fill-in of an unset scale-down stabilization window (maybeInitScaleDownStabilizationWindow).

import type { ControllerConfig, ScalingPolicy, ScalingRulesInput } from './hpaInput.ts';

/** HPAScalingRules with every field resolved. */
export interface ScalingRules {
  stabilizationWindowSeconds: number;
  selectPolicy: 'Max' | 'Min' | 'Disabled';
  policies: readonly ScalingPolicy[];
}

export interface Behavior {
  scaleUp: ScalingRules;
  scaleDown: ScalingRules;
}

const scaleUpDefaults = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
} as const satisfies ScalingRules;

const scaleDownPolicies = [{ type: 'Percent', value: 100, periodSeconds: 15 }] as const satisfies readonly ScalingPolicy[];

/** Each field given in `behavior` wins; each absent one takes the Kubernetes default. */
export function resolveBehavior(
  behavior: { scaleUp?: ScalingRulesInput | undefined; scaleDown?: ScalingRulesInput | undefined },
  controller: ControllerConfig,
): Behavior {
  const up = behavior.scaleUp ?? {};
  const down = behavior.scaleDown ?? {};
  return {
    scaleUp: {
      stabilizationWindowSeconds: up.stabilizationWindowSeconds ?? scaleUpDefaults.stabilizationWindowSeconds,
      selectPolicy: up.selectPolicy ?? scaleUpDefaults.selectPolicy,
      policies: up.policies ?? scaleUpDefaults.policies,
    },
    scaleDown: {
      stabilizationWindowSeconds: down.stabilizationWindowSeconds ?? Math.trunc(controller.downscaleStabilizationWindowSeconds),
      selectPolicy: down.selectPolicy ?? 'Max',
      policies: down.policies ?? scaleDownPolicies,
    },
  };
}
