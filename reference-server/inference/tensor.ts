// Tensors as the server handles them: a V2 datatype, a shape and the values in a flat typed array (a
// list of strings for BYTES), and model signatures in V2 terms.

import type { Datatype, TensorData } from '../tensors/datatypes.ts';

export type { Datatype, TensorData, TypedTensorData } from '../tensors/datatypes.ts';

/** A named tensor; for a batched input or output, `shape[0]` is the row (batch) dimension. */
export interface NamedTensor {
  readonly name: string;
  readonly datatype: Datatype;
  readonly shape: readonly number[];
  readonly data: TensorData;
}

/** One input or output of a model as ONNX Runtime reports it: every dynamic dimension is -1. */
export interface TensorSpec {
  readonly name: string;
  readonly datatype: Datatype;
  readonly shape: readonly number[];
}

export interface ModelSignature {
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
}

/** Number of elements in one row of a tensor of this shape (product of every dimension but the first). */
export function rowSize(shape: readonly number[]): number {
  let size = 1;
  for (let i = 1; i < shape.length; i++) size *= shape[i]!;
  return size;
}

/** Number of elements of a tensor of this shape (1 for a scalar). */
export function elementCount(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}
