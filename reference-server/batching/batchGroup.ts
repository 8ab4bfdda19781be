// Which requests may share a batch: the batcher merges only requests whose batched inputs agree on every
// dimension but the first (no padding) and whose unbatched inputs are equal, shape and values. Requests
// of different groups run in separate batches.

import { createHash } from 'node:crypto';
import type { NamedTensor } from '../inference/tensor.ts';
import { tensorDataBytes } from '../tensors/binaryTensorData.ts';

/** Unbatched inputs up to this size are part of the key as they are; larger ones by digest. */
const inlineBytes = 64;

/**
 * The group of a request: a string equal for exactly the requests that can be batched together.
 * For the common model (every input batched, fixed dims) every request has the same, short key.
 */
export function batchGroupKey(inputs: readonly NamedTensor[], batched: readonly boolean[]): string {
  let key = '';
  inputs.forEach((input, index) => {
    if (batched[index]) {
      key += `${input.shape.slice(1).join('x')};`;
      return;
    }
    const bytes = tensorDataBytes(input.datatype, input.data);
    const value =
      bytes.byteLength <= inlineBytes
        ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
        : createHash('sha256').update(bytes).digest('base64');
    key += `${input.shape.join('x')}=${value};`;
  });
  return key;
}
