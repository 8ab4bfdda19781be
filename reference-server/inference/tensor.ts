// Tensors as the server handles them: FP32 data in a flat typed array plus a shape, and model signatures.

/** A named FP32 tensor; `shape[0]` is the row (batch) dimension. */
export interface NamedTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** One input or output of a model; `shape[0]` is -1, the dynamic batch dimension. */
export interface TensorSpec {
  readonly name: string;
  readonly datatype: 'FP32';
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
