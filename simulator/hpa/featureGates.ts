// The kube-controller-manager / kube-apiserver feature gates that change what an HPA may declare or how the
// controller reads it. Off by default, as in a stock cluster that has not enabled them; the spec checks that
// depend on them are defined here once, for the `infercap hpa` state and for policy files alike.

import { z } from 'zod';

/** --feature-gates=…: each one false unless declared. */
export const featureGatesSchema = z
  .strictObject({
    /** Alpha: allows minReplicas 0 when the HPA has an Object or External metric. */
    HPAScaleToZero: z.boolean().default(false),
    /** Per-direction behavior.scaleUp/scaleDown.tolerance; without it the API server drops the field. */
    HPAConfigurableTolerance: z.boolean().default(false),
  })
  .prefault({});
export type FeatureGates = z.output<typeof featureGatesSchema>;

/** What the gated checks read of a spec (both the controller's input and a policy file have it). */
interface GatedSpec {
  minReplicas: number;
  metrics: readonly { type: string }[];
  behavior?: { scaleUp?: { tolerance?: number | undefined } | undefined; scaleDown?: { tolerance?: number | undefined } | undefined } | undefined;
}

export interface GateIssue {
  /** Path below the spec. */
  path: (string | number)[];
  message: string;
}

/**
 * ValidateHorizontalPodAutoscaler's gated rules (pkg/apis/autoscaling/validation): minReplicas ≥ 1 unless
 * HPAScaleToZero, and then 0 only with an Object or External metric; a per-direction tolerance needs
 * HPAConfigurableTolerance (a stock API server would silently drop it, which a planner must not do unseen).
 */
export function featureGateIssues(spec: GatedSpec, gates: FeatureGates): GateIssue[] {
  const issues: GateIssue[] = [];
  if (spec.minReplicas === 0) {
    if (!gates.HPAScaleToZero) issues.push({ path: ['minReplicas'], message: 'must be greater than or equal to 1 (minReplicas 0 needs the HPAScaleToZero feature gate)' });
    else if (!spec.metrics.some((m) => m.type === 'Object' || m.type === 'External'))
      issues.push({ path: ['metrics'], message: 'must specify at least one Object or External metric to support scaling to zero replicas' });
  }
  if (!gates.HPAConfigurableTolerance)
    for (const direction of ['scaleUp', 'scaleDown'] as const)
      if (spec.behavior?.[direction]?.tolerance !== undefined)
        issues.push({ path: ['behavior', direction, 'tolerance'], message: 'needs the HPAConfigurableTolerance feature gate (without it Kubernetes drops the field)' });
  return issues;
}
