// One shard's part of a whole: what `--shard i/n` gives each harness machine, shared by the sharding
// of a scenario and the load drivers that split their phase kind.

export interface ShardSpec {
  /** 1-based, as results files record it. */
  readonly index: number;
  readonly count: number;
}

/** This shard's part of `total` whole units: the parts of all shards differ by at most one and sum to `total`. */
export function shareOf(total: number, shard: ShardSpec): number {
  return Math.floor(total / shard.count) + (shard.index <= total % shard.count ? 1 : 0);
}
