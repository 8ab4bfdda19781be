// A warning that repeats during an outage (every failed lookup, every reconnect attempt) is written at
// most once per interval, with the count of the ones it stood for, so that logs stay readable.

import type { LogFields, Logger } from '../../common/log.ts';

/** Writes `event` as a warn line at most once per `intervalMs`, counting the suppressed ones. */
export class RateLimitedWarning {
  readonly #logger: Logger;
  readonly #event: string;
  readonly #intervalMs: number;
  readonly #clock: () => number;
  #lastWrittenAt: number | undefined;
  #suppressed = 0;
  #suppressedTotal = 0;

  constructor(logger: Logger, event: string, intervalMs = 5_000, clock: () => number = Date.now) {
    this.#logger = logger;
    this.#event = event;
    this.#intervalMs = intervalMs;
    this.#clock = clock;
  }

  /** Writes the line (with `suppressed`: how many were dropped since the last one) or counts it as dropped. */
  warn(fields: LogFields = {}): void {
    const now = this.#clock();
    if (this.#lastWrittenAt !== undefined && now - this.#lastWrittenAt < this.#intervalMs) {
      this.#suppressed++;
      this.#suppressedTotal++;
      return;
    }
    this.#logger.warn(this.#event, { ...fields, suppressed: this.#suppressed });
    this.#lastWrittenAt = now;
    this.#suppressed = 0;
  }

  /** How many lines were dropped since the last call, e.g. to report when an outage ends. */
  takeSuppressedTotal(): number {
    const total = this.#suppressedTotal;
    this.#suppressedTotal = 0;
    return total;
  }
}
