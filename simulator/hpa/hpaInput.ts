// The input of one HPA controller step (`infercap hpa`): an autoscaling/v2 spec, the target's pods and
// metrics as the controller sees them, and the controller's remembered history. Quantities are milli-units.

import { z } from 'zod';
import { issueMessage } from '../../common/config/issueMessage.ts';
import { issueLocation } from '../../common/config/zodIssues.ts';
import { configSchemaIssue } from '../../common/errors.ts';
import { featureGateIssues, featureGatesSchema } from './featureGates.ts';

const milli = z.number().int();
const replicas = z.number().int().min(0);
const positiveMilli = z.number().int().positive();

const metricIdentifier = z.object({ name: z.string().min(1) });

const resourceTarget = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Utilization'), averageUtilization: z.number().int().positive() }),
  z.object({ type: z.literal('AverageValue'), averageValue: positiveMilli }),
]);
const valueOrAverageTarget = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Value'), value: positiveMilli }),
  z.object({ type: z.literal('AverageValue'), averageValue: positiveMilli }),
]);

const metricSpec = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Resource'), resource: z.object({ name: z.string().min(1), target: resourceTarget }) }),
  z.object({
    type: z.literal('Pods'),
    pods: z.object({ metric: metricIdentifier, target: z.object({ type: z.literal('AverageValue'), averageValue: positiveMilli }) }),
  }),
  z.object({ type: z.literal('Object'), object: z.object({ metric: metricIdentifier, target: valueOrAverageTarget }) }),
  z.object({ type: z.literal('External'), external: z.object({ metric: metricIdentifier, target: valueOrAverageTarget }) }),
]);

const scalingPolicy = z.object({
  type: z.enum(['Pods', 'Percent']),
  value: z.number().int().positive(),
  periodSeconds: z.number().int().min(1).max(1800),
});

/** HPAScalingRules; absent fields take Kubernetes' defaults in behaviorDefaults.ts. */
const scalingRules = z.object({
  stabilizationWindowSeconds: z.number().int().min(0).max(3600).optional(),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
  policies: z.array(scalingPolicy).min(1).optional(),
  tolerance: z.number().min(0).optional(),
});

/** The Kubernetes default when spec.metrics is empty: CPU at 80 % average utilization. */
const defaultMetrics = [
  { type: 'Resource' as const, resource: { name: 'cpu', target: { type: 'Utilization' as const, averageUtilization: 80 } } },
];

const spec = z
  .object({
    minReplicas: replicas.default(1),
    maxReplicas: z.number().int().min(1),
    metrics: z.array(metricSpec).default([]).transform((metrics) => (metrics.length === 0 ? defaultMetrics : metrics)),
    behavior: z.object({ scaleUp: scalingRules.optional(), scaleDown: scalingRules.optional() }).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.minReplicas > s.maxReplicas)
      ctx.addIssue({ code: 'custom', path: ['minReplicas'], message: `must not exceed maxReplicas (${s.maxReplicas})` });
  });

// Absent pod fields describe a running, ready pod started (and made ready) before any time on the clock;
// an explicit null is Kubernetes' nil (no start time, no Ready condition), which marks a CPU sample unready.
const longAgo = (t: number | null | undefined) => (t === undefined ? Number.NEGATIVE_INFINITY : t);

const pod = z.object({
  name: z.string().min(1),
  phase: z.enum(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']).default('Running'),
  ready: z.boolean().nullable().default(true),
  deleted: z.boolean().default(false),
  startTime: z.number().nullable().optional().transform(longAgo),
  readyTransitionTime: z.number().optional().transform((t) => t ?? Number.NEGATIVE_INFINITY),
  requests: z.record(z.string(), milli.min(0)).default({}),
  metrics: z.record(z.string(), milli).default({}),
  metricTimestamp: z.number().optional(),
  /** The metrics API's sample window; Kubernetes assumes one minute when the API gives none. */
  metricWindowSeconds: z.number().min(0).default(60),
});

const timestampedRecommendation = z.object({ replicas: replicas, timestamp: z.number() });
const scaleEvent = z.object({ replicaChange: z.number().int(), timestamp: z.number(), outdated: z.boolean().default(false) });

/**
 * kube-controller-manager's --horizontal-pod-autoscaler-* flags and the feature gates, with their defaults.
 * The scale-up limit without spec.behavior (max(2 × current, 4)) is a constant of the controller, not a flag.
 */
const controller = z
  .strictObject({
    tolerance: z.number().min(0).default(0.1),
    cpuInitializationPeriodSeconds: z.number().min(0).default(300),
    initialReadinessDelaySeconds: z.number().min(0).default(30),
    downscaleStabilizationWindowSeconds: z.number().min(0).default(300),
    featureGates: featureGatesSchema,
  })
  .prefault({});

export const hpaInputSchema = z.object({
  now: z.number(),
  spec,
  currentReplicas: replicas,
  statusReplicas: replicas.optional(),
  pods: z.array(pod).default([]),
  objectMetrics: z.record(z.string(), milli).default({}),
  externalMetrics: z.record(z.string(), z.array(milli)).default({}),
  prenormalizedDesiredReplicas: replicas.optional(),
  recommendations: z.array(timestampedRecommendation).nullable().optional(),
  scaleUpEvents: z.array(scaleEvent).default([]),
  scaleDownEvents: z.array(scaleEvent).default([]),
  controller,
}).superRefine((input, ctx) => {
  for (const issue of featureGateIssues(input.spec, input.controller.featureGates)) ctx.addIssue({ code: 'custom', path: ['spec', ...issue.path], message: issue.message });
  // The controller's pod metrics and groups are keyed by pod name, as a namespace's pods are named uniquely.
  const first = new Map<string, number>();
  input.pods.forEach((pod, i) => {
    const earlier = first.get(pod.name);
    if (earlier === undefined) first.set(pod.name, i);
    else ctx.addIssue({ code: 'custom', path: ['pods', i, 'name'], message: `"${pod.name}" is already the name of pods[${earlier}] (pod names are unique in a namespace)` });
  });
});

export type HpaInput = z.output<typeof hpaInputSchema>;
export type HpaSpec = HpaInput['spec'];
export type MetricSpec = HpaSpec['metrics'][number];
export type PodState = HpaInput['pods'][number];
export type ScalingRulesInput = z.output<typeof scalingRules>;
export type ScalingPolicy = z.output<typeof scalingPolicy>;
export type ControllerConfig = HpaInput['controller'];
export type TimestampedRecommendation = z.output<typeof timestampedRecommendation>;
export type ScaleEvent = z.output<typeof scaleEvent>;

/** Validates `value` and applies every Kubernetes default; throws exit-2 `configSchemaIssue` naming the first bad field. */
export function parseHpaInput(value: unknown, where: string): HpaInput {
  const result = hpaInputSchema.safeParse(value, { error: issueMessage });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw configSchemaIssue(where, issueLocation(issue, '(root)').field, issue.message);
}
