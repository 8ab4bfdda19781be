// What the HPA controller reads of one simulated pod at a sync: its phase and readiness from the pod lister
// (live), and its metrics from the last scrape, each averaged over the metric resolution window before it.
// A pod is Pending until its container runs (no metric at all: the controller counts it unready), then
// Running and not Ready while it loads the model: metrics-server reports the container's CPU once it ran
// in a window, while the serving metrics (which the server itself exports) are absent until it serves.

import type { ClusterSignals } from '../cluster/clusterSignals.ts';
import type { SimPod } from '../cluster/podFleet.ts';
import type { PodState } from '../hpa/hpaInput.ts';
import { simulatedMetrics } from './hpaPolicySchema.ts';

/** Which of the simulated metrics the HPA's spec reads. */
export interface WantedMetrics {
  readonly cpu: boolean;
  readonly rps: boolean;
  readonly inflight: boolean;
}

export interface ObservationContext {
  readonly now: number;
  /** The second the last scrape the controller sees ended at. */
  readonly scrape: number;
  /** metrics-server's window (s). */
  readonly resolution: number;
  readonly signals: ClusterSignals;
  readonly wants: WantedMetrics;
  /** CPU (millicores) of a running pod that serves nothing. */
  readonly idleCpuMilli: number;
  /** The pod's CPU request (millicores). */
  readonly cpuRequestMilli: number;
}

/** A new PodState for `pod` (to be updated by observePod). */
export function newPodState(pod: SimPod, ctx: ObservationContext): PodState {
  return {
    name: pod.name,
    phase: 'Pending',
    ready: false,
    deleted: false,
    // Kubernetes sets startTime when the kubelet acknowledges the pod, before it pulls the image.
    startTime: pod.createdAt,
    readyTransitionTime: pod.createdAt,
    requests: { cpu: ctx.cpuRequestMilli },
    metrics: {},
    metricWindowSeconds: ctx.resolution,
  };
}

/** Updates `state` in place to what the controller sees of `pod` at `ctx.now`. */
export function observePod(state: PodState, pod: SimPod, ctx: ObservationContext): PodState {
  const { now, scrape, signals, wants } = ctx;
  const running = pod.runningAt <= now;
  const ready = pod.readyAt <= now;
  const metrics: Record<string, number> = {};
  const from = Math.max(scrape - ctx.resolution, pod.readyAt, 0);
  if (from < scrape) {
    const seconds = scrape - from;
    if (wants.cpu) metrics[simulatedMetrics.cpu] = Math.round(signals.cpuMilliPerPod.sum(from, scrape) / seconds);
    if (wants.rps) metrics[simulatedMetrics.requestsPerSecond] = Math.round((1000 * signals.rpsPerPod.sum(from, scrape)) / seconds);
    if (wants.inflight) metrics[simulatedMetrics.inflight] = Math.round((1000 * signals.inflightPerPod.sum(from, scrape)) / seconds);
  } else if (wants.cpu && running && pod.runningAt < scrape) {
    metrics[simulatedMetrics.cpu] = ctx.idleCpuMilli;
  }
  state.phase = running ? 'Running' : 'Pending';
  state.ready = ready;
  state.readyTransitionTime = ready ? pod.readyAt : pod.createdAt;
  state.metrics = metrics;
  state.metricTimestamp = scrape;
  return state;
}
