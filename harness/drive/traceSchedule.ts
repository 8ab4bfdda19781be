// The intended send times of a trace phase, fixed in advance from the trace alone (never from how fast the
// target answers), and the seeded split of them between shards. Pure: the trace and the seed are passed in.

import { createRng, permutation } from '../../common/prng.ts';
import type { ShardSpec } from '../run/shardShare.ts';
import type { ArrivalKind } from './arrivalSchedule.ts';

/** What a schedule is made from: requests per second and, for an arrival log, each request's offset (s). */
export interface TraceLoad {
  readonly arrivals: Float64Array;
  readonly arrivalOffsets?: Float64Array | undefined;
}

/** A cumulative count such as 199.99999999997 from float sums means 200, not 200 requests plus one. */
const wholeCeil = (count: number) => Math.ceil(Math.round(count * 1e9) / 1e9);

/**
 * Intended send times in ms from the start of the phase, ascending.
 *
 * - An arrival log (`arrivalOffsets`): each request at its logged offset; `kind` does not apply.
 * - A rate or count trace: second `i` holds the requests whose index k (0, 1, …) falls in [C(i), C(i+1)),
 *   C being the cumulative count, so a whole count per second is kept exactly, a fractional one is
 *   carried over (2.5/s gives 3, 2, 3, 2…) and the total is ⌈C(end)⌉: never fewer than the trace asks for.
 *   `constant` spaces a second's requests evenly where the cumulative count reaches k; `poisson` puts them
 *   at seeded uniform random times within the second, which is a Poisson process given the trace's
 *   per-second counts (the counts are what the trace observed; only the times within a second are drawn).
 */
export function traceSchedule(trace: TraceLoad, kind: ArrivalKind, seed: number): Float64Array {
  if (trace.arrivalOffsets !== undefined) return trace.arrivalOffsets.map((seconds) => seconds * 1000);
  const { arrivals } = trace;
  let total = 0;
  for (const count of arrivals) total += count;
  const times = new Float64Array(wholeCeil(total));
  const rng = createRng(seed);
  let cumulative = 0;
  let k = 0;
  for (let second = 0; second < arrivals.length; second++) {
    const rate = arrivals[second]!;
    const end = Math.min(times.length, wholeCeil(cumulative + rate));
    const first = k;
    for (; k < end; k++) {
      times[k] = 1000 * (kind === 'constant' ? second + Math.max(0, Math.min(1, (k - cumulative) / rate)) : second + rng.next());
    }
    if (kind === 'poisson') times.subarray(first, k).sort();
    cumulative += rate;
  }
  return times;
}

/**
 * This shard's requests of a schedule: each block of `count` consecutive requests is dealt to the shards in a
 * seeded random order, so every shard gets one request of every block (their totals differ by at most one,
 * spread alike over the trace), no request goes to two shards, and together they are the whole schedule.
 * Every shard computes the same deal from the same seed.
 */
export function shardSchedule(schedule: Float64Array, shard: ShardSpec, seed: number): Float64Array {
  if (shard.count === 1) return schedule;
  // A stream of its own, so the deal does not repeat the draws of the Poisson times made from the same seed.
  const rng = createRng(seed ^ 0x5a4d_c0de);
  const kept: number[] = [];
  for (let block = 0; block < schedule.length; block += shard.count) {
    const deal = permutation(shard.count, rng);
    for (let j = 0; j < shard.count && block + j < schedule.length; j++) {
      if (deal[j] === shard.index - 1) kept.push(schedule[block + j]!);
    }
  }
  return Float64Array.from(kept);
}

/** How many intended sends fall in each second of a phase lasting `durationMs`. */
export function sendsPerSecond(schedule: Float64Array, durationMs: number): number[] {
  const seconds = new Array<number>(Math.ceil(durationMs / 1000)).fill(0);
  for (const ms of schedule) {
    const second = Math.floor(ms / 1000);
    if (second < seconds.length) seconds[second]!++;
  }
  return seconds;
}
