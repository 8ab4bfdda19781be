// The load figures of a trace that results files and the planner quote: total, mean, peak and the 99th
// percentile of the per-second load (by selection, not sorting, so weeks of seconds cost one copy).

import path from 'node:path';
import type { TraceSummary } from '../simulate/simulationResults.ts';
import type { LoadTrace } from './loadTrace.ts';

export function summarizeTrace(trace: LoadTrace): TraceSummary {
  const arrivals = trace.arrivals;
  let total = 0;
  let peak = 0;
  for (let i = 0; i < arrivals.length; i++) {
    const a = arrivals[i]!;
    total += a;
    if (a > peak) peak = a;
  }
  const file = trace.meta.file ?? null;
  return {
    name: file === null ? 'inline' : path.basename(file, path.extname(file)),
    file,
    source: trace.meta.source,
    startTime: trace.startTime,
    seconds: arrivals.length,
    totalRequests: total,
    meanRps: arrivals.length > 0 ? total / arrivals.length : 0,
    peakRps: peak,
    p99Rps: quantileOf(arrivals, 0.99),
    ...(trace.meta.reading === undefined ? {} : { reading: trace.meta.reading }),
  };
}

/** The q-quantile (nearest rank) of `values` by quickselect on a copy. */
export function quantileOf(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) return 0;
  const copy = Float64Array.from(values as ArrayLike<number>);
  const k = Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = copy[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (copy[i]! < pivot) i++;
      while (copy[j]! > pivot) j--;
      if (i <= j) {
        const swap = copy[i]!;
        copy[i] = copy[j]!;
        copy[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return copy[k]!;
}
