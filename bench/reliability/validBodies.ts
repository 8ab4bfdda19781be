// Valid inference request bodies for the reliability runs: a seeded pool of distinct rows.

import { createRng } from '../../common/prng.ts';

/** `count` distinct one-row V2 request bodies for input `inputName` of `width` values. */
export function validBodies(inputName: string, width: number, count: number, seed: number): string[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () =>
    JSON.stringify({ inputs: [{ name: inputName, shape: [1, width], datatype: 'FP32', data: Array.from({ length: width }, () => rng.nextInt(256) / 256) }] }),
  );
}

/** Cycles through `bodies`. */
export function cycle(bodies: readonly string[]): () => string {
  let next = 0;
  return () => bodies[next++ % bodies.length]!;
}
