// What the fleet's monitoring would see, second by second: per-pod CPU, request rate and in-flight
// requests, the fleet's concurrency and each second's latency distribution. Policies read windows of these;
// a window's latency percentile is request-level (the seconds' distributions merged, latencyMixture.ts).

import { mixtureQuantile, type SecondLatency } from '../service/latencyMixture.ts';
import { maxLookbackSeconds, RollingSums } from './rollingSums.ts';

const ringSize = 8192; // a power of two above maxLookbackSeconds
const ringMask = ringSize - 1;

/** One second's readings, written by the simulation loop. */
export interface SignalSecond {
  readyReplicas: number;
  /** Millicores one ready pod used (CPU utilization × the pod's request). */
  cpuMilliPerPod: number;
  /** Arrivals per ready pod (requests per second). */
  rpsPerPod: number;
  /** In-flight requests (in service and queued) across the fleet, averaged over the second. */
  inflight: number;
  served: number;
  /** The second's latency percentiles (ms); NaN when nothing was served. */
  p50: number;
  p95: number;
  p99: number;
}

export class ClusterSignals {
  readonly cpuMilliPerPod = new RollingSums();
  readonly rpsPerPod = new RollingSums();
  readonly inflightPerPod = new RollingSums();
  readonly inflight = new RollingSums();
  readonly readyReplicas = new RollingSums();
  private readonly served = new Float64Array(ringSize);
  private readonly p50 = new Float64Array(ringSize);
  private readonly p95 = new Float64Array(ringSize);
  private readonly p99 = new Float64Array(ringSize);
  /** Seconds recorded so far. */
  seconds = 0;

  push(second: SignalSecond): void {
    const ready = second.readyReplicas;
    this.cpuMilliPerPod.push(ready > 0 ? second.cpuMilliPerPod : 0);
    this.rpsPerPod.push(ready > 0 ? second.rpsPerPod : 0);
    this.inflightPerPod.push(ready > 0 ? second.inflight / ready : 0);
    this.inflight.push(second.inflight);
    this.readyReplicas.push(ready);
    const slot = this.seconds & ringMask;
    this.served[slot] = second.served;
    this.p50[slot] = second.p50;
    this.p95[slot] = second.p95;
    this.p99[slot] = second.p99;
    this.seconds++;
  }

  /**
   * The q-quantile (ms) of the latency of the requests served in seconds [from, to) (clamped to the
   * seconds recorded), from the seconds' merged distributions; undefined when nothing was served then.
   */
  latencyQuantileOver(q: number, from: number, to: number): number | undefined {
    const end = Math.min(Math.max(to, 0), this.seconds);
    const start = Math.min(Math.max(from, 0), end);
    if (this.seconds - start > maxLookbackSeconds) throw new RangeError(`window from second ${from} reaches more than ${maxLookbackSeconds} s back`);
    return mixtureQuantile(q, start, end, (s: number, into: SecondLatency) => {
      const slot = s & ringMask;
      into.served = this.served[slot]!;
      into.p50 = this.p50[slot]!;
      into.p95 = this.p95[slot]!;
      into.p99 = this.p99[slot]!;
    });
  }
}
