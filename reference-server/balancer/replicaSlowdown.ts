// Parses `--replica-slowdown` for heterogeneous fleets: `2=4x` (replica 2 four times slower), or several, `2=4x,3=1.5x`.

import { slowdownEntryNotValid, slowdownFactorOutOfRange, slowdownGivenTwice, slowdownReplicaUnknown } from '../../common/errors.ts';

/**
 * The slowdown factor of every replica id 1..replicaCount (1 for those not named).
 * @throws InfercapError E_INVALID_OPTION for `--replica-slowdown`, naming the bad entry and showing the form.
 */
export function parseReplicaSlowdown(entries: readonly string[], replicaCount: number): Map<number, number> {
  const factors = new Map<number, number>();
  for (let id = 1; id <= replicaCount; id++) factors.set(id, 1);
  const seen = new Set<number>();
  for (const entry of entries.flatMap((text) => text.split(',')).map((text) => text.trim())) {
    const match = /^(\d+)=(\d+(?:\.\d+)?)x?$/.exec(entry);
    if (match === null) throw slowdownEntryNotValid(entry);
    const id = Number(match[1]);
    const factor = Number(match[2]);
    if (id < 1 || id > replicaCount) throw slowdownReplicaUnknown(entry, id, replicaCount);
    if (!(factor >= 1 && factor <= 100)) throw slowdownFactorOutOfRange(entry);
    if (seen.has(id)) throw slowdownGivenTwice(id);
    seen.add(id);
    factors.set(id, factor);
  }
  return factors;
}
