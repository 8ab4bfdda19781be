// Downsamples the per-second series of a simulation while it runs: means of rates, replicas and
// utilization, the worst second's latencies, the cost at each point's end (see seriesSchema).

import type { Series } from './simulationResults.ts';

/** The default cap on points in a results file's series. */
export const defaultMaxPoints = 2000;

export interface SeriesSecond {
  load: number;
  served: number;
  rejected: number;
  desiredReplicas: number;
  readyReplicas: number;
  utilization: number;
  cpuUtilization: number;
  p50: number;
  p95: number;
  p99: number;
  costSoFar: number;
}

/** Running sums of one point; written out field by field because this runs every simulated second. */
class PointSums {
  load = 0;
  served = 0;
  rejected = 0;
  desired = 0;
  ready = 0;
  utilization = 0;
  cpu = 0;
  finite = 0;
  p50 = Number.NaN;
  p95 = Number.NaN;
  p99 = Number.NaN;
  cost = 0;
  seconds = 0;
}

export class SeriesDownsampler {
  readonly stepSeconds: number;
  private readonly series: Series;
  private start = 0;
  private sums = new PointSums();

  constructor(seconds: number, maxPoints = defaultMaxPoints) {
    this.stepSeconds = Math.max(1, Math.ceil(seconds / maxPoints));
    this.series = { stepSeconds: this.stepSeconds, time: [], load: [], served: [], rejected: [], desiredReplicas: [], readyReplicas: [], utilization: [], cpuUtilization: [], p50: [], p95: [], p99: [], costSoFar: [] };
  }

  add(second: SeriesSecond): void {
    const sums = this.sums;
    sums.load += second.load;
    sums.served += second.served;
    sums.rejected += second.rejected;
    sums.desired += second.desiredReplicas;
    sums.ready += second.readyReplicas;
    if (second.utilization === second.utilization) {
      sums.utilization += second.utilization;
      sums.cpu += second.cpuUtilization;
      sums.finite++;
    }
    // NaN (nothing served) never replaces a figure; the first finite one replaces NaN.
    if (!(second.p50 <= sums.p50)) sums.p50 = second.p50 === second.p50 ? second.p50 : sums.p50;
    if (!(second.p95 <= sums.p95)) sums.p95 = second.p95 === second.p95 ? second.p95 : sums.p95;
    if (!(second.p99 <= sums.p99)) sums.p99 = second.p99 === second.p99 ? second.p99 : sums.p99;
    sums.cost = second.costSoFar;
    if (++sums.seconds === this.stepSeconds) this.flush();
  }

  /** The series so far, with a last partial point if any. */
  finish(): Series {
    if (this.sums.seconds > 0) this.flush();
    return this.series;
  }

  private flush(): void {
    const { sums, series } = this;
    const n = sums.seconds;
    series.time.push(this.start);
    series.load.push(round(sums.load / n));
    series.served.push(round(sums.served / n));
    series.rejected.push(round(sums.rejected / n));
    series.desiredReplicas.push(round(sums.desired / n));
    series.readyReplicas.push(round(sums.ready / n));
    series.utilization.push(sums.finite > 0 ? round(sums.utilization / sums.finite) : null);
    series.cpuUtilization.push(sums.finite > 0 ? round(sums.cpu / sums.finite) : null);
    series.p50.push(finiteOrNull(sums.p50));
    series.p95.push(finiteOrNull(sums.p95));
    series.p99.push(finiteOrNull(sums.p99));
    series.costSoFar.push(round(sums.cost));
    this.start += n;
    this.sums = new PointSums();
  }
}

const finiteOrNull = (value: number) => (Number.isFinite(value) ? round(value) : null);

/** Six significant digits are plenty for a chart and keep the file small. */
function round(value: number): number {
  return Number(value.toPrecision(6));
}
