// Deterministic turn-taking by replica id, shared by round-robin and by strategies that break ties.

/**
 * The id that follows `lastId` in ascending id order among `ids`, wrapping to the smallest; the
 * smallest when there is no previous pick. Going by id rather than by position keeps the turn
 * fair when replicas leave or rejoin the healthy set. `ids` must not be empty.
 */
export function nextInRotation(ids: readonly number[], lastId: number | undefined): number {
  let smallest = Infinity;
  let next = Infinity;
  for (const id of ids) {
    if (id < smallest) smallest = id;
    if (lastId !== undefined && id > lastId && id < next) next = id;
  }
  return next === Infinity ? smallest : next;
}
