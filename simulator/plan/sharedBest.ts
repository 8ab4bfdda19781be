// The pod-seconds of the cheapest policy found meeting the SLO, shared by every worker thread of a search
// (one float in a SharedArrayBuffer, updated by compare-and-swap), so a worker prunes against what the
// others found too. Lower only ever replaces higher; a stale read only prunes less.

const scratch = new Float64Array(1);
const scratchBits = new BigInt64Array(scratch.buffer);

const bitsOf = (value: number) => {
  scratch[0] = value;
  return scratchBits[0]!;
};
const valueOf = (bits: bigint) => {
  scratchBits[0] = bits;
  return scratch[0]!;
};

export class SharedBest {
  readonly buffer: SharedArrayBuffer;
  private readonly cell: BigInt64Array;

  /** A new cell holding +∞, or a view of the `buffer` of one made by another thread. */
  constructor(buffer?: SharedArrayBuffer) {
    this.buffer = buffer ?? new SharedArrayBuffer(8);
    this.cell = new BigInt64Array(this.buffer);
    if (buffer === undefined) Atomics.store(this.cell, 0, bitsOf(Number.POSITIVE_INFINITY));
  }

  get(): number {
    return valueOf(Atomics.load(this.cell, 0));
  }

  /** Lowers the best to `podSeconds` unless it is already as low. */
  offer(podSeconds: number): void {
    for (;;) {
      const current = Atomics.load(this.cell, 0);
      if (valueOf(current) <= podSeconds) return;
      if (Atomics.compareExchange(this.cell, 0, current, bitsOf(podSeconds)) === current) return;
    }
  }
}
