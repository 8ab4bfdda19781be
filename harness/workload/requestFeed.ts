// The request bodies of a run: V2 inference requests built from MNIST test digits or seeded random rows,
// with a scripted share of repeats, so that cache-hit ratios are set by the scenario, not by chance.
// `encoding: binary` sends the rows as Triton's binary tensor data: a JSON header of constant length
// (so `Inference-Header-Content-Length` is one header for the whole run) followed by the raw FP32 bytes.

import { createRng } from '../../common/prng.ts';
import { withRepeats } from './repeatedBodies.ts';

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
  /** JSON data (the default) or binary tensor data. */
  readonly encoding?: 'json' | 'binary';
}

/** One request body and whether it repeats an earlier one. */
export interface FeedItem<Body extends string | Buffer = string> {
  readonly body: Body;
  readonly repeat: boolean;
}

/** Padded with spaces to a multiple of 8 bytes, so the rows that follow are aligned and a server can view them in place. */
function binaryHeader(options: RequestFeedOptions): Buffer {
  const json = `{"inputs":[{"name":${JSON.stringify(options.inputName)},"shape":[${options.rowsPerRequest},${options.width}],"datatype":"FP32","parameters":{"binary_data_size":${options.rowsPerRequest * options.width * 4}}}]}`;
  const bytes = Buffer.byteLength(json);
  return Buffer.from(json + ' '.repeat((8 - (bytes % 8)) % 8));
}

/** The headers every request of the feed carries beside the body (none for JSON but the driver's default content type). */
export function requestFeedHeaders(options: RequestFeedOptions): Record<string, string> {
  if (options.encoding !== 'binary') return {};
  return { 'content-type': 'application/octet-stream', 'inference-header-content-length': String(binaryHeader(options).length) };
}

/**
 * Fresh rows come from the pool in order. After the first pass through the pool, a fresh row would
 * equal an earlier one; its first value is then replaced by the pass number over 2^24 (exact in FP32),
 * so it stays distinct as a tensor. The first pixel of an MNIST digit is always blank, so the digit
 * itself is unchanged.
 */
export function createRequestFeed(options: RequestFeedOptions & { readonly encoding?: 'json' }): () => FeedItem;
export function createRequestFeed(options: RequestFeedOptions): () => FeedItem<string | Buffer>;
export function createRequestFeed(options: RequestFeedOptions): () => FeedItem<string | Buffer> {
  const { pool, width, rowsPerRequest } = options;
  const binary = options.encoding === 'binary';
  const serialisedTails = binary ? [] : Array.from({ length: pool.count }, (_, row) => Array.from(pool.rows.subarray(row * width + 1, (row + 1) * width)).join(','));
  const firsts = Array.from({ length: pool.count }, (_, row) => pool.rows[row * width]!);
  const header = binary ? binaryHeader(options) : Buffer.alloc(0);
  let nextRow = 0;

  /** The next fresh row's pool index and first value. */
  const freshRow = () => {
    const row = nextRow % pool.count;
    const pass = Math.floor(nextRow / pool.count);
    nextRow++;
    return { row, first: pass === 0 ? firsts[row]! : (pass % 16_777_216) / 16_777_216 };
  };
  const freshBody = (): string | Buffer => {
    if (binary) {
      const values = new Float32Array(rowsPerRequest * width);
      for (let i = 0; i < rowsPerRequest; i++) {
        const { row, first } = freshRow();
        values.set(pool.rows.subarray(row * width, (row + 1) * width), i * width);
        values[i * width] = first;
      }
      return Buffer.concat([header, new Uint8Array(values.buffer)]);
    }
    const rows: string[] = [];
    for (let i = 0; i < rowsPerRequest; i++) {
      const { row, first } = freshRow();
      rows.push(`${first},${serialisedTails[row]}`);
    }
    return `{"inputs":[{"name":${JSON.stringify(options.inputName)},"shape":[${rowsPerRequest},${width}],"datatype":"FP32","data":[${rows.join(',')}]}]}`;
  };

  return withRepeats(freshBody, options.repeatRatio, options.seed, options.repeatWindow);
}

/** `count` seeded random rows of `width` values in [0, 1), rounded to 1/1024 so their JSON stays short. */
export function randomRowPool(width: number, count: number, seed: number): { rows: Float32Array; count: number } {
  const rng = createRng(seed);
  const rows = new Float32Array(width * count);
  for (let i = 0; i < rows.length; i++) rows[i] = Math.floor(rng.next() * 1024) / 1024;
  return { rows, count };
}
