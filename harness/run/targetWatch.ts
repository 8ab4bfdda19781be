// Notices that a target given by URL has gone away mid-run: its health route refusing connections
// several times in a row. A slow or overloaded server is not dead: only refused connections count.

export interface TargetWatchOptions {
  /** Between two probes. */
  readonly intervalMs: number;
  /** Consecutive refused probes that mean the target is gone. */
  readonly refusals: number;
}

export interface TargetWatch {
  /** Resolves with a description once the target is judged gone; never resolves otherwise. */
  readonly lost: Promise<string>;
  stop(): void;
}

const refused = (error: unknown) => {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code === 'ECONNREFUSED' || cause?.code === 'ECONNRESET' || cause?.code === 'EHOSTUNREACH';
};

/** Probes `${url}/v2/health/live` until stopped. */
export function watchTarget(url: string, options: TargetWatchOptions = { intervalMs: 1_000, refusals: 3 }): TargetWatch {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let inARow = 0;
  const lost = new Promise<string>((resolve) => {
    const probe = async () => {
      try {
        const response = await fetch(`${url}/v2/health/live`, { signal: AbortSignal.timeout(options.intervalMs * 5) });
        await response.body?.cancel();
        inARow = 0;
      } catch (error) {
        inARow = refused(error) ? inARow + 1 : 0;
      }
      if (stopped) return;
      if (inARow >= options.refusals) resolve(`connections refused ${inARow} times in a row`);
      else timer = setTimeout(probe, options.intervalMs);
    };
    timer = setTimeout(probe, options.intervalMs);
  });
  return {
    lost,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
