// Kubernetes' normalizeDesiredReplicas, the path without spec.behavior: the downscale stabilization window
// over the recommendation history, then min/max and the scale-up limit max(factor × current, minimum).

import type { ControllerConfig, TimestampedRecommendation } from './hpaInput.ts';
import type { Limited } from './limitCondition.ts';

/**
 * stabilizeRecommendation: the highest recommendation not older than the window (the proposal included);
 * records the proposal in place of the last expired entry, or appends it. Mutates `history`.
 */
export function stabilizeRecommendation(
  history: TimestampedRecommendation[],
  proposal: number,
  now: number,
  windowSeconds: number,
): number {
  let highest = proposal;
  let oldIndex = -1;
  const cutoff = now - windowSeconds;
  for (let i = 0; i < history.length; i++) {
    const rec = history[i]!;
    if (rec.timestamp < cutoff) oldIndex = i;
    else if (rec.replicas > highest) highest = rec.replicas;
  }
  const entry = { replicas: proposal, timestamp: now };
  if (oldIndex >= 0) history[oldIndex] = entry;
  else history.push(entry);
  return highest;
}

// horizontal.go's scaleUpLimitFactor and scaleUpLimitMinimum: constants of the controller, no flag sets them.
const scaleUpLimitFactor = 2.0;
const scaleUpLimitMinimum = 4.0;

/** calculateScaleUpLimit: int32(max(2 × current, 4)). */
export const scaleUpLimit = (currentReplicas: number): number => Math.trunc(Math.max(scaleUpLimitFactor * currentReplicas, scaleUpLimitMinimum));

/** convertDesiredReplicasWithRules. */
export function convertDesiredReplicasWithRules(
  currentReplicas: number,
  desired: number,
  minReplicas: number,
  maxReplicas: number,
): Limited {
  const upLimit = scaleUpLimit(currentReplicas);
  const [maximumAllowed, limitingCondition] = maxReplicas > upLimit ? [upLimit, 'ScaleUpLimit' as const] : [maxReplicas, 'TooManyReplicas' as const];
  if (desired < minReplicas) return { replicas: minReplicas, condition: 'TooFewReplicas' };
  if (desired > maximumAllowed) return { replicas: maximumAllowed, condition: limitingCondition };
  return { replicas: desired, condition: 'DesiredWithinRange' };
}

/** normalizeDesiredReplicas. Mutates `history`. */
export function normalizeDesiredReplicas(
  history: TimestampedRecommendation[],
  now: number,
  currentReplicas: number,
  proposal: number,
  minReplicas: number,
  maxReplicas: number,
  controller: ControllerConfig,
): Limited {
  const stabilized = stabilizeRecommendation(history, proposal, now, controller.downscaleStabilizationWindowSeconds);
  return convertDesiredReplicasWithRules(currentReplicas, stabilized, minReplicas, maxReplicas);
}
