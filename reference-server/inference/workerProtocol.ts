// Messages between the server's main thread and a model worker thread. Tensor data travels as
// transferred ArrayBuffers, never copied through structured clone.

import type { ModelSignature, NamedTensor } from './tensor.ts';

export interface WireTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly buffer: ArrayBuffer;
}

export type WorkerRequest =
  | { readonly type: 'run'; readonly id: number; readonly inputs: readonly WireTensor[] }
  | { readonly type: 'release' };

export type WorkerReply =
  | { readonly type: 'loaded'; readonly signature: ModelSignature }
  | { readonly type: 'loadFailed'; readonly code: string; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly outputs: readonly WireTensor[] }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

/**
 * The tensor as a transferable buffer. A view that does not span its whole buffer is copied first, so
 * transferring never detaches memory that other tensors still use.
 */
export function toWire(tensor: NamedTensor): WireTensor {
  const { data } = tensor;
  const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer;
  const buffer = whole ? (data.buffer as ArrayBuffer) : data.slice().buffer;
  return { name: tensor.name, shape: [...tensor.shape], buffer };
}

export function fromWire(tensor: WireTensor): NamedTensor {
  return { name: tensor.name, shape: tensor.shape, data: new Float32Array(tensor.buffer) };
}
