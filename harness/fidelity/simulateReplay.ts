// Simulates what the replay sent: the same requests per second (its intended sends), on a fixed fleet of the
// replayed size, each replica modelled by the calibration, with the cluster settings given. The simulator's
// second t is the replay's second t; its figures come back in the shape the comparison reads.

import type { Calibration } from '../sweep/calibration.ts';
import type { ClusterConfig } from '../../simulator/cluster/clusterConfig.ts';
import { createFixedPolicy } from '../../simulator/policy/fixedPolicy.ts';
import { serviceModelFromCalibration, type ServiceModel } from '../../simulator/service/serviceModel.ts';
import { runSimulation } from '../../simulator/simulate/runSimulation.ts';
import { parseSlo } from '../../simulator/simulate/sloExpression.ts';
import type { ArrivalKind } from '../drive/arrivalSchedule.ts';
import { simulatedSeconds } from './compareFidelity.ts';
import type { FidelityFigures } from './fidelityResults.ts';

export type LatencyModel = 'queueing' | 'curve';

/**
 * Which calibrated throughput is a replica's capacity: `peak`, the most it served with its queue never empty
 * (the calibration's sweep goes past the knee for it), which is what the fluid model's capacity means and what
 * a prediction needs; or `sustainable`, the knee under the budget, the planner's cautious default.
 */
export type CapacitySource = 'peak' | 'sustainable';

export interface SimulatedFleet {
  readonly replicas: number;
  /** Requests one replica may hold waiting: the server's --max-queue-size. */
  readonly queueLimit: number;
  readonly latencyModel: LatencyModel;
  readonly capacitySource: CapacitySource;
  /** How the replay spread each second's requests: Poisson (c_a² = 1) or evenly (c_a² = 0). */
  readonly arrivals: ArrivalKind;
  readonly cluster: ClusterConfig;
}

export interface SimulatedReplay {
  readonly serviceModel: ServiceModel;
  readonly totals: FidelityFigures;
  readonly seconds: FidelityFigures[];
}

export function simulateReplay(arrivals: readonly number[], calibration: Calibration, fleet: SimulatedFleet): SimulatedReplay {
  const serviceModel = serviceModelFromCalibration(calibration, { queueLimit: fleet.queueLimit, latencyModel: fleet.latencyModel, capacitySource: fleet.capacitySource, arrivalCv2: fleet.arrivals === 'constant' ? 0 : 1 });
  const { summary, series } = runSimulation({
    arrivals: Float64Array.from(arrivals),
    policy: createFixedPolicy({ kind: 'fixed', replicas: fleet.replicas }),
    serviceModel,
    cluster: { ...fleet.cluster, initialReplicas: fleet.replicas },
    // The SLO is not judged here; the simulator needs one for its attainment figures.
    slo: parseSlo('p95 < 1s'),
    pricePerHour: 0,
    // One point per second: the comparison is second by second.
    maxPoints: arrivals.length,
  });
  return {
    serviceModel,
    totals: { throughput: summary.served / arrivals.length, rejected: summary.rejected, p50: summary.latencyMs.p50, p95: summary.latencyMs.p95, p99: summary.latencyMs.p99 },
    seconds: simulatedSeconds(series!),
  };
}
