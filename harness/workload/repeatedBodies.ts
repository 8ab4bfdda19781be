// A scripted share of repeated request bodies, so cache-hit ratios are set by the scenario, not by
// chance: with probability `repeatRatio` a request resends one of the recent fresh bodies.

import { createRng } from '../../common/prng.ts';
import type { FeedItem } from './requestFeed.ts';

/** Bodies from `fresh`, a `repeatRatio` share of them (0..1) resending one of the last `window` fresh ones. */
export function withRepeats<Body extends string | Buffer>(fresh: () => Body, repeatRatio: number, seed: number, window = 1024): () => FeedItem<Body> {
  const rng = createRng(seed);
  const recent: Body[] = [];
  return () => {
    if (recent.length > 0 && rng.next() < repeatRatio) return { body: recent[rng.nextInt(recent.length)]!, repeat: true };
    const body = fresh();
    if (repeatRatio > 0) {
      if (recent.length < window) recent.push(body);
      else recent[rng.nextInt(window)] = body;
    }
    return { body, repeat: false };
  };
}
