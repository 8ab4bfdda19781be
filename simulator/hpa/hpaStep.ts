// One sync of Kubernetes' HPA controller (reconcileAutoscaler in horizontal.go): pre-metric clamps, metric
// proposals, normalization with or without spec.behavior, and the history (recommendations, scale events)
// the controller keeps. `hpaStep` is the pure function `infercap hpa` prints (the history returned, so
// that steps can be chained); `advanceHpa` is the same step updating a history it owns in place, which the
// simulator runs every sync period (copying ~20 recommendations per sync was a fifth of a plan's time).

import { resolveBehavior, type Behavior } from './behaviorDefaults.ts';
import { normalizeWithBehaviors } from './behaviorNormalize.ts';
import type { ControllerConfig, HpaInput, HpaSpec, ScaleEvent, TimestampedRecommendation } from './hpaInput.ts';
import type { LimitCondition } from './limitCondition.ts';
import { computeReplicasForMetrics, type MetricReport } from './metricProposals.ts';
import { normalizeDesiredReplicas } from './normalize.ts';
import { storeScaleEvent } from './scaleEvents.ts';
import { tolerancesFor, type Tolerances } from './tolerances.ts';

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

/** What the controller remembers of one HPA between syncs; `recommendations` null before the first. */
export interface HpaHistory {
  recommendations: TimestampedRecommendation[] | null;
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

/** What only the spec and the controller flags decide: resolved once per HPA. */
export interface HpaSetup {
  readonly behavior: Behavior | undefined;
  readonly tolerances: Tolerances;
}

export function hpaSetup(spec: HpaSpec, controller: ControllerConfig): HpaSetup {
  return { behavior: spec.behavior === undefined ? undefined : resolveBehavior(spec.behavior, controller), tolerances: tolerancesFor(spec, controller) };
}

/** One step's decision (the history is updated in place). */
export type HpaDecision = Omit<HpaStepOutput, 'recommendations' | 'scaleUpEvents' | 'scaleDownEvents'>;

/** The step's input without the history (advanceHpa reads that from its own). */
export type HpaStepInput = Omit<HpaInput, 'recommendations' | 'scaleUpEvents' | 'scaleDownEvents'>;

/** Runs one controller step on validated input (see parseHpaInput); the input is not modified. */
export function hpaStep(input: HpaInput): HpaStepOutput {
  const history: HpaHistory = {
    recommendations: input.recommendations?.map((r) => ({ ...r })) ?? null,
    scaleUpEvents: input.scaleUpEvents.map((e) => ({ ...e })),
    scaleDownEvents: input.scaleDownEvents.map((e) => ({ ...e })),
  };
  const decision = advanceHpa(input, hpaSetup(input.spec, input.controller), history);
  return { ...decision, recommendations: history.recommendations!, scaleUpEvents: history.scaleUpEvents, scaleDownEvents: history.scaleDownEvents };
}

/** Runs one controller step, updating `history` (owned by the caller, never shared) in place. */
export function advanceHpa(input: HpaStepInput, setup: HpaSetup, history: HpaHistory): HpaDecision {
  const { now, spec, controller, currentReplicas } = input;
  const { minReplicas, maxReplicas } = spec;
  const { behavior } = setup;
  // The controller seeds a new HPA's history with the current scale.
  const recommendations = (history.recommendations ??= [{ replicas: currentReplicas, timestamp: now }]);

  let metrics: MetricReport[] = [];
  let error: string | undefined;
  let desired: number;
  let condition: LimitCondition;
  if (currentReplicas === 0 && minReplicas !== 0) {
    return { desiredReplicas: 0, metrics, condition: 'ScalingDisabled' };
  } else if (currentReplicas > maxReplicas) {
    desired = maxReplicas;
    condition = 'TooManyReplicas';
  } else if (currentReplicas < minReplicas) {
    desired = minReplicas;
    condition = 'TooFewReplicas';
  } else {
    let proposal: number;
    if (input.prenormalizedDesiredReplicas !== undefined) proposal = input.prenormalizedDesiredReplicas;
    else {
      const ctx = {
        pods: input.pods,
        currentReplicas,
        statusReplicas: input.statusReplicas ?? currentReplicas,
        tolerances: setup.tolerances,
        now,
        controller,
      };
      const outcome = computeReplicasForMetrics(ctx, spec.metrics, input);
      metrics = outcome.reports;
      error = outcome.error;
      if (outcome.replicas === undefined)
        return error === undefined ? { desiredReplicas: currentReplicas, metrics, condition: 'InvalidMetrics' } : { desiredReplicas: currentReplicas, metrics, condition: 'InvalidMetrics', error };
      proposal = outcome.replicas;
    }
    const prenormalized = Math.max(0, proposal);
    const limited =
      behavior === undefined
        ? normalizeDesiredReplicas(recommendations, now, currentReplicas, prenormalized, minReplicas, maxReplicas, controller)
        : normalizeWithBehaviors(
            recommendations,
            behavior,
            { up: history.scaleUpEvents, down: history.scaleDownEvents, now },
            currentReplicas,
            prenormalized,
            minReplicas,
            maxReplicas,
          );
    desired = limited.replicas;
    condition = limited.condition;
  }
  if (desired !== currentReplicas) storeScaleEvent(behavior, history, currentReplicas, desired, now);
  return error === undefined ? { desiredReplicas: desired, metrics, condition } : { desiredReplicas: desired, metrics, condition, error };
}
