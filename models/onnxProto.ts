// The one import of the ONNX protobuf bindings, with short names for the message types we build,
// and the tensor conversions (typed array ⇄ TensorProto with little-endian raw_data).

import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';
import { modelTensorCorrupt } from '../common/errors.ts';

/** The protobuf message classes of ONNX (ModelProto.encode, ModelProto.decode, …). */
export const onnx = onnxProto.onnx;
export type ModelProto = OnnxTypes.IModelProto;
export type GraphProto = OnnxTypes.IGraphProto;
export type NodeProto = OnnxTypes.INodeProto;
export type TensorProto = OnnxTypes.ITensorProto;
export type ValueInfoProto = OnnxTypes.IValueInfoProto;
export type AttributeProto = OnnxTypes.IAttributeProto;

/** ONNX element types (TensorProto.DataType) we read or write. */
export const DataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
} as const;

/** Name of an ONNX element type code, for messages (`10` → `FLOAT16`). */
export function dataTypeName(code: number | null | undefined): string {
  return onnx.TensorProto.DataType[code ?? 0] ?? `type ${String(code)}`;
}

/** An int64 field as decoded by protobufjs (a number or a Long) as a number. */
export function toNumber(value: number | { toNumber(): number } | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The bytes of a typed array in little-endian order, as ONNX raw_data stores them. */
function littleEndianBytes(values: Float32Array | Int8Array | Uint8Array): Uint8Array {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
  if (hostIsLittleEndian || values.BYTES_PER_ELEMENT === 1) return bytes;
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, (values as Float32Array)[i]!, true);
  return bytes;
}

/** An FP32 tensor (initializer) with its values in raw_data. */
export function float32Tensor(name: string, dims: readonly number[], values: Float32Array): TensorProto {
  return { name, dims: [...dims], dataType: DataType.FLOAT, rawData: littleEndianBytes(values) };
}

/** An INT8 tensor (initializer) with its values in raw_data. */
export function int8Tensor(name: string, dims: readonly number[], values: Int8Array): TensorProto {
  return { name, dims: [...dims], dataType: DataType.INT8, rawData: littleEndianBytes(values) };
}

/** The dimensions of a tensor as numbers. */
export function tensorDims(tensor: TensorProto): number[] {
  return (tensor.dims ?? []).map((dim) => toNumber(dim));
}

/**
 * The values of an FP32 tensor, from raw_data or float_data. Throws E_MODEL_FILE_INVALID when the stored values
 * do not fill the dims; callers check the type and the location (external data) first, so a plain Error there is a bug.
 */
export function readFloat32Tensor(tensor: TensorProto): Float32Array {
  if (tensor.dataType !== DataType.FLOAT) throw new Error(`tensor "${tensor.name}" is ${dataTypeName(tensor.dataType)}, not FLOAT`);
  if (tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
    throw new Error(`tensor "${tensor.name}" is stored in an external file, which is not supported`);
  }
  const count = tensorDims(tensor).reduce((product, dim) => product * dim, 1);
  const raw = tensor.rawData;
  if (raw !== null && raw !== undefined && raw.length > 0) {
    if (raw.length !== count * 4) throw modelTensorCorrupt(String(tensor.name), raw.length, 'bytes', count);
    const values = new Float32Array(count);
    if (hostIsLittleEndian) new Uint8Array(values.buffer).set(raw);
    else {
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      for (let i = 0; i < count; i++) values[i] = view.getFloat32(i * 4, true);
    }
    return values;
  }
  const floats = tensor.floatData ?? [];
  if (floats.length !== count) throw modelTensorCorrupt(String(tensor.name), floats.length, 'floats', count);
  return Float32Array.from(floats);
}

/** A graph input or output: a FLOAT tensor whose dimensions are sizes or named (dynamic) dims. */
export function float32ValueInfo(name: string, dims: readonly (number | string)[]): ValueInfoProto {
  return valueInfo(name, DataType.FLOAT, dims);
}

/** A graph input or output of any element type; dims are sizes or named (dynamic) dims, none for a scalar. */
export function valueInfo(name: string, elemType: number, dims: readonly (number | string)[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })) },
      },
    },
  };
}

/** An INT64 tensor (initializer, e.g. the axes of Unsqueeze) with its values in int64_data. */
export function int64Tensor(name: string, dims: readonly number[], values: readonly number[]): TensorProto {
  return { name, dims: [...dims], dataType: DataType.INT64, int64Data: [...values] };
}

/** A FLOAT16 tensor (initializer) from the bit patterns of its values, in raw_data (little-endian). */
export function float16Tensor(name: string, dims: readonly number[], bits: Uint16Array): TensorProto {
  const bytes = new Uint8Array(bits.length * 2);
  const view = new DataView(bytes.buffer);
  bits.forEach((value, i) => view.setUint16(i * 2, value, true));
  return { name, dims: [...dims], dataType: DataType.FLOAT16, rawData: bytes };
}

/** Encodes a model to its protobuf bytes (deterministic: same model, same bytes). */
export function encodeModel(model: ModelProto): Uint8Array {
  const bytes = onnx.ModelProto.encode(model).finish();
  // protobufjs hands out a Buffer on Node; callers get a plain Uint8Array view of the same bytes.
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
