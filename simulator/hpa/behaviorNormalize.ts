// Kubernetes' normalizeDesiredReplicasWithBehaviors: stabilization windows (scale-up takes the lowest
// recommendation of its window, scale-down the highest of its), then the rate policies over recent scale events.

import type { Behavior, ScalingRules } from './behaviorDefaults.ts';
import type { ScaleEvent, TimestampedRecommendation } from './hpaInput.ts';
import type { Limited } from './limitCondition.ts';

const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;

/** stabilizeRecommendationWithBehaviors. Records the unstabilized proposal in `history` (mutated). */
export function stabilizeWithBehaviors(
  history: TimestampedRecommendation[],
  behavior: Behavior,
  now: number,
  currentReplicas: number,
  proposal: number,
): number {
  const upCutoff = now - behavior.scaleUp.stabilizationWindowSeconds;
  const downCutoff = now - behavior.scaleDown.stabilizationWindowSeconds;
  let upRecommendation = proposal;
  let downRecommendation = proposal;
  let oldIndex = -1;
  for (let i = 0; i < history.length; i++) {
    const rec = history[i]!;
    if (rec.timestamp > upCutoff) upRecommendation = Math.min(rec.replicas, upRecommendation);
    if (rec.timestamp > downCutoff) downRecommendation = Math.max(rec.replicas, downRecommendation);
    if (rec.timestamp < upCutoff && rec.timestamp < downCutoff) oldIndex = i;
  }
  let recommendation = currentReplicas;
  if (recommendation < upRecommendation) recommendation = upRecommendation;
  if (recommendation > downRecommendation) recommendation = downRecommendation;
  const entry = { replicas: proposal, timestamp: now };
  if (oldIndex >= 0) history[oldIndex] = entry;
  else history.push(entry);
  return recommendation;
}

/** getReplicasChangePerPeriod: the replicas changed by events strictly after now − period. */
export function replicasChangePerPeriod(periodSeconds: number, events: readonly ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds;
  let sum = 0;
  for (const e of events) if (e.timestamp > cutoff) sum += e.replicaChange;
  return sum;
}

interface Events {
  up: readonly ScaleEvent[];
  down: readonly ScaleEvent[];
  now: number;
}

function periodStart(currentReplicas: number, periodSeconds: number, events: Events): number {
  return currentReplicas - replicasChangePerPeriod(periodSeconds, events.up, events.now) + replicasChangePerPeriod(periodSeconds, events.down, events.now);
}

/** calculateScaleUpLimitWithScalingRules. */
export function scaleUpLimitWithRules(currentReplicas: number, events: Events, rules: ScalingRules): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const pick = rules.selectPolicy === 'Min' ? Math.min : Math.max;
  let result = rules.selectPolicy === 'Min' ? INT32_MAX : INT32_MIN;
  for (const policy of rules.policies) {
    const start = periodStart(currentReplicas, policy.periodSeconds, events);
    // Percent rounds up so that a small percentage can still add a replica.
    const proposed = policy.type === 'Pods' ? start + policy.value : Math.ceil(start * (1 + policy.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/** calculateScaleDownLimitWithBehaviors. */
export function scaleDownLimitWithRules(currentReplicas: number, events: Events, rules: ScalingRules): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const pick = rules.selectPolicy === 'Min' ? Math.max : Math.min;
  let result = rules.selectPolicy === 'Min' ? INT32_MIN : INT32_MAX;
  for (const policy of rules.policies) {
    const start = periodStart(currentReplicas, policy.periodSeconds, events);
    const proposed = policy.type === 'Pods' ? start - policy.value : Math.trunc(start * (1 - policy.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/** convertDesiredReplicasWithBehaviorRate. */
export function convertWithBehaviorRate(
  behavior: Behavior,
  events: Events,
  currentReplicas: number,
  desired: number,
  minReplicas: number,
  maxReplicas: number,
): Limited {
  if (desired > currentReplicas) {
    // No further scale-up until events leave the period.
    const limit = Math.max(scaleUpLimitWithRules(currentReplicas, events, behavior.scaleUp), currentReplicas);
    const [maximumAllowed, condition] = maxReplicas > limit ? [limit, 'ScaleUpLimit' as const] : [maxReplicas, 'TooManyReplicas' as const];
    if (desired > maximumAllowed) return { replicas: maximumAllowed, condition };
  } else if (desired < currentReplicas) {
    const limit = Math.min(scaleDownLimitWithRules(currentReplicas, events, behavior.scaleDown), currentReplicas);
    const [minimumAllowed, condition] = minReplicas < limit ? [limit, 'ScaleDownLimit' as const] : [minReplicas, 'TooFewReplicas' as const];
    if (desired < minimumAllowed) return { replicas: minimumAllowed, condition };
  }
  return { replicas: desired, condition: 'DesiredWithinRange' };
}

/** normalizeDesiredReplicasWithBehaviors. Mutates `history`. */
export function normalizeWithBehaviors(
  history: TimestampedRecommendation[],
  behavior: Behavior,
  events: Events,
  currentReplicas: number,
  proposal: number,
  minReplicas: number,
  maxReplicas: number,
): Limited {
  const stabilized = stabilizeWithBehaviors(history, behavior, events.now, currentReplicas, proposal);
  return convertWithBehaviorRate(behavior, events, currentReplicas, stabilized, minReplicas, maxReplicas);
}
