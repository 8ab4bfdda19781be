// Tensor values as raw bytes, in the layout of Triton's binary tensor data extension: little-endian
// elements back to back, BOOL one byte each, BYTES each element a 4-byte little-endian length and its bytes.
// The same bytes key and store predictions in the cache. (Every platform Node runs this on is little-endian.)

import { datatypeInfo, type Datatype, type TensorData, type TypedTensorData } from './datatypes.ts';

/** The bytes of `data`: a view on a typed array's own memory (no copy), or the length-prefixed strings. */
export function tensorDataBytes(datatype: Datatype, data: TensorData): Uint8Array {
  if (datatype !== 'BYTES') {
    const typed = data as TypedTensorData;
    return new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
  }
  const encoded = (data as string[]).map((value) => Buffer.from(value, 'utf8'));
  const out = Buffer.allocUnsafe(encoded.reduce((sum, bytes) => sum + 4 + bytes.length, 0));
  let offset = 0;
  for (const bytes of encoded) {
    out.writeUInt32LE(bytes.length, offset);
    bytes.copy(out, offset + 4);
    offset += 4 + bytes.length;
  }
  return out;
}

/**
 * `count` elements of `datatype` read from `bytes`, or a string saying why the bytes do not hold them.
 * Aligned bytes are viewed in place, unaligned ones copied (a typed array needs its element alignment):
 * the batcher copies every request into its batch anyway, and a batch of one request is copied before it
 * is transferred to the worker thread (workerProtocol.ts), so a copy here would be a second one.
 */
export function tensorDataFromBytes(datatype: Datatype, bytes: Uint8Array, count: number): TensorData | string {
  const info = datatypeInfo[datatype];
  if (info.array === undefined) return stringsFromBytes(bytes, count);
  if (bytes.byteLength !== count * info.bytes) {
    return `holds ${bytes.byteLength} bytes, but ${count} ${datatype} elements take ${count * info.bytes}`;
  }
  let data: TypedTensorData;
  if (bytes.byteOffset % info.bytes === 0) {
    data = new info.array(bytes.buffer as ArrayBuffer, bytes.byteOffset, count);
  } else {
    data = new info.array(count);
    new Uint8Array(data.buffer).set(bytes);
  }
  if (datatype === 'BOOL') {
    const index = (data as Uint8Array).findIndex((value) => value > 1);
    if (index >= 0) return `data[${index}] is byte ${(data as Uint8Array)[index]}, not 0 or 1 (BOOL)`;
  }
  return data;
}

function stringsFromBytes(bytes: Uint8Array, count: number): string[] | string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values: string[] = [];
  let offset = 0;
  for (let index = 0; index < count; index++) {
    if (offset + 4 > buffer.length) return `ends inside the length of BYTES element ${index} (${count} elements expected)`;
    const length = buffer.readUInt32LE(offset);
    if (offset + 4 + length > buffer.length) return `BYTES element ${index} declares ${length} bytes, more than remain`;
    values.push(buffer.toString('utf8', offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  if (offset !== buffer.length) return `holds ${buffer.length - offset} bytes beyond its ${count} BYTES elements`;
  return values;
}
