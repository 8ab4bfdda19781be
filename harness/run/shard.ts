// Sharding: `--shard i/n` runs the i-th of n equal parts of a scenario's load, so that several harness
// machines together drive one scenario and `infercap merge` adds their results up exactly.

import { invalidOption } from '../../common/errors.ts';
import type { Phase } from '../scenario/scenarioSchema.ts';

export interface ShardSpec {
  /** 1-based, as results files record it. */
  readonly index: number;
  readonly count: number;
}

/** Parses `i/n` with 1 ≤ i ≤ n. */
export function parseShard(text: string): ShardSpec {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) {
    throw invalidOption('--shard', `expected i/n with 1 ≤ i ≤ n (e.g. 1/2), got "${text}"`);
  }
  return { index, count };
}

/** This shard's part of `total` whole units: the parts of all shards differ by at most one and sum to `total`. */
export function shareOf(total: number, shard: ShardSpec): number {
  return Math.floor(total / shard.count) + (shard.index <= total % shard.count ? 1 : 0);
}

/**
 * The phases this shard runs: open-loop rates divided by the shard count, closed-loop connections
 * shared out (a shard left with none pauses for the phase instead).
 */
export function shardPhases(phases: readonly Phase[], shard: ShardSpec): Phase[] {
  if (shard.count === 1) return [...phases];
  return phases.map((phase): Phase => {
    if (phase.kind === 'open') {
      return { ...phase, rate: phase.rate / shard.count, ...(phase.rampTo === undefined ? {} : { rampTo: phase.rampTo / shard.count }) };
    }
    if (phase.kind === 'closed') {
      const connections = shareOf(phase.connections, shard);
      return connections > 0 ? { ...phase, connections } : { name: phase.name, kind: 'pause', duration: phase.duration };
    }
    return phase;
  });
}
