// The prediction-cache key: a digest of model, version and the exact input tensors, so that a cached
// result is only ever served for the very same model version and the very same input bytes.

import { createHash, type Hash } from 'node:crypto';
import type { NamedTensor } from '../inference/tensor.ts';
import { tensorDataBytes } from '../tensors/binaryTensorData.ts';

/** Bump when the encoding below changes, so that old entries in a shared Redis are never read. */
export const cacheKeyPrefix = 'infercap:v1:';

/** The parts of an input tensor that determine a prediction. */
export type CacheKeyInput = Pick<NamedTensor, 'name' | 'shape' | 'datatype' | 'data'>;

/**
 * `infercap:v1:` followed by the base64url SHA-256 of an unambiguous encoding of `model`, `version` and
 * each input's name, datatype, shape and raw bytes. Inputs are taken in name order, since the
 * Open Inference Protocol addresses inputs by name and their order in a request means nothing.
 */
export function predictionCacheKey(model: string, version: string, inputs: readonly CacheKeyInput[]): string {
  const hash = createHash('sha256');
  writeString(hash, model);
  writeString(hash, version);
  const sorted = [...inputs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  writeUint32(hash, sorted.length);
  for (const input of sorted) {
    writeString(hash, input.name);
    writeString(hash, input.datatype);
    writeUint32(hash, input.shape.length);
    // Float64 holds every dimension exactly, including -1, so no two shapes encode alike.
    const dims = Buffer.alloc(8 * input.shape.length);
    input.shape.forEach((dim, i) => dims.writeDoubleLE(dim, 8 * i));
    hash.update(dims);
    // Only the view's own bytes: the array may be a window on a larger (e.g. request body) buffer.
    const bytes = tensorDataBytes(input.datatype, input.data);
    writeUint32(hash, bytes.byteLength);
    hash.update(bytes);
  }
  return cacheKeyPrefix + hash.digest('base64url');
}

/** Length-prefixed, so that "ab" + "c" and "a" + "bc" encode differently. */
function writeString(hash: Hash, value: string): void {
  const bytes = Buffer.from(value, 'utf8');
  writeUint32(hash, bytes.byteLength);
  hash.update(bytes);
}

function writeUint32(hash: Hash, value: number): void {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  hash.update(bytes);
}
