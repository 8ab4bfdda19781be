// Kubernetes' storeScaleEvent: the scale events the rate policies count, kept only when spec.behavior is set;
// an event older than the direction's longest policy period is marked outdated and its slot reused.

import type { Behavior, ScalingRules } from './behaviorDefaults.ts';
import type { ScaleEvent } from './hpaInput.ts';

const longestPolicyPeriod = (rules: ScalingRules) => rules.policies.reduce((longest, p) => Math.max(longest, p.periodSeconds), 0);

function recordEvent(events: readonly ScaleEvent[], rules: ScalingRules, replicaChange: number, now: number): ScaleEvent[] {
  const cutoff = now - longestPolicyPeriod(rules);
  const marked = events.map((e) => (e.timestamp < cutoff ? { ...e, outdated: true } : { ...e }));
  let oldIndex = -1;
  marked.forEach((e, i) => {
    if (e.outdated) oldIndex = i;
  });
  const event = { replicaChange, timestamp: now, outdated: false };
  if (oldIndex >= 0) marked[oldIndex] = event;
  else marked.push(event);
  return marked;
}

/** The scale-up and scale-down event lists after the controller scaled from `previous` to `next` replicas. */
export function storeScaleEvent(
  behavior: Behavior | undefined,
  up: readonly ScaleEvent[],
  down: readonly ScaleEvent[],
  previous: number,
  next: number,
  now: number,
): { scaleUpEvents: ScaleEvent[]; scaleDownEvents: ScaleEvent[] } {
  if (behavior === undefined) return { scaleUpEvents: [...up], scaleDownEvents: [...down] };
  if (next > previous) return { scaleUpEvents: recordEvent(up, behavior.scaleUp, next - previous, now), scaleDownEvents: [...down] };
  return { scaleUpEvents: [...up], scaleDownEvents: recordEvent(down, behavior.scaleDown, previous - next, now) };
}
