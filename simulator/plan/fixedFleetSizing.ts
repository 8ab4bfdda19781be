// Sizes a fixed fleet for one load level: the fewest replicas whose steady state at that load keeps the
// SLO percentile within bound with nothing queued and nothing rejected (the service model, one second).

import { compileServiceModel, createServiceSecond, initialServiceState, serviceStep } from '../service/serviceStep.ts';
import type { ServiceModel } from '../service/serviceModel.ts';
import type { Slo } from '../simulate/simulationResults.ts';

/** The cap on replicas searched: beyond it, the SLO is taken as unreachable by adding replicas. */
export const maxFixedReplicas = 10_000;

/** The fewest replicas meeting `slo` at a steady `loadRps`, or undefined when no count does (service time alone breaks it). */
export function minReplicasForLoad(model: ServiceModel, loadRps: number, slo: Slo): number | undefined {
  const compiled = compileServiceModel(model);
  const out = createServiceSecond();
  for (let replicas = Math.max(1, Math.ceil(loadRps / model.capacity)); replicas <= maxFixedReplicas; replicas++) {
    serviceStep(compiled, initialServiceState(), loadRps, replicas, out);
    if (out.backlog === 0 && out.rejected === 0 && out[slo.percentile] < slo.thresholdMs) return replicas;
    // With the load spread thin, only the service time is left: more replicas will not help.
    if (loadRps / (replicas * model.capacity) < 0.01) return undefined;
  }
  return undefined;
}
