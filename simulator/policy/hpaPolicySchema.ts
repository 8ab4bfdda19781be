// The YAML of an HPA policy: an autoscaling/v2 HorizontalPodAutoscalerSpec with Kubernetes' field names
// and quantities ("500m", "80"), limited to the metrics the simulated fleet exposes, plus the controller's flags.

import { z } from 'zod';
import { featureGateIssues, featureGatesSchema } from '../hpa/featureGates.ts';
import { parseQuantityMilli } from './quantity.ts';

/** The metrics the simulated pods and Service expose, by the name an HPA spec refers to them. */
export const simulatedMetrics = {
  /** Resource: CPU of the pod, from the modelled work against its request. */
  cpu: 'cpu',
  /** Pods: arrivals per second per ready pod. */
  requestsPerSecond: 'requests_per_second',
  /** Pods: requests in service or queued per pod. */
  inflight: 'inflight_requests',
  /** Object (the Service): the fleet's p95 latency in seconds. */
  p95: 'latency_p95_seconds',
} as const;

const quantity = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const parsed = parseQuantityMilli(value);
  if (parsed.ok && parsed.milli > 0) return parsed.milli;
  ctx.addIssue({ code: 'custom', message: parsed.ok ? 'must be greater than 0' : parsed.problem, input: value });
  return z.NEVER;
});

const podsMetricName = z.enum([simulatedMetrics.requestsPerSecond, simulatedMetrics.inflight], {
  error: () => `the simulated pods expose ${simulatedMetrics.requestsPerSecond} and ${simulatedMetrics.inflight}`,
});

const metricSpec = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('Resource'),
    resource: z.strictObject({
      name: z.literal('cpu', { error: () => 'the simulator models the cpu resource only' }),
      target: z.discriminatedUnion('type', [
        z.strictObject({ type: z.literal('Utilization'), averageUtilization: z.int().positive() }),
        z.strictObject({ type: z.literal('AverageValue'), averageValue: quantity }),
      ]),
    }),
  }),
  z.strictObject({
    type: z.literal('Pods'),
    pods: z.strictObject({
      metric: z.strictObject({ name: podsMetricName }),
      target: z.strictObject({ type: z.literal('AverageValue'), averageValue: quantity }),
    }),
  }),
  z.strictObject({
    type: z.literal('Object'),
    object: z.strictObject({
      metric: z.strictObject({ name: z.literal(simulatedMetrics.p95, { error: () => `the simulated Service exposes ${simulatedMetrics.p95}` }) }),
      describedObject: z.strictObject({ apiVersion: z.string(), kind: z.string(), name: z.string() }).optional(),
      target: z.discriminatedUnion('type', [
        z.strictObject({ type: z.literal('Value'), value: quantity }),
        z.strictObject({ type: z.literal('AverageValue'), averageValue: quantity }),
      ]),
    }),
  }),
]);

const scalingRules = z.strictObject({
  stabilizationWindowSeconds: z.int().min(0).max(3600).optional(),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
  policies: z
    .array(z.strictObject({ type: z.enum(['Pods', 'Percent']), value: z.int().positive(), periodSeconds: z.int().min(1).max(1800) }))
    .min(1)
    .optional(),
  tolerance: z.number().min(0).optional(),
});

export const hpaSpecSchema = z
  .strictObject({
    minReplicas: z.int().min(0).default(1),
    maxReplicas: z.int().min(1),
    metrics: z.array(metricSpec).min(1),
    behavior: z.strictObject({ scaleUp: scalingRules.optional(), scaleDown: scalingRules.optional() }).optional(),
  })
  .check((ctx) => {
    if (ctx.value.minReplicas > ctx.value.maxReplicas)
      ctx.issues.push({ code: 'custom', message: `must not exceed maxReplicas (${ctx.value.maxReplicas})`, input: ctx.value.minReplicas, path: ['minReplicas'] });
  });
/** An HPA spec as declared, quantities in milli-units. */
export type HpaPolicySpec = z.output<typeof hpaSpecSchema>;

/** kube-controller-manager's --horizontal-pod-autoscaler-* flags and feature gates; absent ones take Kubernetes' defaults (gates off). */
const controllerFlags = z.strictObject({
  tolerance: z.number().min(0).optional(),
  cpuInitializationPeriodSeconds: z.number().min(0).optional(),
  initialReadinessDelaySeconds: z.number().min(0).optional(),
  downscaleStabilizationWindowSeconds: z.number().min(0).optional(),
  featureGates: featureGatesSchema,
});

export const hpaPolicySchema = z
  .strictObject({
    name: z.string().min(1).optional(),
    kind: z.literal('hpa'),
    spec: hpaSpecSchema,
    controller: controllerFlags.optional(),
  })
  .check((ctx) => {
    const gates = featureGatesSchema.parse(ctx.value.controller?.featureGates);
    for (const issue of featureGateIssues(ctx.value.spec, gates))
      ctx.issues.push({ code: 'custom', message: issue.message, input: ctx.value.spec, path: ['spec', ...issue.path] });
  });
export type HpaPolicyDeclaration = z.output<typeof hpaPolicySchema>;
