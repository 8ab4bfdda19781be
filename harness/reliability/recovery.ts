// When latency is back to normal after an overload: the start of the first window from which every
// window's p99 stays within the normal bound and every answer is a success. Pure, for exact tests.

export interface TimedAnswer {
  /** When the request was due, ms on the run's clock. */
  readonly intendedMs: number;
  readonly latencyMs: number;
  readonly ok: boolean;
}

function percentile99(values: number[]): number {
  values.sort((a, b) => a - b);
  return values[Math.max(0, Math.ceil(values.length * 0.99) - 1)]!;
}

/**
 * Ms from `fromMs` until recovery, or null if it never recovered within the answers given. Windows of
 * `windowMs` start at `fromMs`; an empty window (nothing was due) counts as neither good nor bad.
 */
export function recoveryTimeMs(answers: readonly TimedAnswer[], fromMs: number, boundMs: number, windowMs: number): number | null {
  const windows = new Map<number, { latencies: number[]; failed: boolean }>();
  let last = -1;
  for (const answer of answers) {
    if (answer.intendedMs < fromMs) continue;
    const index = Math.floor((answer.intendedMs - fromMs) / windowMs);
    const window = windows.get(index) ?? { latencies: [], failed: false };
    window.latencies.push(answer.latencyMs);
    window.failed ||= !answer.ok;
    windows.set(index, window);
    last = Math.max(last, index);
  }
  let recoveredAt: number | null = null;
  for (let index = 0; index <= last; index++) {
    const window = windows.get(index);
    if (window === undefined) continue;
    const good = !window.failed && percentile99(window.latencies) <= boundMs;
    if (!good) recoveredAt = null;
    else recoveredAt ??= index;
  }
  return recoveredAt === null ? null : recoveredAt * windowMs;
}
