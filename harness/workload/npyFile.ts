// NumPy's .npy format (versions 1.0, 2.0 and 3.0: the magic "\x93NUMPY", a version, a little-endian
// header length, a Python dict literal {'descr', 'fortran_order', 'shape'} padded to 64 bytes, then the
// array's bytes), mapped to V2 datatypes. No maintained npm package for it is in node_modules, so it is
// written here: only C-order, little-endian (or byte-order-free) arrays, as numpy.save writes on x86 and ARM.

import { datatypeInfo, type Datatype, type TensorData, type TypedTensorData } from '../../reference-server/tensors/datatypes.ts';

/** numpy's dtype string of each V2 datatype ('|' for types with no byte order). BYTES are read from 'S' or 'U'. */
const descrOf: Record<Exclude<Datatype, 'BYTES'>, string> = {
  BOOL: '|b1',
  UINT8: '|u1',
  UINT16: '<u2',
  UINT32: '<u4',
  UINT64: '<u8',
  INT8: '|i1',
  INT16: '<i2',
  INT32: '<i4',
  INT64: '<i8',
  FP16: '<f2',
  FP32: '<f4',
  FP64: '<f8',
};

const datatypeOfDescr = new Map<string, Datatype>(Object.entries(descrOf).flatMap(([datatype, descr]) => [[descr, datatype as Datatype], [descr.replace('|', '<'), datatype as Datatype]]));

export interface NpyArray {
  readonly datatype: Datatype;
  readonly shape: readonly number[];
  readonly data: TensorData;
}

const magic = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);

function headerField(header: string, key: string): string | undefined {
  return new RegExp(`['"]${key}['"]\\s*:\\s*('[^']*'|"[^"]*"|True|False|\\([^)]*\\))`).exec(header)?.[1];
}

/** The array in `.npy` bytes, or a string saying what is wrong. */
export function readNpy(bytes: Uint8Array): NpyArray | string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 10 || !buffer.subarray(0, 6).equals(magic)) return 'is not a .npy file (no \\x93NUMPY magic)';
  const major = buffer[6]!;
  if (major < 1 || major > 3) return `is .npy version ${major}.${buffer[7]}; versions 1 to 3 are read`;
  const headerStart = major === 1 ? 10 : 12;
  if (buffer.length < headerStart) return 'ends inside its header';
  const headerLength = major === 1 ? buffer.readUInt16LE(8) : buffer.readUInt32LE(8);
  if (buffer.length < headerStart + headerLength) return 'ends inside its header';
  const header = buffer.toString(major === 3 ? 'utf8' : 'latin1', headerStart, headerStart + headerLength);
  const descr = headerField(header, 'descr')?.slice(1, -1);
  const fortran = headerField(header, 'fortran_order');
  const shapeText = headerField(header, 'shape');
  if (descr === undefined || fortran === undefined || shapeText === undefined) return `has a header without descr, fortran_order and shape: ${header.trim()}`;
  if (fortran === 'True') return 'is in Fortran order; save it in C order (numpy.ascontiguousarray)';
  const dims = shapeText.slice(1, -1).split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (!dims.every((d) => /^\d+L?$/.test(d))) return `has shape ${shapeText}, not a tuple of sizes`;
  const shape = dims.map((d) => Number.parseInt(d, 10));
  const count = shape.reduce((product, d) => product * d, 1);
  const body = bytes.subarray(headerStart + headerLength);

  const text = /^([<|>=])([SU])(\d+)$/.exec(descr);
  if (text !== null) {
    const [, order, kind, sizeText] = text;
    const width = Number(sizeText) * (kind === 'U' ? 4 : 1);
    if (kind === 'U' && order === '>') return `has dtype ${descr}, big-endian; save it little-endian`;
    if (body.byteLength !== count * width) return `holds ${body.byteLength} data bytes; shape (${shape.join(', ')}) of ${descr} takes ${count * width}`;
    const data: string[] = [];
    for (let i = 0; i < count; i++) {
      const element = Buffer.from(body.buffer, body.byteOffset + i * width, width);
      // numpy pads fixed-width strings with NULs, which it strips on reading.
      data.push((kind === 'U' ? decodeUtf32(element) : element.toString('utf8')).replace(/\0+$/, ''));
    }
    return { datatype: 'BYTES', shape, data };
  }
  const datatype = datatypeOfDescr.get(descr);
  if (datatype === undefined) return `has dtype ${descr}, which no V2 datatype holds (little-endian bool, int, uint, float, and S/U strings are read)`;
  const info = datatypeInfo[datatype];
  if (body.byteLength !== count * info.bytes) return `holds ${body.byteLength} data bytes; shape (${shape.join(', ')}) of ${descr} takes ${count * info.bytes}`;
  const data = new info.array!(count);
  new Uint8Array(data.buffer).set(body);
  return { datatype, shape, data };
}

function decodeUtf32(bytes: Buffer): string {
  let text = '';
  for (let offset = 0; offset + 4 <= bytes.length; offset += 4) text += String.fromCodePoint(bytes.readUInt32LE(offset));
  return text;
}

/** `.npy` version 1.0 bytes of an array, as numpy.save writes it (BYTES as 'S' of the longest UTF-8 element). */
export function writeNpy(array: NpyArray): Buffer {
  let descr: string;
  let body: Buffer;
  if (array.datatype === 'BYTES') {
    const encoded = (array.data as string[]).map((value) => Buffer.from(value, 'utf8'));
    const width = Math.max(1, ...encoded.map((value) => value.length));
    descr = `|S${width}`;
    body = Buffer.alloc(width * encoded.length);
    encoded.forEach((value, i) => value.copy(body, i * width));
  } else {
    descr = descrOf[array.datatype];
    const typed = array.data as TypedTensorData;
    body = Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength);
  }
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  // The header (magic, version, length, dict, newline) is padded with spaces to a multiple of 64 bytes.
  const unpadded = 10 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const prefix = Buffer.alloc(10);
  magic.copy(prefix);
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  return Buffer.concat([prefix, Buffer.from(header, 'latin1'), body]);
}
