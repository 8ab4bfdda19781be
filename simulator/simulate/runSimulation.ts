// The simulation loop: second by second, the policy decides on its period, the fleet starts and removes
// pods, the service model serves the second's arrivals with the ready pods, and the monitoring signals,
// the summary and the downsampled series take in the second. Nothing is allocated per second.

import { createRng } from '../../common/prng.ts';
import { ClusterSignals, type SignalSecond } from '../cluster/clusterSignals.ts';
import type { ClusterConfig } from '../cluster/clusterConfig.ts';
import { PodFleet } from '../cluster/podFleet.ts';
import type { AutoscalingPolicy } from '../policy/autoscalingPolicy.ts';
import { EmptyQueueSeconds } from '../service/emptyQueueSeconds.ts';
import { compileServiceModel, createServiceSecond, initialServiceState } from '../service/serviceStep.ts';
import type { ServiceModel } from '../service/serviceModel.ts';
import { SeriesDownsampler, type SeriesSecond } from './seriesDownsampler.ts';
import type { Series, SimulationSummary, Slo } from './simulationResults.ts';
import { SummaryAccumulator } from './summaryAccumulator.ts';

export interface SimulationInput {
  readonly arrivals: ArrayLike<number>;
  readonly policy: AutoscalingPolicy;
  readonly serviceModel: ServiceModel;
  readonly cluster: ClusterConfig;
  readonly slo: Slo;
  readonly pricePerHour: number;
  /** Points in the downsampled series; 0 skips the series. */
  readonly maxPoints?: number;
  /**
   * Asked every `every` simulated seconds (before simulating second `t`, t > 0) whether to stop early: the
   * planner's search stops a policy that can no longer meet the SLO or beat the cheapest one found.
   */
  readonly checkpoint?: { readonly every: number; readonly stop: (t: number, summary: SummaryAccumulator) => boolean };
}

export interface SimulationOutput {
  readonly summary: SimulationSummary;
  readonly series: Series | undefined;
  /** The second the checkpoint stopped the simulation at (the summary covers the seconds before it). */
  readonly stoppedAt?: number;
}

export function runSimulation(input: SimulationInput): SimulationOutput {
  const { arrivals, policy, cluster, slo } = input;
  const seconds = arrivals.length;
  const service = new EmptyQueueSeconds(compileServiceModel(input.serviceModel));
  const meanServiceSeconds = input.serviceModel.serviceTimeMs.mean / 1000;
  const cpuMilliPerPercent = input.serviceModel.cpuRequestCores * 10;
  const fleet = new PodFleet(cluster.startupDelay, createRng(cluster.seed), cluster.pendingDelay);
  const initial = cluster.initialReplicas ?? policy.initialReplicas;
  // The initial fleet was created and made ready long before the trace (past any start-up grace period).
  fleet.seed(initial, -86_400, -86_400);
  const signals = new ClusterSignals();
  const summary = new SummaryAccumulator(slo, input.pricePerHour);
  const maxPoints = input.maxPoints ?? 2000;
  const downsampler = maxPoints > 0 ? new SeriesDownsampler(seconds, maxPoints) : undefined;
  const state = initialServiceState();
  const out = createServiceSecond();
  const signal: SignalSecond = { readyReplicas: 0, cpuMilliPerPod: 0, rpsPerPod: 0, inflight: 0, served: 0, p50: 0, p95: 0, p99: 0 };
  const point: SeriesSecond = { load: 0, served: 0, rejected: 0, desiredReplicas: 0, readyReplicas: 0, utilization: 0, cpuUtilization: 0, p50: 0, p95: 0, p99: 0, costSoFar: 0 };
  const period = policy.periodSeconds;
  let specReplicas = initial;
  const checkpoint = input.checkpoint;
  let nextCheck = checkpoint === undefined ? Number.POSITIVE_INFINITY : checkpoint.every;

  for (let t = 0; t < seconds; t++) {
    if (t === nextCheck) {
      if (checkpoint!.stop(t, summary)) return { summary: summary.finish(state.backlog), series: downsampler?.finish(), stoppedAt: t };
      nextCheck += checkpoint!.every;
    }
    if (t % period === 0) {
      const desired = policy.decide({ now: t, specReplicas, pods: fleet.pods, readyReplicas: fleet.readyCount(t), signals, cluster });
      if (desired > specReplicas) summary.scaleUps++;
      else if (desired < specReplicas) summary.scaleDowns++;
      specReplicas = desired;
      fleet.scaleTo(desired, t);
    }
    const ready = fleet.readyCount(t);
    const a = arrivals[t] as number;
    const carried = state.backlog;
    service.step(state, a, ready, out);

    signal.readyReplicas = ready;
    signal.cpuMilliPerPod = out.cpuUtilization * cpuMilliPerPercent;
    signal.rpsPerPod = ready > 0 ? a / ready : 0;
    // Little's law for the requests in service, plus the mean queue over the second.
    signal.inflight = out.served * meanServiceSeconds + (carried + out.backlog) / 2;
    signal.served = out.served;
    signal.p50 = out.p50;
    signal.p95 = out.p95;
    signal.p99 = out.p99;
    signals.push(signal);
    summary.add(a, fleet.size, ready, out);

    if (downsampler !== undefined) {
      point.load = a;
      point.served = out.served;
      point.rejected = out.rejected;
      point.desiredReplicas = specReplicas;
      point.readyReplicas = ready;
      point.utilization = out.utilization;
      point.cpuUtilization = out.cpuUtilization;
      point.p50 = out.p50;
      point.p95 = out.p95;
      point.p99 = out.p99;
      point.costSoFar = summary.cost;
      downsampler.add(point);
    }
  }
  return { summary: summary.finish(state.backlog), series: downsampler?.finish() };
}
