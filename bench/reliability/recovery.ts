// When latency is back to normal after an overload: the start of the first stretch of `holdWindows`
// consecutive windows whose p99 is within the normal bound and whose every answer is a success. A later
// stray slow window (a GC pause, a neighbour on a shared machine) does not undo a recovery that held.
// Pure, for exact tests.

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
 * Ms from `fromMs` until recovery, or null if no `holdWindows` consecutive good windows came within the
 * answers given. Windows of `windowMs` start at `fromMs`; an empty window (nothing was due) is skipped.
 */
export function recoveryTimeMs(answers: readonly TimedAnswer[], fromMs: number, boundMs: number, windowMs: number, holdWindows: number): number | null {
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
  let stretchStart: number | null = null;
  let stretch = 0;
  for (let index = 0; index <= last; index++) {
    const window = windows.get(index);
    if (window === undefined) continue;
    if (!window.failed && percentile99(window.latencies) <= boundMs) {
      stretchStart ??= index;
      if (++stretch >= holdWindows) return stretchStart * windowMs;
    } else {
      stretchStart = null;
      stretch = 0;
    }
  }
  return null;
}
