// Sharding: `--shard i/n` runs the i-th of n equal parts of a scenario's load, so that several harness
// machines together drive one scenario and `infercap merge` adds their results up exactly.

import { shardNotValid } from '../../common/errors.ts';
import { loadDriverOf } from '../drive/loadDriverRegistry.ts';
import type { Phase } from '../scenario/scenarioSchema.ts';
import type { ShardSpec } from './shardShare.ts';

export { shareOf, type ShardSpec } from './shardShare.ts';

/** Parses `i/n` with 1 ≤ i ≤ n. */
export function parseShard(text: string): ShardSpec {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) {
    throw shardNotValid(text);
  }
  return { index, count };
}

/**
 * The phases this shard runs, each split by its kind's driver (open-loop rates divided by the shard
 * count, closed-loop connections shared out, a shard left with none pausing for the phase instead).
 */
export function shardPhases(phases: readonly Phase[], shard: ShardSpec): Phase[] {
  if (shard.count === 1) return [...phases];
  return phases.map((phase) => loadDriverOf(phase).shard(phase, shard));
}
