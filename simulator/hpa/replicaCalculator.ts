// Kubernetes' ReplicaCalculator (replica_calculator.go): from one metric's samples to a replica proposal.
// Integer milli-quantities and the same integer divisions, float ratios and ceilings as the Go code.

import type { ControllerConfig, PodState } from './hpaInput.ts';
import { MetricUnavailable } from './metricUnavailable.ts';
import { groupPods, readyPodsCount, type PodMetric } from './podGroups.ts';
import { isWithinTolerance, type Tolerances } from './tolerances.ts';

/** What every calculation sees: the target's pods and replica counts, the clock and the controller's settings. */
export interface CalculatorContext {
  pods: readonly PodState[];
  /** The scale target's spec.replicas. */
  currentReplicas: number;
  /** The scale target's status.replicas. */
  statusReplicas: number;
  tolerances: Tolerances;
  now: number;
  controller: ControllerConfig;
}

export interface Proposal {
  replicas: number;
  /** The current usage as Kubernetes reports it in the metric status (milli, or percent for utilization). */
  usage: number;
}

const intDiv = (a: number, b: number) => Math.trunc(a / b);

/** GetResourceUtilizationRatio: integer percent of requests over the pods that have both a sample and a request. */
function resourceUtilizationRatio(values: ReadonlyMap<string, number>, requests: ReadonlyMap<string, number>, target: number) {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [pod, value] of values) {
    const request = requests.get(pod);
    if (request === undefined) continue;
    metricsTotal += value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) throw new MetricUnavailable('no metrics returned matched known pods');
  const utilization = intDiv(metricsTotal * 100, requestsTotal);
  return { ratio: utilization / target, utilization, rawAverage: intDiv(metricsTotal, entries) };
}

/** GetMetricUsageRatio: integer average of the samples over the target. */
function metricUsageRatio(values: ReadonlyMap<string, number>, target: number) {
  let total = 0;
  for (const value of values.values()) total += value;
  const usage = intDiv(total, values.size);
  return { ratio: usage / target, usage };
}

function podRequests(pods: readonly PodState[], resource: string): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    const request = pod.requests[resource];
    if (request === undefined) throw new MetricUnavailable(`missing request for ${resource} in pod ${pod.name}`);
    requests.set(pod.name, request);
  }
  return requests;
}

function samplesOf(ctx: CalculatorContext, metrics: ReadonlyMap<string, PodMetric>, resource: string | undefined, api: string) {
  if (metrics.size === 0) throw new MetricUnavailable(`no metrics returned from ${api}`);
  if (ctx.pods.length === 0) throw new MetricUnavailable('no pods returned by selector while calculating replica count');
  const groups = groupPods(ctx.pods, metrics, resource, ctx.now, ctx.controller);
  const values = new Map<string, number>();
  for (const [pod, metric] of metrics) if (!groups.ignored.has(pod) && !groups.unready.has(pod)) values.set(pod, metric.value);
  return { groups, values };
}

type RatioOf = (values: ReadonlyMap<string, number>) => number;

/**
 * The shared tail of GetResourceReplicas and calcPlainMetricReplicas: conservative fill of missing pods
 * (`missingFill` on scale-down, 0 on scale-up; none at a ratio of exactly 1), unready pods as 0 on
 * scale-up, then no change if the recomputed ratio is within tolerance or flips direction.
 */
function rebalancedReplicas(
  ctx: CalculatorContext,
  groups: ReturnType<typeof groupPods>,
  values: Map<string, number>,
  usageRatio: number,
  ratioOf: RatioOf,
  missingFill: (pod: string) => number,
): number {
  const scaleUpWithUnready = groups.unready.size > 0 && usageRatio > 1.0;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (isWithinTolerance(ctx.tolerances, usageRatio)) return ctx.currentReplicas;
    return Math.ceil(usageRatio * groups.readyPodCount);
  }
  if (groups.missing.size > 0) {
    if (usageRatio < 1.0) for (const pod of groups.missing) values.set(pod, missingFill(pod));
    else if (usageRatio > 1.0) for (const pod of groups.missing) values.set(pod, 0);
  }
  if (scaleUpWithUnready) for (const pod of groups.unready) values.set(pod, 0);

  const newUsageRatio = ratioOf(values);
  if (
    isWithinTolerance(ctx.tolerances, newUsageRatio) ||
    (usageRatio < 1.0 && newUsageRatio > 1.0) ||
    (usageRatio > 1.0 && newUsageRatio < 1.0)
  )
    return ctx.currentReplicas;
  const newReplicas = Math.ceil(newUsageRatio * values.size);
  if ((newUsageRatio < 1.0 && newReplicas > ctx.currentReplicas) || (newUsageRatio > 1.0 && newReplicas < ctx.currentReplicas))
    return ctx.currentReplicas;
  return newReplicas;
}

/** GetResourceReplicas: a Resource metric with an averageUtilization target (percent of requests). */
export function resourceUtilizationReplicas(
  ctx: CalculatorContext,
  metrics: ReadonlyMap<string, PodMetric>,
  resource: string,
  targetUtilization: number,
): Proposal & { rawAverageValue: number } {
  const { groups, values } = samplesOf(ctx, metrics, resource, 'resource metrics API');
  const requests = podRequests(ctx.pods, resource);
  if (values.size === 0) throw new MetricUnavailable('did not receive metrics for targeted pods (pods might be unready)');
  const first = resourceUtilizationRatio(values, requests, targetUtilization);
  const replicas = rebalancedReplicas(
    ctx,
    groups,
    values,
    first.ratio,
    (v) => resourceUtilizationRatio(v, requests, targetUtilization).ratio,
    // 100 % of the pod's request, or the target when it is above 100 % (kubernetes#112178).
    (pod) => intDiv((requests.get(pod) ?? 0) * Math.max(100, targetUtilization), 100),
  );
  return { replicas, usage: first.utilization, rawAverageValue: first.rawAverage };
}

/**
 * calcPlainMetricReplicas: a Pods metric, or a Resource metric with an averageValue target
 * (`resource` set, so CPU samples get the start-up checks).
 */
export function plainMetricReplicas(
  ctx: CalculatorContext,
  metrics: ReadonlyMap<string, PodMetric>,
  resource: string | undefined,
  targetAverage: number,
): Proposal {
  const api = resource === undefined ? 'custom metrics API' : 'resource metrics API';
  const { groups, values } = samplesOf(ctx, metrics, resource, api);
  if (values.size === 0) throw new MetricUnavailable('did not receive metrics for targeted pods (pods might be unready)');
  const first = metricUsageRatio(values, targetAverage);
  const replicas = rebalancedReplicas(
    ctx,
    groups,
    values,
    first.ratio,
    (v) => metricUsageRatio(v, targetAverage).ratio,
    () => targetAverage, // the missing pod is assumed exactly at target
  );
  return { replicas, usage: first.usage };
}

/** getUsageRatioReplicaCount: ratio × ready pods, or ceil(ratio) when scaled to zero (no tolerance then). */
function usageRatioReplicaCount(ctx: CalculatorContext, usageRatio: number): number {
  if (ctx.currentReplicas === 0) return Math.ceil(usageRatio);
  if (isWithinTolerance(ctx.tolerances, usageRatio)) return ctx.currentReplicas;
  return Math.ceil(usageRatio * readyPodsCount(ctx.pods));
}

/** GetObjectMetricReplicas / GetExternalMetricReplicas: a total value against a Value target. */
export function valueTargetReplicas(ctx: CalculatorContext, usage: number, targetValue: number): Proposal {
  return { replicas: usageRatioReplicaCount(ctx, usage / targetValue), usage };
}

/** GetObjectPerPodMetricReplicas / GetExternalPerPodMetricReplicas: a total value against an AverageValue target per status replica. */
export function averageValueTargetReplicas(ctx: CalculatorContext, usage: number, targetAverage: number): Proposal {
  let replicas = ctx.statusReplicas;
  const usageRatio = usage / (targetAverage * replicas);
  if (!isWithinTolerance(ctx.tolerances, usageRatio)) replicas = Math.ceil(usage / targetAverage);
  return { replicas, usage: Math.ceil(usage / ctx.statusReplicas) };
}
