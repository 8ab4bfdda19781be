// Kubernetes' ReplicaCalculator (replica_calculator.go): from one metric's samples to a replica proposal.
// Integer milli-quantities and the same integer divisions, float ratios and ceilings as the Go code.

import type { ControllerConfig, PodState } from './hpaInput.ts';
import { MetricUnavailable } from './metricUnavailable.ts';
import { groupPods, podGroup, readyPodsCount, type PodGroups, type PodMetrics } from './podGroups.ts';
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

/**
 * The samples a calculation uses, by pod position: `value[i]`, NaN for a pod without one. Every value is an
 * integer (milli-units), so sums are exact whatever their order, as Go's int64 sums over its maps are.
 */
interface Samples {
  readonly value: number[];
  size: number;
}

function setSample(samples: Samples, i: number, value: number): void {
  if (Number.isNaN(samples.value[i]!)) samples.size++;
  samples.value[i] = value;
}

/** GetResourceUtilizationRatio: integer percent of requests over the pods that have both a sample and a request. */
function resourceUtilizationRatio(samples: Samples, requests: readonly number[], target: number) {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (let i = 0; i < samples.value.length; i++) {
    const value = samples.value[i]!;
    if (Number.isNaN(value)) continue;
    metricsTotal += value;
    requestsTotal += requests[i]!;
    entries++;
  }
  if (requestsTotal === 0) throw new MetricUnavailable('no metrics returned matched known pods');
  const utilization = intDiv(metricsTotal * 100, requestsTotal);
  return { ratio: utilization / target, utilization, rawAverage: intDiv(metricsTotal, entries) };
}

/** GetMetricUsageRatio: integer average of the samples over the target. */
function metricUsageRatio(samples: Samples, target: number) {
  let total = 0;
  for (const value of samples.value) if (!Number.isNaN(value)) total += value;
  const usage = intDiv(total, samples.size);
  return { ratio: usage / target, usage };
}

/** Each pod's request of `resource` (every pod must have one). */
function podRequests(pods: readonly PodState[], resource: string): number[] {
  const requests: number[] = [];
  for (const pod of pods) {
    const request = pod.requests[resource];
    if (request === undefined) throw new MetricUnavailable(`missing request for ${resource} in pod ${pod.name}`);
    requests.push(request);
  }
  return requests;
}

/** The ready pods' samples, and the groups. */
function samplesOf(ctx: CalculatorContext, metrics: PodMetrics, resource: string | undefined, api: string) {
  if (metrics.count === 0) throw new MetricUnavailable(`no metrics returned from ${api}`);
  if (ctx.pods.length === 0) throw new MetricUnavailable('no pods returned by selector while calculating replica count');
  const groups = groupPods(ctx.pods, metrics, resource, ctx.now, ctx.controller);
  const value: number[] = [];
  for (let i = 0; i < groups.of.length; i++) value.push(groups.of[i] === podGroup.ready ? metrics.values[i]! : NaN);
  const samples: Samples = { value, size: groups.readyPodCount };
  return { groups, samples };
}

type RatioOf = (samples: Samples) => number;

/**
 * The shared tail of GetResourceReplicas and calcPlainMetricReplicas: conservative fill of missing pods
 * (`missingFill` on scale-down, 0 on scale-up; none at a ratio of exactly 1), unready pods as 0 on
 * scale-up, then no change if the recomputed ratio is within tolerance or flips direction.
 */
function rebalancedReplicas(
  ctx: CalculatorContext,
  groups: PodGroups,
  samples: Samples,
  usageRatio: number,
  ratioOf: RatioOf,
  missingFill: (pod: number) => number,
): number {
  const scaleUpWithUnready = groups.unreadyCount > 0 && usageRatio > 1.0;
  if (!scaleUpWithUnready && groups.missingCount === 0) {
    if (isWithinTolerance(ctx.tolerances, usageRatio)) return ctx.currentReplicas;
    return Math.ceil(usageRatio * groups.readyPodCount);
  }
  const n = groups.of.length;
  if (groups.missingCount > 0) {
    // A ratio of exactly 1 fills nothing.
    const fill = usageRatio < 1.0 ? missingFill : usageRatio > 1.0 ? () => 0 : undefined;
    if (fill !== undefined) for (let i = 0; i < n; i++) if (groups.of[i] === podGroup.missing) setSample(samples, i, fill(i));
  }
  if (scaleUpWithUnready) for (let i = 0; i < n; i++) if (groups.of[i] === podGroup.unready) setSample(samples, i, 0);

  const newUsageRatio = ratioOf(samples);
  if (
    isWithinTolerance(ctx.tolerances, newUsageRatio) ||
    (usageRatio < 1.0 && newUsageRatio > 1.0) ||
    (usageRatio > 1.0 && newUsageRatio < 1.0)
  )
    return ctx.currentReplicas;
  const newReplicas = Math.ceil(newUsageRatio * samples.size);
  if ((newUsageRatio < 1.0 && newReplicas > ctx.currentReplicas) || (newUsageRatio > 1.0 && newReplicas < ctx.currentReplicas))
    return ctx.currentReplicas;
  return newReplicas;
}

/** GetResourceReplicas: a Resource metric with an averageUtilization target (percent of requests). */
export function resourceUtilizationReplicas(
  ctx: CalculatorContext,
  metrics: PodMetrics,
  resource: string,
  targetUtilization: number,
): Proposal & { rawAverageValue: number } {
  const { groups, samples } = samplesOf(ctx, metrics, resource, 'resource metrics API');
  const requests = podRequests(ctx.pods, resource);
  if (samples.size === 0) throw new MetricUnavailable('did not receive metrics for targeted pods (pods might be unready)');
  const first = resourceUtilizationRatio(samples, requests, targetUtilization);
  const replicas = rebalancedReplicas(
    ctx,
    groups,
    samples,
    first.ratio,
    (v) => resourceUtilizationRatio(v, requests, targetUtilization).ratio,
    // 100 % of the pod's request, or the target when it is above 100 % (kubernetes#112178).
    (pod) => intDiv(requests[pod]! * Math.max(100, targetUtilization), 100),
  );
  return { replicas, usage: first.utilization, rawAverageValue: first.rawAverage };
}

/**
 * calcPlainMetricReplicas: a Pods metric, or a Resource metric with an averageValue target
 * (`resource` set, so CPU samples get the start-up checks).
 */
export function plainMetricReplicas(
  ctx: CalculatorContext,
  metrics: PodMetrics,
  resource: string | undefined,
  targetAverage: number,
): Proposal {
  const api = resource === undefined ? 'custom metrics API' : 'resource metrics API';
  const { groups, samples } = samplesOf(ctx, metrics, resource, api);
  if (samples.size === 0) throw new MetricUnavailable('did not receive metrics for targeted pods (pods might be unready)');
  const first = metricUsageRatio(samples, targetAverage);
  const replicas = rebalancedReplicas(
    ctx,
    groups,
    samples,
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
