// Messages between the server's main thread and a model worker thread. Tensor data travels as
// transferred ArrayBuffers, never copied through structured clone (BYTES, a list of strings, is cloned).

import { datatypeInfo, type Datatype } from '../tensors/datatypes.ts';
import type { ModelSignature, NamedTensor } from './tensor.ts';

/** Per input, the config's dims (its shape hint), whose sizes stand in for dynamic dims at warm-up. */
export type WarmUpHints = Readonly<Record<string, readonly number[]>>;

export interface WireTensor {
  readonly name: string;
  readonly datatype: Datatype;
  readonly shape: readonly number[];
  readonly buffer: ArrayBuffer | readonly string[];
}

export type WorkerRequest =
  | { readonly type: 'run'; readonly id: number; readonly inputs: readonly WireTensor[] }
  | { readonly type: 'release' };

export type WorkerReply =
  | { readonly type: 'loaded'; readonly signature: ModelSignature }
  | { readonly type: 'loadFailed'; readonly code: string; readonly message: string }
  /** `inferMs`: the session's run alone, without the time the batch waited in the worker. */
  | { readonly type: 'result'; readonly id: number; readonly outputs: readonly WireTensor[]; readonly inferMs: number }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

/**
 * The tensor as a transferable buffer. A view that does not span its whole buffer is copied first, so
 * transferring never detaches memory that other tensors still use.
 */
export function toWire(tensor: NamedTensor): WireTensor {
  const { data } = tensor;
  if (Array.isArray(data)) return { name: tensor.name, datatype: tensor.datatype, shape: [...tensor.shape], buffer: data };
  const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer;
  const buffer = whole ? (data.buffer as ArrayBuffer) : (data.slice().buffer as ArrayBuffer);
  return { name: tensor.name, datatype: tensor.datatype, shape: [...tensor.shape], buffer };
}

export function fromWire(tensor: WireTensor): NamedTensor {
  const array = datatypeInfo[tensor.datatype].array;
  const data = array === undefined ? [...(tensor.buffer as string[])] : new array(tensor.buffer as ArrayBuffer);
  return { name: tensor.name, datatype: tensor.datatype, shape: tensor.shape, data };
}

/** The buffers of `tensors` to transfer with a message. */
export function transferList(tensors: readonly WireTensor[]): ArrayBuffer[] {
  return tensors.flatMap((tensor) => (tensor.buffer instanceof ArrayBuffer ? [tensor.buffer] : []));
}
