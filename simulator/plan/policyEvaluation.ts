// Evaluates one policy over a whole trace (or a window of it, for the search's ordering pilot): the unit of
// work of the planner's search, run in worker threads. Everything it needs travels as plain data; a
// pruned search stops a policy at a checkpoint once it cannot be the recommendation (pruningBounds.ts).

import type { ClusterConfig } from '../cluster/clusterConfig.ts';
import type { AutoscalingPolicy } from '../policy/autoscalingPolicy.ts';
import { createPolicy, type PolicyDeclaration } from '../policy/policyRegistry.ts';
import type { ServiceModel } from '../service/serviceModel.ts';
import { runSimulation } from '../simulate/runSimulation.ts';
import type { Series, SimulationSummary, Slo } from '../simulate/simulationResults.ts';
import type { PolicyOutcome } from './planResults.ts';
import { pruneReason, type PruneReason, type PruningBounds } from './pruningBounds.ts';
import type { SharedBest } from './sharedBest.ts';

/** What every evaluation of one plan shares. */
export interface EvaluationSetting {
  readonly serviceModel: ServiceModel;
  readonly cluster: ClusterConfig;
  readonly slo: Slo;
  readonly pricePerHour: number;
  /** Points of the series kept of each fully evaluated policy; 0 keeps none. */
  readonly maxPoints?: number;
}

export interface EvaluationJob {
  readonly id: string;
  readonly declaration: PolicyDeclaration;
  /** Evaluate only `[start, end)` of the trace, as if it were the whole (a pilot: never pruned, no series). */
  readonly window?: readonly [number, number];
  /** Never stop it early (the fixed fleets the plan reports in full). */
  readonly complete?: boolean;
}

export interface Evaluation {
  readonly id: string;
  readonly summary: SimulationSummary;
  readonly series: Series | undefined;
  /** Set when the policy was stopped early: why, and at which second. */
  readonly pruned?: { readonly reason: PruneReason; readonly atSecond: number };
  /**
   * Whether any decision was held back by the HPA's scale-up rules (ScaleUpLimit). When none was, a policy
   * differing only by looser scale-up rules decides exactly the same at every step: its evaluation is this one.
   */
  readonly scaleUpLimited: boolean;
}

/** Pruning: the bounds, and the best found so far (shared by the threads of a search). */
export interface Pruning {
  readonly bounds: PruningBounds;
  readonly best: SharedBest;
}

export function evaluatePolicy(arrivals: ArrayLike<number>, setting: EvaluationSetting, declaration: PolicyDeclaration): SimulationSummary {
  const policy = createPolicy(declaration, { cluster: setting.cluster, serviceModel: setting.serviceModel });
  return runSimulation({ arrivals, policy, ...setting, maxPoints: 0 }).summary;
}

/** Evaluates `job`; with `pruning`, may stop it early, and offers a full evaluation meeting the SLO as the new best. */
export function evaluateJob(arrivals: Float64Array, setting: EvaluationSetting, job: EvaluationJob, pruning: Pruning | undefined): Evaluation {
  const inner = createPolicy(job.declaration, { cluster: setting.cluster, serviceModel: setting.serviceModel });
  let scaleUpLimited = false;
  const policy: AutoscalingPolicy = {
    kind: inner.kind,
    periodSeconds: inner.periodSeconds,
    initialReplicas: inner.initialReplicas,
    decide(view) {
      const desired = inner.decide(view);
      if (inner.lastCondition === 'ScaleUpLimit') scaleUpLimited = true;
      return desired;
    },
  };
  const input = { policy, serviceModel: setting.serviceModel, cluster: setting.cluster, slo: setting.slo, pricePerHour: setting.pricePerHour };
  if (job.window !== undefined) {
    const summary = runSimulation({ ...input, arrivals: arrivals.subarray(job.window[0], job.window[1]), maxPoints: 0 }).summary;
    return { id: job.id, summary, series: undefined, scaleUpLimited };
  }
  const m = job.declaration.kind === 'hpa' ? job.declaration.spec.minReplicas ?? 1 : job.declaration.kind === 'fixed' ? job.declaration.replicas : 0;
  let reason: PruneReason | undefined;
  const checkpoint =
    pruning === undefined || job.complete === true
      ? undefined
      : {
          every: pruning.bounds.every,
          stop: (t: number, summary: { podSecondsSoFar: number; requestsMissed: number }) => {
            reason = pruneReason(pruning.bounds, m, t, summary.podSecondsSoFar, summary.requestsMissed, pruning.best.get());
            return reason !== undefined;
          },
        };
  const output = runSimulation({ ...input, arrivals, maxPoints: setting.maxPoints ?? 0, ...(checkpoint === undefined ? {} : { checkpoint }) });
  if (output.stoppedAt !== undefined) return { id: job.id, summary: output.summary, series: undefined, pruned: { reason: reason!, atSecond: output.stoppedAt }, scaleUpLimited };
  if (pruning !== undefined && output.summary.meetsSlo) pruning.best.offer(output.summary.replicaHours * 3600);
  return { id: job.id, summary: output.summary, series: output.series, scaleUpLimited };
}

/** The plan's view of a simulation summary. */
export function outcomeOf(summary: SimulationSummary): PolicyOutcome {
  return {
    cost: summary.cost,
    replicaHours: summary.replicaHours,
    costPerMillionRequests: summary.costPerMillionRequests,
    attainment: summary.attainment,
    meetsSlo: summary.meetsSlo,
    rejected: summary.rejected,
    latencyMs: summary.latencyMs,
    replicas: summary.replicas,
    scaleEvents: summary.scaleEvents,
  };
}
