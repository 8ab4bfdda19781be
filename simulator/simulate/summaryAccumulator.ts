// Accumulates the summary of a simulation from every simulated second (never from the downsampled series):
// SLO attainment by seconds and by requests, rejections, latency, replica-hours, cost and scale events.

import type { ServiceSecond } from '../service/serviceStep.ts';
import { LatencyMixtureHistogram } from '../service/latencyMixture.ts';
import type { SimulationSummary, Slo } from './simulationResults.ts';

export class SummaryAccumulator {
  private seconds = 0;
  private requests = 0;
  private served = 0;
  private rejected = 0;
  private secondsWithin = 0;
  private requestsWithin = 0;
  private podSeconds = 0;
  private readySeconds = 0;
  private minReplicas = Number.POSITIVE_INFINITY;
  private maxReplicas = 0;
  private cpuSum = 0;
  private cpuSeconds = 0;
  /** Every second's latency distribution, merged: the run's request-level percentiles. */
  private readonly latency = new LatencyMixtureHistogram();
  scaleUps = 0;
  scaleDowns = 0;

  constructor(
    private readonly slo: Slo,
    private readonly pricePerHour: number,
  ) {}

  /** One second: its arrivals, the pods billed (live) and ready, and the service model's figures. */
  add(arrivals: number, billedPods: number, readyPods: number, second: ServiceSecond): void {
    this.seconds++;
    this.requests += arrivals;
    this.served += second.served;
    this.rejected += second.rejected;
    const latency = second[this.slo.percentile];
    if (arrivals <= 0 || (second.rejected === 0 && latency < this.slo.thresholdMs)) {
      this.secondsWithin++;
      this.requestsWithin += arrivals > 0 ? arrivals : 0;
    }
    this.podSeconds += billedPods;
    this.readySeconds += readyPods;
    if (billedPods < this.minReplicas) this.minReplicas = billedPods;
    if (billedPods > this.maxReplicas) this.maxReplicas = billedPods;
    if (Number.isFinite(second.cpuUtilization)) {
      this.cpuSum += second.cpuUtilization;
      this.cpuSeconds++;
    }
    this.latency.add(second.served, second.p50, second.p95, second.p99);
  }

  /** Pod-seconds billed so far (the cost's basis). */
  get podSecondsSoFar(): number {
    return this.podSeconds;
  }

  /** Requests so far that arrived in a second outside the SLO (what the objective allows a share of). */
  get requestsMissed(): number {
    return this.requests - this.requestsWithin;
  }

  /** The cost so far at the price per replica-hour. */
  get cost(): number {
    return (this.podSeconds / 3600) * this.pricePerHour;
  }

  finish(backlogAtEnd: number): SimulationSummary {
    const requestsShare = this.requests > 0 ? Math.min(1, this.requestsWithin / this.requests) : 1;
    const replicaHours = this.podSeconds / 3600;
    const cost = this.cost;
    return {
      seconds: this.seconds,
      requests: this.requests,
      served: this.served,
      rejected: this.rejected,
      rejectedShare: this.requests > 0 ? Math.min(1, this.rejected / this.requests) : 0,
      backlogAtEnd,
      attainment: { seconds: this.seconds > 0 ? this.secondsWithin / this.seconds : 1, requests: requestsShare },
      meetsSlo: requestsShare >= this.slo.objective,
      latencyMs: { p50: this.latency.quantile(0.5), p95: this.latency.quantile(0.95), p99: this.latency.quantile(0.99) },
      replicaHours,
      readyReplicaHours: this.readySeconds / 3600,
      cost,
      costPerMillionRequests: this.requests > 0 ? (cost / this.requests) * 1e6 : null,
      replicas: { min: this.seconds > 0 ? this.minReplicas : 0, max: this.maxReplicas, mean: this.seconds > 0 ? this.podSeconds / this.seconds : 0 },
      scaleEvents: { up: this.scaleUps, down: this.scaleDowns },
      meanCpuUtilization: this.cpuSeconds > 0 ? this.cpuSum / this.cpuSeconds : null,
    };
  }
}
