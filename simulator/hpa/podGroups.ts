// Kubernetes' groupPods: which of the target's pods count as ready samples, which are unready (pending,
// or a CPU sample still distorted by start-up), which lack a metric, and which are ignored (deleted or failed).

import type { ControllerConfig, PodState } from './hpaInput.ts';
import { MetricUnavailable } from './metricUnavailable.ts';

/** One pod's sample of one metric, as the metrics API returns it. */
export interface PodMetric {
  value: number;
  timestamp: number;
  windowSeconds: number;
}

export interface PodGroups {
  readyPodCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

/** The pod metrics the API would return for `metricName` (pods that have no sample are absent). */
export function podMetrics(pods: readonly PodState[], metricName: string, now: number): Map<string, PodMetric> {
  const metrics = new Map<string, PodMetric>();
  for (const pod of pods) {
    const value = pod.metrics[metricName];
    if (value !== undefined) metrics.set(pod.name, { value, timestamp: pod.metricTimestamp ?? now, windowSeconds: pod.metricWindowSeconds });
  }
  return metrics;
}

/** `resource` is the resource name for Resource metrics, undefined for Pods metrics; only "cpu" gets the start-up checks. */
export function groupPods(
  pods: readonly PodState[],
  metrics: ReadonlyMap<string, PodMetric>,
  resource: string | undefined,
  now: number,
  controller: ControllerConfig,
): PodGroups {
  const groups: PodGroups = { readyPodCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of pods) {
    if (pod.deleted || pod.phase === 'Failed') {
      groups.ignored.add(pod.name);
      continue;
    }
    if (pod.phase === 'Pending') {
      groups.unready.add(pod.name);
      continue;
    }
    const metric = metrics.get(pod.name);
    if (metric === undefined) {
      groups.missing.add(pod.name);
      continue;
    }
    if (resource === 'cpu' && isUnreadyCpuSample(pod, metric, now, controller)) {
      groups.unready.add(pod.name);
      continue;
    }
    groups.readyPodCount++;
  }
  return groups;
}

function isUnreadyCpuSample(pod: PodState, metric: PodMetric, now: number, controller: ControllerConfig): boolean {
  if (pod.ready === null || pod.startTime === null) return true;
  if (pod.startTime + controller.cpuInitializationPeriodSeconds > now) {
    // Within the initialization period: unready, or no full metric window since the last readiness change.
    return pod.ready === false || metric.timestamp < pod.readyTransitionTime + metric.windowSeconds;
  }
  // After it: ignore only a pod that is unready and has never been ready.
  return pod.ready === false && pod.startTime + controller.initialReadinessDelaySeconds > pod.readyTransitionTime;
}

/** getReadyPodsCount: running pods whose Ready condition is true. */
export function readyPodsCount(pods: readonly PodState[]): number {
  if (pods.length === 0) throw new MetricUnavailable('no pods returned by selector while calculating replica count');
  return pods.filter((pod) => pod.phase === 'Running' && pod.ready === true).length;
}

