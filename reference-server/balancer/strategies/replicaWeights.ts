// Parses `--weights` for weighted-round-robin: `1=5,2=1,3=1` (by replica id) or `5,1,1` (in id order).

import { weightEntryNotValid, weightGivenTwice, weightNotPositiveInteger, weightsCountWrong } from '../../../common/errors.ts';

function parseWeight(text: string): number {
  const weight = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(weight) || weight < 1) {
    throw weightNotPositiveInteger(text);
  }
  return weight;
}

/**
 * The weight of each replica id 1..replicaCount. The keyed form may leave ids out (they weigh 1);
 * the positional form must give exactly one weight per replica.
 * @throws InfercapError E_INVALID_OPTION for `--weights` saying what is wrong and showing the form.
 */
export function parseReplicaWeights(text: string, replicaCount: number): Map<number, number> {
  const entries = text.split(',').map((entry) => entry.trim());
  const weights = new Map<number, number>();
  for (let id = 1; id <= replicaCount; id++) weights.set(id, 1);
  if (entries.every((entry) => !entry.includes('='))) {
    if (entries.length !== replicaCount) {
      throw weightsCountWrong(entries.length, replicaCount);
    }
    entries.forEach((entry, index) => weights.set(index + 1, parseWeight(entry)));
    return weights;
  }
  const seen = new Set<number>();
  for (const entry of entries) {
    const match = /^(\d+)=(.*)$/.exec(entry);
    const id = match ? Number(match[1]) : NaN;
    if (!match || !Number.isInteger(id) || id < 1 || id > replicaCount) {
      throw weightEntryNotValid(entry, replicaCount);
    }
    if (seen.has(id)) throw weightGivenTwice(id);
    seen.add(id);
    weights.set(id, parseWeight(match[2]!));
  }
  return weights;
}
