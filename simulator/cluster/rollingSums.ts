// Per-second signals of the simulated fleet kept as running totals in a ring, so that the mean of a signal
// over any recent window costs two reads, and weeks of seconds cost a few kilobytes instead of an array each.

/** How far back a window may start, in seconds; windows reaching further are an error. */
export const maxLookbackSeconds = 8000;
const size = 8192; // a power of two above maxLookbackSeconds
const mask = size - 1;

/** Running totals of one signal: `total(t)` is the sum of the values of seconds 0 .. t − 1. */
export class RollingSums {
  private readonly ring = new Float64Array(size);
  private running = 0;
  private seconds = 0;

  /** Appends the value of the next second. */
  push(value: number): void {
    this.running += value;
    this.seconds++;
    this.ring[this.seconds & mask] = this.running;
  }

  /** Sum of the values of seconds [from, to); both clamped to [0, seconds pushed]. */
  sum(from: number, to: number): number {
    const end = Math.min(Math.max(to, 0), this.seconds);
    const start = Math.min(Math.max(from, 0), end);
    if (this.seconds - start > maxLookbackSeconds) throw new RangeError(`window from second ${from} reaches more than ${maxLookbackSeconds} s back`);
    return this.totalAt(end) - this.totalAt(start);
  }

  private totalAt(t: number): number {
    return t === 0 ? 0 : this.ring[t & mask]!;
  }
}
