// One simulation end to end: a trace, a policy, an instance profile, the cluster and an SLO in; the
// results file's content (summary over every second, downsampled series) out.

import type { ClusterConfig } from '../cluster/clusterConfig.ts';
import type { ServiceModel } from '../service/serviceModel.ts';
import type { NamedPolicy } from '../policy/loadPolicy.ts';
import { createPolicy } from '../policy/policyRegistry.ts';
import type { LoadTrace } from '../trace/loadTrace.ts';
import { summarizeTrace } from '../trace/traceSummary.ts';
import type { InstanceProfile } from './instanceProfile.ts';
import { runSimulation } from './runSimulation.ts';
import { envelopeOf } from '../../harness/results/resultsEnvelope.ts';
import { simulationSchemaVersion, type SimulationResults, type Slo } from './simulationResults.ts';

export interface SimulateOptions {
  readonly trace: LoadTrace;
  readonly policy: NamedPolicy;
  readonly instance: InstanceProfile;
  readonly cluster: ClusterConfig;
  readonly slo: Slo;
  readonly maxPoints?: number;
}

export function simulate(options: SimulateOptions): SimulationResults {
  const { trace, policy, instance, cluster, slo } = options;
  const { name, ...declaration } = policy;
  const autoscaler = createPolicy(policy, { cluster, serviceModel: instance.serviceModel });
  const output = runSimulation({
    arrivals: trace.arrivals,
    policy: autoscaler,
    serviceModel: instance.serviceModel,
    cluster,
    slo,
    pricePerHour: instance.summary.pricePerHour,
    maxPoints: options.maxPoints ?? 2000,
  });
  return {
    ...envelopeOf('simulation', simulationSchemaVersion),
    trace: summarizeTrace(trace),
    slo,
    instance: instance.summary,
    serviceModel: serviceModelSummary(instance.serviceModel),
    cluster: clusterSummary(cluster, autoscaler.initialReplicas),
    policy: { name, kind: policy.kind, declaration },
    summary: output.summary,
    series: output.series!,
  };
}

/** The model as the results file stores it (plain, mutable copies). */
export function serviceModelSummary(model: ServiceModel): SimulationResults['serviceModel'] {
  const { latencyCurve, ...rest } = model;
  return { ...rest, serviceTimeMs: { ...model.serviceTimeMs }, ...(latencyCurve === undefined ? {} : { latencyCurve: latencyCurve.map((p) => ({ ...p })) }) };
}

export function clusterSummary(cluster: ClusterConfig, policyInitialReplicas: number): SimulationResults['cluster'] {
  return {
    startupDelaySeconds: { ...cluster.startupDelay, seed: cluster.seed },
    pendingDelaySeconds: cluster.pendingDelay,
    syncPeriodSeconds: cluster.syncPeriod,
    metricsResolutionSeconds: cluster.metricsResolution,
    metricsLagSeconds: cluster.metricsLag,
    initialReplicas: cluster.initialReplicas ?? policyInitialReplicas,
  };
}
