// Cluster realism around the service model: how long a pod takes to become ready, how metrics reach the
// controller, and how often the controller runs. One schema with its defaults; the type is the schema.

import { z } from 'zod';
import { traceSecondsSchema } from '../trace/traceDuration.ts';
import { maxLookbackSeconds } from './rollingSums.ts';

const seconds = traceSecondsSchema;

export const clusterConfigSchema = z
  .strictObject({
    /** Scheduling + image pull + model load + warm-up: a fixed delay, or uniform in [min, max] (seeded). */
    startupDelay: z
      .union([seconds, z.strictObject({ min: seconds, max: seconds })])
      .default(30)
      .transform((value) => (typeof value === 'number' ? { min: value, max: value } : value)),
    /**
     * Of the start-up delay, the seconds a new pod is Pending (scheduling, image pull) before its container
     * runs; for the rest it is Running but not Ready (model load, warm-up). Capped by the pod's delay.
     */
    pendingDelay: seconds.default(10),
    seed: z.int().default(1),
    /** The HPA controller's --horizontal-pod-autoscaler-sync-period. */
    syncPeriod: seconds.default(15),
    /** metrics-server's --metric-resolution: each scrape averages the preceding window of this length. */
    metricsResolution: seconds.default(15),
    /** From a scrape to the controller seeing it (metrics-server and API latency). */
    metricsLag: seconds.default(2),
    /** Replicas at the start of the trace (ready then); by default the policy's minimum. */
    initialReplicas: z.int().min(0).optional(),
  })
  .check((ctx) => {
    const value = ctx.value;
    if (value.startupDelay.max < value.startupDelay.min)
      ctx.issues.push({ code: 'custom', message: 'max must be at least min', input: value.startupDelay, path: ['startupDelay', 'max'] });
    for (const key of ['syncPeriod', 'metricsResolution'] as const)
      if (value[key] === 0) ctx.issues.push({ code: 'custom', message: 'must be at least 1 second', input: value[key], path: [key] });
    if (value.metricsResolution + value.metricsLag > maxLookbackSeconds / 2)
      ctx.issues.push({ code: 'custom', message: `metricsResolution + metricsLag must stay under ${maxLookbackSeconds / 2} s`, input: value.metricsLag, path: ['metricsLag'] });
  });

export type ClusterConfigInput = z.input<typeof clusterConfigSchema>;
export type ClusterConfig = z.output<typeof clusterConfigSchema>;

/** The defaults: 30 s start-up (10 s of it Pending), 15 s sync period and metric resolution, 2 s metrics lag. */
export const defaultClusterConfig: ClusterConfig = clusterConfigSchema.parse({});
