// One sync of Kubernetes' HPA controller (reconcileAutoscaler in horizontal.go) as a pure function:
// pre-metric clamps, metric proposals, normalization with or without spec.behavior, and the history
// (recommendations, scale events) the controller would keep, returned so that steps can be chained.

import { resolveBehavior } from './behaviorDefaults.ts';
import { normalizeWithBehaviors } from './behaviorNormalize.ts';
import type { HpaInput, ScaleEvent, TimestampedRecommendation } from './hpaInput.ts';
import type { LimitCondition } from './limitCondition.ts';
import { computeReplicasForMetrics, type MetricReport } from './metricProposals.ts';
import { normalizeDesiredReplicas } from './normalize.ts';
import { storeScaleEvent } from './scaleEvents.ts';
import { tolerancesFor } from './tolerances.ts';

/** The JSON printed by `infercap hpa`. */
export interface HpaStepOutput {
  desiredReplicas: number;
  metrics: MetricReport[];
  condition: LimitCondition;
  /** Set when some metric failed ("invalid metrics (n invalid out of m), first error is: …"). */
  error?: string;
  recommendations: TimestampedRecommendation[];
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

/** Runs one controller step on validated input (see parseHpaInput). */
export function hpaStep(input: HpaInput): HpaStepOutput {
  const { now, spec, controller, currentReplicas } = input;
  const { minReplicas, maxReplicas } = spec;
  // The controller seeds a new HPA's history with the current scale.
  const recommendations = (input.recommendations ?? [{ replicas: currentReplicas, timestamp: now }]).map((r) => ({ ...r }));
  const behavior = spec.behavior === undefined ? undefined : resolveBehavior(spec.behavior, controller);
  const unchanged = { scaleUpEvents: input.scaleUpEvents.map((e) => ({ ...e })), scaleDownEvents: input.scaleDownEvents.map((e) => ({ ...e })) };

  let metrics: MetricReport[] = [];
  let error: string | undefined;
  let desired: number;
  let condition: LimitCondition;
  if (currentReplicas === 0 && minReplicas !== 0) {
    return { desiredReplicas: 0, metrics, condition: 'ScalingDisabled', recommendations, ...unchanged };
  } else if (currentReplicas > maxReplicas) {
    [desired, condition] = [maxReplicas, 'TooManyReplicas'];
  } else if (currentReplicas < minReplicas) {
    [desired, condition] = [minReplicas, 'TooFewReplicas'];
  } else {
    let proposal: number;
    if (input.prenormalizedDesiredReplicas !== undefined) proposal = input.prenormalizedDesiredReplicas;
    else {
      const ctx = {
        pods: input.pods,
        currentReplicas,
        statusReplicas: input.statusReplicas ?? currentReplicas,
        tolerances: tolerancesFor(spec, controller),
        now,
        controller,
      };
      const outcome = computeReplicasForMetrics(ctx, spec.metrics, input);
      metrics = outcome.reports;
      error = outcome.error;
      if (outcome.replicas === undefined)
        return { desiredReplicas: currentReplicas, metrics, condition: 'InvalidMetrics', ...(error === undefined ? {} : { error }), recommendations, ...unchanged };
      proposal = outcome.replicas;
    }
    const prenormalized = Math.max(0, proposal);
    const limited =
      behavior === undefined
        ? normalizeDesiredReplicas(recommendations, now, currentReplicas, prenormalized, minReplicas, maxReplicas, controller)
        : normalizeWithBehaviors(
            recommendations,
            behavior,
            { up: input.scaleUpEvents, down: input.scaleDownEvents, now },
            currentReplicas,
            prenormalized,
            minReplicas,
            maxReplicas,
          );
    [desired, condition] = [limited.replicas, limited.condition];
  }
  const events =
    desired === currentReplicas ? unchanged : storeScaleEvent(behavior, input.scaleUpEvents, input.scaleDownEvents, currentReplicas, desired, now);
  return { desiredReplicas: desired, metrics, condition, ...(error === undefined ? {} : { error }), recommendations, ...events };
}
