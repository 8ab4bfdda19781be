// When a sweep level has been measured long enough: perf_analyzer's rule, the last `windows` measurement
// windows each within `tolerance` of their mean, for throughput and p95 latency alike.

export interface WindowFigures {
  readonly throughput: number;
  /** null when the window had no successful response. */
  readonly p95: number | null;
}

const within = (values: readonly number[], tolerance: number) => {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return values.every((value) => Math.abs(value - mean) <= tolerance * mean);
};

/** True when the last `count` windows agree within `tolerance` (0.1 = ±10 %) on throughput and p95. */
export function isStable(windows: readonly WindowFigures[], count = 3, tolerance = 0.1): boolean {
  if (windows.length < count) return false;
  const last = windows.slice(-count);
  if (last.some((window) => window.p95 === null)) return false;
  return within(last.map((w) => w.throughput), tolerance) && within(last.map((w) => w.p95!), tolerance);
}
