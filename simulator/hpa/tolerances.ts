// The dead band around a usage ratio of 1 inside which the controller keeps the current replica count.

import type { ControllerConfig, HpaSpec } from './hpaInput.ts';

export interface Tolerances {
  scaleDown: number;
  scaleUp: number;
}

/**
 * Kubernetes' tolerancesForHpa: the controller flag, overridden per direction by behavior.*.tolerance only
 * when the HPAConfigurableTolerance gate is on.
 */
export function tolerancesFor(spec: HpaSpec, controller: ControllerConfig): Tolerances {
  if (!controller.featureGates.HPAConfigurableTolerance) return { scaleDown: controller.tolerance, scaleUp: controller.tolerance };
  return {
    scaleDown: spec.behavior?.scaleDown?.tolerance ?? controller.tolerance,
    scaleUp: spec.behavior?.scaleUp?.tolerance ?? controller.tolerance,
  };
}

/** Tolerances.isWithin: (1 - down) <= ratio <= (1 + up), both ends inclusive. */
export const isWithinTolerance = (t: Tolerances, usageRatio: number): boolean =>
  1.0 - t.scaleDown <= usageRatio && usageRatio <= 1.0 + t.scaleUp;
