// The results file of `infercap simulate` (kind "simulation"): versioned JSON whose zod schema is also its
// TypeScript type. The pieces shared with the plan results (trace, SLO, instance, summary, series) live here.

import { z } from 'zod';
import { envelopeShape } from '../../harness/results/resultsEnvelope.ts';
import { traceReadingSchema } from '../trace/traceReading.ts';

/** Bumped on any change that an older reader could not read. 1: before the envelope (`version: 1`); 2: the envelope. */
export const simulationSchemaVersion = 2;

const count = z.number().nonnegative();
const share = z.number().min(0).max(1);

/** The load trace a simulation replayed: where it came from and its load figures (requests per second). */
export const traceSummarySchema = z.strictObject({
  /** The trace file's base name without extension (or "inline"). */
  name: z.string(),
  file: z.string().nullable(),
  source: z.enum(['rps-csv', 'counts-csv', 'arrivals-csv', 'synthetic']),
  /** Unix seconds of the first simulated second. */
  startTime: z.number(),
  /** Simulated seconds (the trace's length at 1 s resolution). */
  seconds: z.number().int().positive(),
  totalRequests: count,
  meanRps: count,
  peakRps: count,
  /** The 99th percentile of the per-second load. */
  p99Rps: count,
  /** How the trace was read (format, zone assumed, interval, gaps) and transformed. */
  reading: traceReadingSchema.optional(),
});
export type TraceSummary = z.infer<typeof traceSummarySchema>;

/** A latency objective such as `p95 < 100ms`, met when the share of requests within it reaches `objective`. */
export const sloSchema = z.strictObject({
  /** As written: `p95 < 100ms`. */
  text: z.string(),
  percentile: z.enum(['p50', 'p95', 'p99']),
  thresholdMs: z.number().positive(),
  /** The share (of requests) that must be within the latency bound for the SLO to count as met, e.g. 0.99. */
  objective: share,
});
export type Slo = z.infer<typeof sloSchema>;

/** The instance type a replica runs on: its price and the calibration its service model came from. */
export const instanceSummarySchema = z.strictObject({
  name: z.string(),
  kind: z.enum(['cpu', 'gpu']),
  pricePerHour: z.number().nonnegative(),
  currency: z.string(),
  /** The calibration file (written by `infercap sweep`), or null for a service model declared by hand. */
  calibration: z.string().nullable(),
  /** The pod's resource requests as Kubernetes quantities (`cpu: "1"`, `memory: "1Gi"`, `nvidia.com/gpu: "1"`). */
  requests: z.record(z.string(), z.string()),
});
export type InstanceSummary = z.infer<typeof instanceSummarySchema>;

/** The per-replica service model the simulation used (simulator/service/serviceModel.ts). */
export const serviceModelSummarySchema = z.strictObject({
  capacity: z.number().positive(),
  queueLimit: count,
  serviceTimeMs: z.strictObject({ mean: count, p50: count, p95: count, p99: count }),
  serviceTimeGrowth: count,
  serviceCv2: count,
  arrivalCv2: count,
  rhoCap: z.number(),
  cpuRequestCores: z.number().positive(),
  cpuSecondsPerRequest: count,
  idleCpuCores: count,
  /** The measured throughput-latency curve per replica, when the model uses it (latencyModel: curve). */
  latencyCurve: z.array(z.strictObject({ throughput: count, p50: count, p95: count, p99: count })).optional(),
});

/** Cluster realism: pod start-up, metrics pipeline and controller timing. */
export const clusterSummarySchema = z.strictObject({
  /** Seconds from a pod's creation to its readiness: fixed, or uniform in [min, max] (seeded). */
  startupDelaySeconds: z.strictObject({ min: count, max: count, seed: z.number().int() }),
  /** Of the start-up delay, the seconds a pod is Pending before it runs unready (absent in results before it was modelled). */
  pendingDelaySeconds: count.optional(),
  syncPeriodSeconds: z.number().int().positive(),
  metricsResolutionSeconds: z.number().int().positive(),
  metricsLagSeconds: z.number().int().nonnegative(),
  initialReplicas: z.number().int().nonnegative(),
});

/** The policy a simulation ran: its name, kind and declaration (the HPA's is an autoscaling/v2 spec). */
export const policySummarySchema = z.strictObject({
  name: z.string(),
  kind: z.string(),
  declaration: z.unknown(),
});

/**
 * Figures over every simulated second. Attainment by seconds: the share of seconds whose SLO percentile
 * is within the bound and that rejected nothing (seconds without arrivals count as met). Attainment by
 * requests: the requests served in such seconds over all arrivals (a rejected request is never within).
 */
export const simulationSummarySchema = z.strictObject({
  seconds: z.number().int().nonnegative(),
  requests: count,
  served: count,
  rejected: count,
  rejectedShare: share,
  /** Requests still queued when the trace ended. */
  backlogAtEnd: count,
  attainment: z.strictObject({ seconds: share, requests: share }),
  meetsSlo: z.boolean(),
  /** Request-weighted percentiles of the per-second latency figures (ms); null when nothing was served. */
  latencyMs: z.strictObject({ p50: count.nullable(), p95: count.nullable(), p99: count.nullable() }),
  /** Replica-hours billed: every pod from its creation to its deletion. */
  replicaHours: count,
  readyReplicaHours: count,
  cost: count,
  /** Cost per million arriving requests; null for an empty trace. */
  costPerMillionRequests: count.nullable(),
  replicas: z.strictObject({ min: count, max: count, mean: count }),
  scaleEvents: z.strictObject({ up: z.number().int().nonnegative(), down: z.number().int().nonnegative() }),
  /** Mean CPU utilization of ready replicas, percent of the pod's CPU request. */
  meanCpuUtilization: count.nullable(),
});
export type SimulationSummary = z.infer<typeof simulationSummarySchema>;

const values = z.array(z.number());
/** NaN (no ready replica, nothing served) is stored as null. */
const nullableValues = z.array(z.number().nullable());

/**
 * Per-second series, downsampled to at most a few thousand points: point i covers the seconds
 * [time[i], time[i] + stepSeconds). Rates, replicas and utilization are means over the point; latencies
 * are the worst second of the point; costSoFar is the cumulative cost at the point's end.
 */
export const seriesSchema = z.strictObject({
  stepSeconds: z.number().int().positive(),
  /** Seconds from the trace start. */
  time: values,
  load: values,
  served: values,
  rejected: values,
  desiredReplicas: values,
  readyReplicas: values,
  utilization: nullableValues,
  cpuUtilization: nullableValues,
  p50: nullableValues,
  p95: nullableValues,
  p99: nullableValues,
  costSoFar: values,
});
export type Series = z.infer<typeof seriesSchema>;

/** What a simulation and a plan both record: what was simulated (trace, SLO, instance, model, cluster). */
export const simulatedSetupShape = {
  trace: traceSummarySchema,
  slo: sloSchema,
  instance: instanceSummarySchema,
  serviceModel: serviceModelSummarySchema,
  cluster: clusterSummarySchema,
} as const;

export const simulationResultsSchema = z.strictObject({
  ...envelopeShape('simulation', simulationSchemaVersion),
  ...simulatedSetupShape,
  policy: policySummarySchema,
  summary: simulationSummarySchema,
  series: seriesSchema,
});

/** One `infercap simulate` results file. */
export type SimulationResults = z.infer<typeof simulationResultsSchema>;
