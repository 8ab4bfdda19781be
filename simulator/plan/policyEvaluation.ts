// Evaluates one policy over a whole trace, summary only (no series): the unit of work of the planner's
// search, run in worker threads. Everything it needs travels as plain data.

import type { ClusterConfig } from '../cluster/clusterConfig.ts';
import { createPolicy, type PolicyDeclaration } from '../policy/policyRegistry.ts';
import type { ServiceModel } from '../service/serviceModel.ts';
import { runSimulation } from '../simulate/runSimulation.ts';
import type { SimulationSummary, Slo } from '../simulate/simulationResults.ts';
import type { PolicyOutcome } from './planResults.ts';

/** What every evaluation of one plan shares. */
export interface EvaluationSetting {
  readonly serviceModel: ServiceModel;
  readonly cluster: ClusterConfig;
  readonly slo: Slo;
  readonly pricePerHour: number;
}

export interface EvaluationJob {
  readonly id: string;
  readonly declaration: PolicyDeclaration;
}

export function evaluatePolicy(arrivals: ArrayLike<number>, setting: EvaluationSetting, declaration: PolicyDeclaration): SimulationSummary {
  const policy = createPolicy(declaration, { cluster: setting.cluster, serviceModel: setting.serviceModel });
  return runSimulation({ arrivals, policy, ...setting, maxPoints: 0 }).summary;
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
