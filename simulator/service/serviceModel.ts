// The per-second service model of the simulator: how a fleet of `c` ready replicas serves one second of
// arrivals, what it carries over, what it rejects, how busy it is and what latency its requests see.
//
// Parameters (per replica, from a calibration written by `infercap sweep`, or declared by hand):
//   μ  capacity, requests/s a replica serves at most (the calibration's maxSustainableThroughput, or its
//      peakThroughput; the sustainable figure falls back to the peak when the sweep found no knee);
//   K  queueLimit, requests a replica may hold waiting; the fleet holds at most L = c·K;
//   S  service time: mean and p50/p95/p99 at the sweep's lowest level (where requests barely queue).
//
// Per simulated second t, with A arrivals, c ready replicas, C = c·μ and B₀ the backlog carried in:
//   served    = min(B₀ + A, C)                  (FIFO: the carried backlog is served first)
//   backlog   = min(B₀ + A − served, L)         (the queue limit applies at the end of the second)
//   rejected  = B₀ + A − served − backlog       (including any backlog beyond a shrunken fleet's limit)
//   utilization    = served / C                 (per replica; load is spread evenly over ready replicas)
//   cpuUtilization = 100 · (idleCpuCores + served/c · cpuSecondsPerRequest) / cpuRequestCores, in percent
//                    of the pod's CPU request like the HPA's averageUtilization (default cost: a replica
//                    at capacity uses exactly its request, cpuSecondsPerRequest = cpuRequestCores / μ).
// With c = 0 nothing is served and L = 0: every arrival and any carried backlog is rejected (no endpoints),
// and utilization, CPU and the latency percentiles are NaN.
//
// Latency percentile q (q ∈ {0.50, 0.95, 0.99}) of the requests arriving in second t is the sum of three
// quantiles (a sum of quantiles bounds the quantile of a sum from above; the model leans conservative):
//   1. service time  S_q · (1 + serviceTimeGrowth · ρ), ρ = served / C; the growth term stands for batching
//      and contention making each request slower under load (0 by default: the calibration's low-load
//      service time throughout).
//   2. backlog delay (fluid, deterministic, across seconds): arrivals are spread uniformly over the second;
//      one arriving at τ ∈ [0, 1) finds Q(τ) = clamp(B₀ + (A − C)·τ, 0, L) requests ahead and waits Q(τ)/C.
//      Q is monotone in τ, so its q-quantile is Q(q) when the queue grows and Q(1 − q) when it drains.
//      This is the term "queueing delay = backlog / (replicas × capacity)" for requests that waited.
//   3. random waiting (stationary, within the second): an M/M/m queue with the Allen–Cunneen correction
//      for general service times (GI/G/m), with Sakasegawa's approximation of the Erlang-C probability of
//      waiting. A replica at capacity has μ·S̄ requests in service (Little's law), so the fleet is
//      m = c · max(1, μ·S̄) parallel servers; the offered utilization is ρ_a = min(A / C, rhoCap).
//        P(wait)  ≈ ρ_a^(√(2(m+1)) − 1)                                   (Sakasegawa 1977; exact for m = 1)
//        E[W | W > 0] = ((c_a² + c_s²) / 2) / (C · (1 − ρ_a))            (M/M/m: 1/(mμ_s − λ), Allen–Cunneen)
//        W_q = ln(P(wait) / (1 − q)) · E[W | W > 0] if P(wait) > 1 − q, else 0   (exponential tail)
//      c_a² = 1 (Poisson arrivals) by default; c_s² comes from a lognormal fit of the calibration's
//      p50 and p95 (σ = ln(p95/p50)/1.645, c_s² = e^{σ²} − 1) unless declared. ρ_a is capped (rhoCap,
//      0.95 by default) because the stationary term is meaningless at or past saturation, where the
//      fluid term (2) takes over.
// Both waiting terms grow with A at fixed c and B₀, so every percentile is non-decreasing in load.
//
// Latency curve (optional, `latencyModel: 'curve'`): when the calibration's throughput-latency curve is given
// (per replica, from a request-rate sweep), terms 1 and 3 are replaced by the curve's percentile at the
// second's served rate per replica, each percentile fitted non-decreasing over the measured points (curveOf)
// and interpolated linearly in throughput (held flat outside the measured range): the measured curve already holds the service time, batching and the waiting of that load. The
// fluid backlog term (2) still adds the waiting of overload across seconds.
//
// Assumptions and limits: arrivals are uniform within a second and Poisson-like; ready replicas share the
// load evenly (round-robin Service); a replica's capacity does not depend on its load history; a request
// that waits is served by the fleet of the second it arrives in (a change of replica count next second
// does not re-time it); batching is represented only through the calibrated capacity and service time
// (which already include the batching queue delay at the sweep's lowest level) and serviceTimeGrowth;
// startup, scrape lag and the controller live elsewhere (the simulator feeds `readyReplicas`).

import { z } from 'zod';
import { issueMessage } from '../../common/config/issueMessage.ts';
import { issueLocation } from '../../common/config/zodIssues.ts';
import { calibrationWithoutCurve, calibrationWithoutServiceTimes, configSchemaIssue } from '../../common/errors.ts';
import type { Calibration } from '../../harness/sweep/calibration.ts';
import { nonDecreasingFit } from './nonDecreasingFit.ts';

export interface ServiceModel {
  /** μ: requests per second one replica serves at most. */
  readonly capacity: number;
  /** K: requests one replica may hold waiting. */
  readonly queueLimit: number;
  /** Service time in ms at low load. */
  readonly serviceTimeMs: { readonly mean: number; readonly p50: number; readonly p95: number; readonly p99: number };
  /** Relative growth of the service time at full utilization (0: none). */
  readonly serviceTimeGrowth: number;
  /** c_s², the squared coefficient of variation of the service time. */
  readonly serviceCv2: number;
  /** c_a², the squared coefficient of variation of the inter-arrival time (1: Poisson). */
  readonly arrivalCv2: number;
  /** Cap on the utilization fed to the stationary waiting term, below 1. */
  readonly rhoCap: number;
  /** The pod's CPU request in cores. */
  readonly cpuRequestCores: number;
  /** CPU seconds one request costs. */
  readonly cpuSecondsPerRequest: number;
  /** CPU cores a ready replica uses with no load. */
  readonly idleCpuCores: number;
  /** Measured latency (ms) by served requests per second per replica, increasing in throughput; replaces the queueing terms. */
  readonly latencyCurve?: readonly LatencyPoint[];
}

/** One point of a replica's measured throughput-latency curve. */
export interface LatencyPoint {
  readonly throughput: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

export interface ServiceModelOptions {
  readonly queueLimit: number;
  /** 'queueing' (default): low-load service time plus the queueing terms; 'curve': the calibration's measured curve. */
  readonly latencyModel?: 'queueing' | 'curve';
  /** 'sustainable' (default): maxSustainableThroughput, or the peak when the sweep found no knee. */
  readonly capacitySource?: 'sustainable' | 'peak';
  readonly serviceTimeGrowth?: number;
  readonly serviceCv2?: number;
  readonly arrivalCv2?: number;
  readonly rhoCap?: number;
  /** Default 1 core. */
  readonly cpuRequestCores?: number;
  /** Default cpuRequestCores / capacity: a replica at capacity uses its whole request. */
  readonly cpuSecondsPerRequest?: number;
  readonly idleCpuCores?: number;
}

const z95 = 1.6448536269514722;

/** c_s² of a lognormal with the given median and 95th percentile. */
export function lognormalCv2(p50: number, p95: number): number {
  if (!(p50 > 0) || !(p95 > p50)) return 0;
  const sigma = Math.log(p95 / p50) / z95;
  return Math.expm1(sigma * sigma);
}

const nonNegative = z.number().nonnegative().finite();
const percentiles = z
  .object({ p50: nonNegative, p95: nonNegative, p99: nonNegative })
  .refine((t) => t.p95 >= t.p50 && t.p99 >= t.p95, { message: 'percentiles must satisfy p50 ≤ p95 ≤ p99' });

/** A service model as declared (by hand in an instance profile, or from a calibration): one schema, the defaults above. */
export const serviceModelInputSchema = z.object({
  capacity: z.number().positive().finite(),
  queueLimit: nonNegative,
  serviceTimeMs: z
    .object({ mean: nonNegative.optional(), p50: nonNegative, p95: nonNegative, p99: nonNegative })
    .refine((t) => t.p95 >= t.p50 && t.p99 >= t.p95, { message: 'service-time percentiles must satisfy p50 ≤ p95 ≤ p99' }),
  latencyCurve: z
    .array(percentiles.and(z.object({ throughput: z.number().positive().finite() })))
    .min(1)
    .refine((curve) => curve.every((point, i) => i === 0 || point.throughput > curve[i - 1]!.throughput), {
      message: 'throughputs must increase from one point to the next',
    })
    .optional(),
  serviceTimeGrowth: nonNegative.optional(),
  serviceCv2: nonNegative.optional(),
  arrivalCv2: nonNegative.optional(),
  rhoCap: z.number().gt(0).lt(1).optional(),
  cpuRequestCores: z.number().positive().finite().optional(),
  cpuSecondsPerRequest: nonNegative.optional(),
  idleCpuCores: nonNegative.optional(),
});

export type ServiceModelInput = z.input<typeof serviceModelInputSchema>;

/**
 * A complete, validated model from partly declared fields (defaults as documented above).
 * @throws InfercapError E_INVALID_CONFIG (exit code 2) naming `where` and the field.
 */
export function serviceModel(declared: ServiceModelInput, where = 'service model'): ServiceModel {
  const parsed = serviceModelInputSchema.safeParse(declared, { error: issueMessage });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw configSchemaIssue(where, issueLocation(issue, 'serviceModel').field, issue.message);
  }
  const { capacity, queueLimit, latencyCurve: curve } = parsed.data;
  const { p50, p95, p99 } = parsed.data.serviceTimeMs;
  const cpuRequestCores = parsed.data.cpuRequestCores ?? 1;
  const model: ServiceModel = {
    capacity,
    queueLimit,
    serviceTimeMs: { mean: parsed.data.serviceTimeMs.mean ?? p50, p50, p95, p99 },
    serviceTimeGrowth: parsed.data.serviceTimeGrowth ?? 0,
    serviceCv2: parsed.data.serviceCv2 ?? lognormalCv2(p50, p95),
    arrivalCv2: parsed.data.arrivalCv2 ?? 1,
    rhoCap: parsed.data.rhoCap ?? 0.95,
    cpuRequestCores,
    cpuSecondsPerRequest: parsed.data.cpuSecondsPerRequest ?? cpuRequestCores / capacity,
    idleCpuCores: parsed.data.idleCpuCores ?? 0,
  };
  return curve === undefined ? model : { ...model, latencyCurve: curve.map(({ throughput, p50, p95, p99 }) => ({ throughput, p50, p95, p99 })) };
}

/** The model of one replica as calibrated by `infercap sweep`. */
export function serviceModelFromCalibration(calibration: Calibration, options: ServiceModelOptions, where = 'calibration'): ServiceModel {
  const capacity =
    options.capacitySource === 'peak' ? calibration.peakThroughput : (calibration.maxSustainableThroughput ?? calibration.peakThroughput);
  const { mean, p50, p95, p99 } = calibration.serviceTimeMs;
  if (p50 === null || p95 === null || p99 === null) throw calibrationWithoutServiceTimes(where);
  const { capacitySource: _ignored, latencyModel, ...rest } = options;
  const latencyCurve = latencyModel === 'curve' ? curveOf(calibration, where) : undefined;
  return serviceModel({ ...rest, capacity, serviceTimeMs: { mean: mean ?? undefined, p50, p95, p99 }, ...(latencyCurve === undefined ? {} : { latencyCurve }) }, where);
}

/**
 * The calibration's throughput-latency curve as a model curve: points with all three percentiles, up to
 * the knee (the highest sustainable throughput; every point when the sweep found none), each throughput above
 * the last; each percentile fitted non-decreasing in load
 * (nonDecreasingFit.ts says why a fit and not a running maximum), and p50 ≤ p95 ≤ p99 at every point.
 */
export function curveOf(calibration: Calibration, where = 'calibration'): LatencyPoint[] {
  const knee = calibration.maxSustainableThroughput ?? Infinity;
  const measured: { throughput: number; p50: number; p95: number; p99: number }[] = [];
  for (const point of [...calibration.curve].sort((a, b) => a.level - b.level)) {
    if (point.p50 === null || point.p95 === null || point.p99 === null || !(point.throughput > 0)) continue;
    // Past the knee a level's latency holds the queue that grew while it was measured: the fluid term's part.
    if (point.throughput > knee) continue;
    if (measured.length > 0 && point.throughput <= measured.at(-1)!.throughput) continue;
    measured.push({ throughput: point.throughput, p50: point.p50, p95: point.p95, p99: point.p99 });
  }
  if (measured.length === 0) throw calibrationWithoutCurve(where);
  const p50 = nonDecreasingFit(measured.map((point) => point.p50));
  const p95 = nonDecreasingFit(measured.map((point) => point.p95));
  const p99 = nonDecreasingFit(measured.map((point) => point.p99));
  return measured.map(({ throughput }, i) => {
    const atP95 = Math.max(p95[i]!, p50[i]!);
    return { throughput, p50: p50[i]!, p95: atP95, p99: Math.max(p99[i]!, atP95) };
  });
}
