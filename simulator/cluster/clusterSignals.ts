// What the fleet's monitoring would see, second by second: per-pod CPU, request rate and in-flight
// requests, the fleet's concurrency and its served-weighted p95 latency. Policies read windows of these.

import { RollingSums } from './rollingSums.ts';

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
  /** The second's p95 latency (ms); NaN when nothing was served. */
  p95: number;
}

export class ClusterSignals {
  readonly cpuMilliPerPod = new RollingSums();
  readonly rpsPerPod = new RollingSums();
  readonly inflightPerPod = new RollingSums();
  readonly inflight = new RollingSums();
  readonly readyReplicas = new RollingSums();
  readonly served = new RollingSums();
  readonly servedTimesP95 = new RollingSums();
  /** Seconds recorded so far. */
  seconds = 0;

  push(second: SignalSecond): void {
    const ready = second.readyReplicas;
    this.cpuMilliPerPod.push(ready > 0 ? second.cpuMilliPerPod : 0);
    this.rpsPerPod.push(ready > 0 ? second.rpsPerPod : 0);
    this.inflightPerPod.push(ready > 0 ? second.inflight / ready : 0);
    this.inflight.push(second.inflight);
    this.readyReplicas.push(ready);
    const weighted = second.served > 0 && Number.isFinite(second.p95);
    this.served.push(weighted ? second.served : 0);
    this.servedTimesP95.push(weighted ? second.served * second.p95 : 0);
    this.seconds++;
  }

  /** The served-weighted mean p95 (ms) over [from, to), or undefined when nothing was served then. */
  p95Over(from: number, to: number): number | undefined {
    const served = this.served.sum(from, to);
    return served > 0 ? this.servedTimesP95.sum(from, to) / served : undefined;
  }
}
