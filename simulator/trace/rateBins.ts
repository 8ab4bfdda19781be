// Turns a piecewise-constant rate into arrivals per second: the integral of each piece over each second.

/** Adds the integral of a constant `rate` over `[from, to)` (seconds from the trace start) into the 1 s bins. */
export function addConstantRate(bins: Float64Array, from: number, to: number, rate: number): void {
  if (rate === 0 || to <= from) return;
  const firstBin = Math.floor(from);
  const lastBin = Math.min(Math.ceil(to) - 1, bins.length - 1);
  for (let bin = firstBin; bin <= lastBin; bin++) {
    const overlap = Math.min(to, bin + 1) - Math.max(from, bin);
    bins[bin]! += rate * overlap;
  }
}
