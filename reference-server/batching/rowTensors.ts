// Joining several requests' tensors into one batch along the row dimension, and splitting the results
// back. Inputs that are not batched (a scalar sample rate, a shared state) are equal across the batch
// (the batcher groups requests so), and passed once.

import type { NamedTensor, TensorData, TypedTensorData } from '../inference/tensor.ts';
import { rowSize } from '../inference/tensor.ts';

function concatData(parts: readonly TensorData[], length: number): TensorData {
  const first = parts[0]!;
  if (Array.isArray(first)) return (parts as string[][]).flat();
  const data = new (first.constructor as new (length: number) => TypedTensorData)(length);
  let offset = 0;
  for (const part of parts as TypedTensorData[]) {
    (data as Float32Array).set(part as Float32Array, offset);
    offset += part.length;
  }
  return data;
}

/**
 * Concatenates, per input, the tensors of every request (all carry the same inputs in the same order);
 * an input whose `batched` entry is false is taken from the first request.
 */
export function concatRows(perRequest: readonly (readonly NamedTensor[])[], batched: readonly boolean[]): NamedTensor[] {
  const first = perRequest[0]!;
  if (perRequest.length === 1) return [...first];
  return first.map((template, index) => {
    if (!batched[index]) return template;
    let rows = 0;
    for (const inputs of perRequest) rows += inputs[index]!.shape[0]!;
    const data = concatData(perRequest.map((inputs) => inputs[index]!.data), rows * rowSize(template.shape));
    return { name: template.name, datatype: template.datatype, shape: [rows, ...template.shape.slice(1)], data };
  });
}

/** Splits batch outputs into consecutive slices of `rowCounts` rows, one list of outputs per request. */
export function splitRows(outputs: readonly NamedTensor[], rowCounts: readonly number[]): NamedTensor[][] {
  // A batch of one request is its own answer, whole (a model without a batch dimension has no rows to cut).
  if (rowCounts.length === 1) return [[...outputs]];
  const result: NamedTensor[][] = rowCounts.map(() => []);
  for (const output of outputs) {
    const width = rowSize(output.shape);
    let row = 0;
    rowCounts.forEach((rows, index) => {
      const data = output.data.slice(row * width, (row + rows) * width);
      result[index]!.push({ name: output.name, datatype: output.datatype, shape: [rows, ...output.shape.slice(1)], data });
      row += rows;
    });
  }
  return result;
}
