// Encodes a prediction (its output tensors) as bytes for the cache, and back, losslessly:
// a 4-byte header length, a JSON header of names and shapes, then the raw little-endian FP32 data.

import type { NamedTensor } from './tensor.ts';

export function encodePrediction(outputs: readonly NamedTensor[]): Buffer {
  const header = Buffer.from(JSON.stringify(outputs.map(({ name, shape }) => ({ name, shape }))));
  const dataBytes = outputs.reduce((sum, output) => sum + output.data.byteLength, 0);
  const buffer = Buffer.allocUnsafe(4 + header.length + dataBytes);
  buffer.writeUInt32LE(header.length, 0);
  header.copy(buffer, 4);
  let offset = 4 + header.length;
  for (const output of outputs) {
    Buffer.from(output.data.buffer, output.data.byteOffset, output.data.byteLength).copy(buffer, offset);
    offset += output.data.byteLength;
  }
  return buffer;
}

/** Decodes what encodePrediction wrote; returns undefined for bytes it did not write (a corrupt entry is a miss). */
export function decodePrediction(buffer: Buffer): NamedTensor[] | undefined {
  try {
    const headerLength = buffer.readUInt32LE(0);
    const header = JSON.parse(buffer.subarray(4, 4 + headerLength).toString('utf8')) as { name: string; shape: number[] }[];
    let offset = 4 + headerLength;
    const outputs = header.map(({ name, shape }) => {
      const size = shape.reduce((product, dim) => product * dim, 1);
      const data = new Float32Array(size);
      Buffer.from(data.buffer).set(buffer.subarray(offset, offset + size * 4));
      offset += size * 4;
      return { name, shape, data };
    });
    return offset === buffer.length ? outputs : undefined;
  } catch {
    return undefined;
  }
}
