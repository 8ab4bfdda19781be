// Kubernetes' storeScaleEvent: the scale events the rate policies count, kept only when spec.behavior is set;
// an event older than the direction's longest policy period is marked outdated and its slot reused.

import type { Behavior, ScalingRules } from './behaviorDefaults.ts';
import type { ScaleEvent } from './hpaInput.ts';

const longestPolicyPeriod = (rules: ScalingRules) => rules.policies.reduce((longest, p) => Math.max(longest, p.periodSeconds), 0);

/** Records a change of `replicaChange` at `now` in `events` (mutated). */
function recordEvent(events: ScaleEvent[], rules: ScalingRules, replicaChange: number, now: number): void {
  const cutoff = now - longestPolicyPeriod(rules);
  let oldIndex = -1;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.timestamp < cutoff) e.outdated = true;
    if (e.outdated) oldIndex = i;
  }
  const event = { replicaChange, timestamp: now, outdated: false };
  if (oldIndex >= 0) events[oldIndex] = event;
  else events.push(event);
}

/** Updates the scale-up and scale-down event lists (mutated) after the controller scaled from `previous` to `next` replicas. */
export function storeScaleEvent(
  behavior: Behavior | undefined,
  events: { scaleUpEvents: ScaleEvent[]; scaleDownEvents: ScaleEvent[] },
  previous: number,
  next: number,
  now: number,
): void {
  if (behavior === undefined) return;
  if (next > previous) recordEvent(events.scaleUpEvents, behavior.scaleUp, next - previous, now);
  else recordEvent(events.scaleDownEvents, behavior.scaleDown, previous - next, now);
}
