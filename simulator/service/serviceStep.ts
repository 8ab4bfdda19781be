// One simulated second of the service model (documented in serviceModel.ts), allocation-free: the step
// reads a compiled model and a mutable state and writes into a caller-owned output record, so a trace of
// millions of seconds costs a few multiplications, a square root, a power and up to three logarithms each.

import type { ServiceModel } from './serviceModel.ts';

/** The model with its per-second constants folded in. */
export interface CompiledServiceModel {
  readonly model: ServiceModel;
  readonly capacity: number;
  readonly queueLimit: number;
  /** Parallel servers per replica: max(1, μ · S̄). */
  readonly serversPerReplica: number;
  /** (c_a² + c_s²) / 2. */
  readonly allenCunneen: number;
  readonly rhoCap: number;
  readonly serviceP50: number;
  readonly serviceP95: number;
  readonly serviceP99: number;
  readonly serviceTimeGrowth: number;
  readonly cpuSecondsPerRequest: number;
  readonly idleCpuCores: number;
  readonly cpuRequestCores: number;
  /** The measured curve as parallel arrays (empty without one): throughput per replica and p50/p95/p99 in ms. */
  readonly curveThroughput: Float64Array;
  readonly curveP50: Float64Array;
  readonly curveP95: Float64Array;
  readonly curveP99: Float64Array;
}

export function compileServiceModel(model: ServiceModel): CompiledServiceModel {
  return {
    model,
    capacity: model.capacity,
    queueLimit: model.queueLimit,
    serversPerReplica: Math.max(1, (model.capacity * model.serviceTimeMs.mean) / 1000),
    allenCunneen: (model.arrivalCv2 + model.serviceCv2) / 2,
    rhoCap: model.rhoCap,
    serviceP50: model.serviceTimeMs.p50,
    serviceP95: model.serviceTimeMs.p95,
    serviceP99: model.serviceTimeMs.p99,
    serviceTimeGrowth: model.serviceTimeGrowth,
    cpuSecondsPerRequest: model.cpuSecondsPerRequest,
    idleCpuCores: model.idleCpuCores,
    cpuRequestCores: model.cpuRequestCores,
    curveThroughput: Float64Array.from(model.latencyCurve ?? [], (p) => p.throughput),
    curveP50: Float64Array.from(model.latencyCurve ?? [], (p) => p.p50),
    curveP95: Float64Array.from(model.latencyCurve ?? [], (p) => p.p95),
    curveP99: Float64Array.from(model.latencyCurve ?? [], (p) => p.p99),
  };
}

/** What carries over from one second to the next. */
export interface ServiceState {
  /** Requests waiting at the end of the last second. */
  backlog: number;
}

export function initialServiceState(): ServiceState {
  return { backlog: 0 };
}

/** One second's figures; reused from second to second. Latencies in ms, CPU in percent of the request. */
export interface ServiceSecond {
  served: number;
  backlog: number;
  rejected: number;
  /** Per replica, served / (replicas × capacity), 0..1. */
  utilization: number;
  cpuUtilization: number;
  p50: number;
  p95: number;
  p99: number;
}

export function createServiceSecond(): ServiceSecond {
  return { served: 0, backlog: 0, rejected: 0, utilization: 0, cpuUtilization: 0, p50: 0, p95: 0, p99: 0 };
}

/**
 * Advance `state` by one second of `arrivals` with `readyReplicas` ready replicas (a non-negative integer)
 * and write the second's figures into `out`.
 */
export function serviceStep(compiled: CompiledServiceModel, state: ServiceState, arrivals: number, readyReplicas: number, out: ServiceSecond): void {
  const carried = state.backlog;
  const replicas = readyReplicas > 0 ? readyReplicas : 0;
  const total = carried + (arrivals > 0 ? arrivals : 0);
  if (replicas === 0) {
    state.backlog = 0;
    out.served = 0;
    out.backlog = 0;
    out.rejected = total;
    out.utilization = NaN;
    out.cpuUtilization = NaN;
    out.p50 = NaN;
    out.p95 = NaN;
    out.p99 = NaN;
    return;
  }
  const rate = arrivals > 0 ? arrivals : 0;
  const capacity = replicas * compiled.capacity;
  const limit = replicas * compiled.queueLimit;
  const served = total < capacity ? total : capacity;
  const remaining = total - served;
  const backlog = remaining < limit ? remaining : limit;
  state.backlog = backlog;
  out.served = served;
  out.backlog = backlog;
  out.rejected = remaining - backlog;
  const utilization = served / capacity;
  out.utilization = utilization;
  out.cpuUtilization = (100 * (compiled.idleCpuCores + (served / replicas) * compiled.cpuSecondsPerRequest)) / compiled.cpuRequestCores;

  const slope = rate - capacity;
  const msPerRequest = 1000 / capacity;
  if (compiled.curveThroughput.length > 0) {
    // The measured curve at this second's served rate per replica, plus the fluid backlog delay.
    const at = served / replicas;
    out.p50 = curveAt(compiled.curveThroughput, compiled.curveP50, at) + fluidDelayMs(carried, slope, limit, msPerRequest, 0.5);
    out.p95 = curveAt(compiled.curveThroughput, compiled.curveP95, at) + fluidDelayMs(carried, slope, limit, msPerRequest, 0.95);
    out.p99 = curveAt(compiled.curveThroughput, compiled.curveP99, at) + fluidDelayMs(carried, slope, limit, msPerRequest, 0.99);
    return;
  }

  // 1. Service time, stretched with utilization.
  const stretch = 1 + compiled.serviceTimeGrowth * utilization;
  // 2. Fluid backlog delay: Q(τ) = clamp(B₀ + (A − C)τ, 0, L), waited Q/C seconds; quantile at τ = q (growing) or 1 − q (draining).
  // 3. Stationary GI/G/m waiting: Sakasegawa's P(wait), Allen–Cunneen conditional mean, exponential tail.
  let rho = rate / capacity;
  if (rho > compiled.rhoCap) rho = compiled.rhoCap;
  let waitProbability = 0;
  let conditionalWaitMs = 0;
  if (rho > 0) {
    const servers = replicas * compiled.serversPerReplica;
    waitProbability = Math.pow(rho, Math.sqrt(2 * (servers + 1)) - 1);
    conditionalWaitMs = (1000 * compiled.allenCunneen) / (capacity * (1 - rho));
  }
  out.p50 = compiled.serviceP50 * stretch + fluidDelayMs(carried, slope, limit, msPerRequest, 0.5) + stationaryWaitMs(waitProbability, conditionalWaitMs, 0.5);
  out.p95 = compiled.serviceP95 * stretch + fluidDelayMs(carried, slope, limit, msPerRequest, 0.95) + stationaryWaitMs(waitProbability, conditionalWaitMs, 0.05);
  out.p99 = compiled.serviceP99 * stretch + fluidDelayMs(carried, slope, limit, msPerRequest, 0.99) + stationaryWaitMs(waitProbability, conditionalWaitMs, 0.01);
}

/** Linear interpolation of `values` at `x` over increasing `xs`, flat outside their range. */
function curveAt(xs: Float64Array, values: Float64Array, x: number): number {
  const last = xs.length - 1;
  if (x <= xs[0]!) return values[0]!;
  if (x >= xs[last]!) return values[last]!;
  let i = 1;
  while (xs[i]! < x) i++;
  const x0 = xs[i - 1]!;
  const v0 = values[i - 1]!;
  return v0 + ((values[i]! - v0) * (x - x0)) / (xs[i]! - x0);
}

function fluidDelayMs(carried: number, slope: number, limit: number, msPerRequest: number, q: number): number {
  let queue = carried + slope * (slope >= 0 ? q : 1 - q);
  if (queue <= 0) return 0;
  if (queue > limit) queue = limit;
  return queue * msPerRequest;
}

/** The waiting-time quantile whose tail mass is `tail`: P(W > w) = P(wait) · exp(−w / E[W | W > 0]). */
function stationaryWaitMs(waitProbability: number, conditionalWaitMs: number, tail: number): number {
  return waitProbability > tail ? Math.log(waitProbability / tail) * conditionalWaitMs : 0;
}

/** Per-second series the runner fills; each one given must be at least as long as the trace. */
export interface ServiceSeries {
  served?: Float64Array | Float32Array;
  backlog?: Float64Array | Float32Array;
  rejected?: Float64Array | Float32Array;
  utilization?: Float64Array | Float32Array;
  cpuUtilization?: Float64Array | Float32Array;
  p50?: Float64Array | Float32Array;
  p95?: Float64Array | Float32Array;
  p99?: Float64Array | Float32Array;
}

export interface ServiceTotals {
  arrivals: number;
  served: number;
  rejected: number;
  /** Backlog left at the end. */
  backlog: number;
}

/**
 * Run the model over whole traces (`arrivals[t]`, `readyReplicas[t]`) from `state`, filling whichever
 * series are given; returns the totals. Allocates nothing per second.
 */
export function runService(
  compiled: CompiledServiceModel,
  arrivals: ArrayLike<number>,
  readyReplicas: ArrayLike<number>,
  series: ServiceSeries = {},
  state: ServiceState = initialServiceState(),
): ServiceTotals {
  const length = arrivals.length;
  if (readyReplicas.length < length) throw new RangeError(`readyReplicas has ${readyReplicas.length} seconds, arrivals ${length}`);
  for (const [name, values] of Object.entries(series) as [string, Float64Array | Float32Array | undefined][]) {
    if (values !== undefined && values.length < length) throw new RangeError(`series ${name} has ${values.length} seconds, the trace ${length}`);
  }
  const { served, backlog, rejected, utilization, cpuUtilization, p50, p95, p99 } = series;
  const out = createServiceSecond();
  const totals: ServiceTotals = { arrivals: 0, served: 0, rejected: 0, backlog: 0 };
  for (let t = 0; t < length; t++) {
    const a = arrivals[t] as number;
    serviceStep(compiled, state, a, readyReplicas[t] as number, out);
    totals.arrivals += a;
    totals.served += out.served;
    totals.rejected += out.rejected;
    if (served !== undefined) served[t] = out.served;
    if (backlog !== undefined) backlog[t] = out.backlog;
    if (rejected !== undefined) rejected[t] = out.rejected;
    if (utilization !== undefined) utilization[t] = out.utilization;
    if (cpuUtilization !== undefined) cpuUtilization[t] = out.cpuUtilization;
    if (p50 !== undefined) p50[t] = out.p50;
    if (p95 !== undefined) p95[t] = out.p95;
    if (p99 !== undefined) p99[t] = out.p99;
  }
  totals.backlog = state.backlog;
  return totals;
}
