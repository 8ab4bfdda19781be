// The request bodies of a run: V2 inference requests built from MNIST test digits or seeded random rows,
// with a scripted share of repeats, so that cache-hit ratios are set by the scenario, not by chance.

import { createRng } from '../../common/prng.ts';

export interface RequestFeedOptions {
  /** The model's input tensor name and row width (from the target's model metadata). */
  readonly inputName: string;
  readonly width: number;
  readonly rowsPerRequest: number;
  /** The pool rows: MNIST test digits, or seeded random rows. `count` rows of `width` values. */
  readonly pool: { readonly rows: Float32Array; readonly count: number };
  /** Share of requests that resend an earlier request's body (0..1). */
  readonly repeatRatio: number;
  readonly seed: number;
  /** Fresh bodies remembered for repeats (the most recent ones). */
  readonly repeatWindow?: number;
}

/** One request body and whether it repeats an earlier one. */
export interface FeedItem {
  readonly body: string;
  readonly repeat: boolean;
}

/**
 * Fresh rows come from the pool in order. After the first pass through the pool, a fresh row would
 * equal an earlier one; its first value is then replaced by the pass number over 2^24 (exact in FP32),
 * so it stays distinct as a tensor. The first pixel of an MNIST digit is always blank, so the digit
 * itself is unchanged.
 */
export function createRequestFeed(options: RequestFeedOptions): () => FeedItem {
  const { pool, width, rowsPerRequest } = options;
  const rng = createRng(options.seed);
  const window = options.repeatWindow ?? 1024;
  const serialisedTails = Array.from({ length: pool.count }, (_, row) => Array.from(pool.rows.subarray(row * width + 1, (row + 1) * width)).join(','));
  const firsts = Array.from({ length: pool.count }, (_, row) => pool.rows[row * width]!);
  const recent: string[] = [];
  let nextRow = 0;

  const freshRow = () => {
    const row = nextRow % pool.count;
    const pass = Math.floor(nextRow / pool.count);
    nextRow++;
    const first = pass === 0 ? firsts[row]! : (pass % 16_777_216) / 16_777_216;
    return `${first},${serialisedTails[row]}`;
  };
  const freshBody = () => {
    const rows: string[] = [];
    for (let i = 0; i < rowsPerRequest; i++) rows.push(freshRow());
    return `{"inputs":[{"name":${JSON.stringify(options.inputName)},"shape":[${rowsPerRequest},${width}],"datatype":"FP32","data":[${rows.join(',')}]}]}`;
  };

  return () => {
    if (recent.length > 0 && rng.next() < options.repeatRatio) return { body: recent[rng.nextInt(recent.length)]!, repeat: true };
    const body = freshBody();
    if (options.repeatRatio > 0) {
      if (recent.length < window) recent.push(body);
      else recent[rng.nextInt(window)] = body;
    }
    return { body, repeat: false };
  };
}

/** `count` seeded random rows of `width` values in [0, 1), rounded to 1/1024 so their JSON stays short. */
export function randomRowPool(width: number, count: number, seed: number): { rows: Float32Array; count: number } {
  const rng = createRng(seed);
  const rows = new Float32Array(width * count);
  for (let i = 0; i < rows.length; i++) rows[i] = Math.floor(rng.next() * 1024) / 1024;
  return { rows, count };
}
