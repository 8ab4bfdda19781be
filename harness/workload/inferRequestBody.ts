// A V2 inference request body from a set of named tensors: JSON data, or Triton's binary tensor data
// extension (a JSON header naming each input's `binary_data_size`, then the raw little-endian bytes; BYTES
// elements as a 4-byte little-endian length and their bytes). The tensor encodings are the reference
// server's own (reference-server/tensors), so what we send is what it reads.

import { tensorDataBytes } from '../../reference-server/tensors/binaryTensorData.ts';
import { tensorDataJson } from '../../reference-server/tensors/jsonTensorData.ts';
import type { NamedTensor } from '../../reference-server/inference/tensor.ts';

const head = (tensor: NamedTensor) => `{"name":${JSON.stringify(tensor.name)},"shape":[${tensor.shape.join(',')}],"datatype":"${tensor.datatype}"`;

/** Distinct values whose text is remembered per float tensor; beyond it, values are written one by one. */
const memoLimit = 65_536;

/**
 * A float tensor's JSON array. V8 writes a double's shortest text in about 1 µs, so a value met again
 * (generated values lie on a grid, recorded ones repeat) takes its remembered text: the same text
 * Number's toString gives. Non-finite values go through the server's writer (null, as JSON.stringify).
 */
function floatArrayJson(values: Float32Array | Float64Array): string {
  const memo = new Map<number, string>();
  // Appending to one string measured faster than joining an array of parts (33 ms against 52 ms per 150k values).
  let json = '[';
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    let text = memo.get(value);
    if (text === undefined) {
      if (!Number.isFinite(value)) return tensorDataJson('FP64', values);
      text = String(value);
      if (memo.size < memoLimit) memo.set(value, text);
    }
    json += i === 0 ? text : `,${text}`;
  }
  return `${json}]`;
}

/** Below this many values the lookups cost more than they save (bench/requestBodies.bench.ts: 0.8x at 784). */
const memoFrom = 4096;

function dataJson(tensor: NamedTensor): string {
  if ((tensor.datatype === 'FP32' || tensor.datatype === 'FP64') && tensor.data.length >= memoFrom) return floatArrayJson(tensor.data as Float32Array | Float64Array);
  return tensorDataJson(tensor.datatype, tensor.data);
}

/** `{"inputs":[{"name","shape","datatype","data":[…]}]}`, 64-bit integers written digit for digit. */
export function jsonRequestBody(tensors: readonly NamedTensor[]): string {
  return `{"inputs":[${tensors.map((tensor) => `${head(tensor)},"data":${dataJson(tensor)}}`).join(',')}]}`;
}

/** The JSON header of a binary body, without padding. */
function binaryHeaderJson(tensors: readonly NamedTensor[], sizes: readonly number[]): string {
  return `{"inputs":[${tensors.map((tensor, i) => `${head(tensor)},"parameters":{"binary_data_size":${sizes[i]}}}`).join(',')}]}`;
}

/**
 * Bytes of the JSON header for tensors of these names, datatypes and (largest) shapes: room for any
 * binary_data_size below 10^10 and padding to a multiple of 8, so that one `Inference-Header-Content-Length`
 * serves every request of a run, and the data after it stays aligned for a server to view in place.
 */
export function binaryHeaderLength(tensors: readonly Pick<NamedTensor, 'name' | 'datatype' | 'shape'>[]): number {
  const json = binaryHeaderJson(tensors as NamedTensor[], tensors.map(() => 9_999_999_999));
  return Math.ceil(Buffer.byteLength(json) / 8) * 8;
}

/**
 * The binary body of `tensors`, its JSON header padded with spaces to `headerLength` bytes (from
 * binaryHeaderLength). Throws a RangeError if the header does not fit (a shape larger than planned).
 */
export function binaryRequestBody(tensors: readonly NamedTensor[], headerLength: number): Buffer {
  const chunks = tensors.map((tensor) => tensorDataBytes(tensor.datatype, tensor.data));
  const json = binaryHeaderJson(tensors, chunks.map((chunk) => chunk.byteLength));
  const used = Buffer.byteLength(json);
  if (used > headerLength) throw new RangeError(`binary request header of ${used} bytes exceeds the planned ${headerLength}`);
  return Buffer.concat([Buffer.from(json + ' '.repeat(headerLength - used)), ...chunks]);
}
