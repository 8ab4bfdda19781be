// Joining several requests' tensors into one batch along the row dimension, and splitting the results back.

import type { NamedTensor } from '../inference/tensor.ts';
import { rowSize } from '../inference/tensor.ts';

/** Concatenates, per input name, the tensors of every request (all requests carry the same input names). */
export function concatRows(perRequest: readonly (readonly NamedTensor[])[]): NamedTensor[] {
  const first = perRequest[0]!;
  if (perRequest.length === 1) return [...first];
  return first.map((template, index) => {
    let rows = 0;
    for (const inputs of perRequest) rows += inputs[index]!.shape[0]!;
    const data = new Float32Array(rows * rowSize(template.shape));
    let offset = 0;
    for (const inputs of perRequest) {
      const tensor = inputs[index]!;
      data.set(tensor.data, offset);
      offset += tensor.data.length;
    }
    return { name: template.name, shape: [rows, ...template.shape.slice(1)], data };
  });
}

/** Splits batch outputs into consecutive slices of `rowCounts` rows, one list of outputs per request. */
export function splitRows(outputs: readonly NamedTensor[], rowCounts: readonly number[]): NamedTensor[][] {
  const result: NamedTensor[][] = rowCounts.map(() => []);
  for (const output of outputs) {
    const width = rowSize(output.shape);
    let row = 0;
    rowCounts.forEach((rows, index) => {
      const data = rowCounts.length === 1 ? output.data : output.data.slice(row * width, (row + rows) * width);
      result[index]!.push({ name: output.name, shape: [rows, ...output.shape.slice(1)], data });
      row += rows;
    });
  }
  return result;
}
