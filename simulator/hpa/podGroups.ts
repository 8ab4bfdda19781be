// Kubernetes' groupPods: which of the target's pods count as ready samples, which are unready (pending,
// or a CPU sample still distorted by start-up), which lack a metric, and which are ignored (deleted or failed).
// Pods are named by their position in the pod list (names are unique, hpaInput.ts), so that a sync of the
// simulator's controller builds a few small arrays instead of maps and sets keyed by name.

import type { ControllerConfig, PodState } from './hpaInput.ts';
import { MetricUnavailable } from './metricUnavailable.ts';

/** One metric's samples as the metrics API returns them: `values[i]` for the i-th pod, NaN when it has none. */
export interface PodMetrics {
  readonly values: readonly number[];
  /** Pods with a sample. */
  readonly count: number;
}

/** The group of each pod (groupPods' four sets). */
export const podGroup = { ready: 0, unready: 1, missing: 2, ignored: 3 } as const;
export type PodGroup = (typeof podGroup)[keyof typeof podGroup];

export interface PodGroups {
  readyPodCount: number;
  unreadyCount: number;
  missingCount: number;
  /** `of[i]`: the group of the i-th pod. */
  of: PodGroup[];
}

/** The pod metrics the API would return for `metricName` (pods that have no sample get NaN). */
// Plain arrays, not typed ones: a typed array over 64 bytes (9 pods) gets a buffer of its own, which made
// the garbage collector a sixth of a plan's time.
export function podMetrics(pods: readonly PodState[], metricName: string): PodMetrics {
  const values: number[] = [];
  let count = 0;
  for (const pod of pods) {
    const value = pod.metrics[metricName];
    if (value === undefined) values.push(NaN);
    else {
      values.push(value);
      count++;
    }
  }
  return { values, count };
}

/** `resource` is the resource name for Resource metrics, undefined for Pods metrics; only "cpu" gets the start-up checks. */
export function groupPods(pods: readonly PodState[], metrics: PodMetrics, resource: string | undefined, now: number, controller: ControllerConfig): PodGroups {
  const groups: PodGroups = { readyPodCount: 0, unreadyCount: 0, missingCount: 0, of: [] };
  for (let i = 0; i < pods.length; i++) {
    const pod = pods[i]!;
    let group: PodGroup;
    if (pod.deleted || pod.phase === 'Failed') group = podGroup.ignored;
    else if (pod.phase === 'Pending') group = podGroup.unready;
    else if (Number.isNaN(metrics.values[i]!)) group = podGroup.missing;
    else if (resource === 'cpu' && isUnreadyCpuSample(pod, now, controller)) group = podGroup.unready;
    else group = podGroup.ready;
    groups.of.push(group);
    if (group === podGroup.ready) groups.readyPodCount++;
    else if (group === podGroup.unready) groups.unreadyCount++;
    else if (group === podGroup.missing) groups.missingCount++;
  }
  return groups;
}

/** A CPU sample's timestamp and window are its pod's (the metrics API's, or `now` and one minute when it gives none). */
function isUnreadyCpuSample(pod: PodState, now: number, controller: ControllerConfig): boolean {
  if (pod.ready === null || pod.startTime === null) return true;
  if (pod.startTime + controller.cpuInitializationPeriodSeconds > now) {
    // Within the initialization period: unready, or no full metric window since the last readiness change.
    return pod.ready === false || (pod.metricTimestamp ?? now) < pod.readyTransitionTime + pod.metricWindowSeconds;
  }
  // After it: ignore only a pod that is unready and has never been ready.
  return pod.ready === false && pod.startTime + controller.initialReadinessDelaySeconds > pod.readyTransitionTime;
}

/** getReadyPodsCount: running pods whose Ready condition is true. */
export function readyPodsCount(pods: readonly PodState[]): number {
  if (pods.length === 0) throw new MetricUnavailable('no pods returned by selector while calculating replica count');
  let ready = 0;
  for (const pod of pods) if (pod.phase === 'Running' && pod.ready === true) ready++;
  return ready;
}
