// The demo's capacity step: the bundled multi-day trace replayed, with the replica the demo just
// calibrated, under a fixed fleet and two HPA policies; then the planner's search for the cheapest policy.

import path from 'node:path';
import { clusterConfigSchema } from '../../simulator/cluster/clusterConfig.ts';
import { defaultWorkerCount } from '../../simulator/plan/evaluateInWorkers.ts';
import { minReplicasForLoad } from '../../simulator/plan/fixedFleetSizing.ts';
import type { PlanResults } from '../../simulator/plan/planResults.ts';
import { runPlan } from '../../simulator/plan/runPlan.ts';
import type { NamedPolicy } from '../../simulator/policy/loadPolicy.ts';
import { policySchema } from '../../simulator/policy/policyRegistry.ts';
import { instanceProfileOf, instanceProfileSchema, type InstanceProfile } from '../../simulator/simulate/instanceProfile.ts';
import { simulate } from '../../simulator/simulate/simulate.ts';
import type { SimulationResults } from '../../simulator/simulate/simulationResults.ts';
import { parseSlo } from '../../simulator/simulate/sloExpression.ts';
import { loadTraceFile } from '../../simulator/trace/loadTrace.ts';
import { summarizeTrace } from '../../simulator/trace/traceSummary.ts';
import type { DemoProfile } from './demoProfile.ts';

export interface DemoCapacity {
  readonly simulations: readonly SimulationResults[];
  readonly plan: PlanResults;
}

/** A 2-vCPU instance running one replica as calibrated on this machine (which has 2 cores). */
function demoInstance(profile: DemoProfile, calibrationFile: string): InstanceProfile {
  const declaration = instanceProfileSchema.parse({
    name: 'cpu-2vcpu',
    kind: 'cpu',
    pricePerHour: profile.pricePerReplicaHour,
    calibration: path.basename(calibrationFile),
    requests: { cpu: '2', memory: '2Gi' },
  });
  return instanceProfileOf(declaration, calibrationFile);
}

function named(name: string, declaration: unknown): NamedPolicy {
  return { ...policySchema.parse(declaration), name };
}

/** The HPA's scale-down behaviour everyone starts from: five minutes of stabilization. */
const behavior = { scaleDown: { stabilizationWindowSeconds: 300 } };

/**
 * Simulates the profile's trace under a fixed fleet sized for its peak and two HPA policies (CPU at 60 %;
 * requests per second per pod at 70 % of the calibrated capacity), then runs the planner.
 */
export async function demoCapacity(profile: DemoProfile, calibrationFile: string, onProgress?: (message: string) => void): Promise<DemoCapacity> {
  const trace = loadTraceFile(profile.traceFile);
  const instance = demoInstance(profile, calibrationFile);
  const slo = parseSlo(profile.slo);
  // Pods take a while to start: scheduling, image, loading a large model and warming it up.
  const cluster = clusterConfigSchema.parse({ startupDelay: { min: 45, max: 90 } });
  const model = instance.serviceModel;
  const { peakRps } = summarizeTrace(trace);
  const peakReplicas = minReplicasForLoad(model, peakRps, slo) ?? Math.ceil(peakRps / model.capacity);
  const maxReplicas = Math.max(4, 2 * peakReplicas);
  const policies = [
    named(`fixed-${peakReplicas}`, { kind: 'fixed', replicas: peakReplicas }),
    named('hpa-cpu-60', {
      kind: 'hpa',
      spec: { minReplicas: 2, maxReplicas, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }], behavior },
    }),
    named('hpa-rps-70', {
      kind: 'hpa',
      spec: {
        minReplicas: 2,
        maxReplicas,
        metrics: [{ type: 'Pods', pods: { metric: { name: 'requests_per_second' }, target: { type: 'AverageValue', averageValue: String(Math.max(1, Math.round(0.7 * model.capacity))) } } }],
        behavior,
      },
    }),
  ];
  const traceName = path.basename(profile.traceFile, path.extname(profile.traceFile));
  const simulations = policies.map((policy) => {
    onProgress?.(`simulating ${traceName} under ${policy.name}`);
    return simulate({ trace, policy, instance, cluster, slo });
  });
  onProgress?.('planning: searching HPA policies in worker threads');
  const { results: plan } = await runPlan({
    trace,
    instance,
    cluster,
    slo,
    metrics: ['cpu', 'rps'],
    workers: defaultWorkerCount(),
    manifest: { name: 'infercap', image: 'infercap:latest' },
  });
  return { simulations, plan };
}
