// The V2 protocol's tensor datatypes that ONNX Runtime runs on CPU, each once: its ORT type, the typed
// array holding its values, its size on the wire, and its names in ONNX and in Triton's model config.

/** FP16 values are held as their IEEE 754 binary16 bit patterns (Node 20 has no Float16Array; ORT takes these). */
export type TensorData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array
  | string[];

export type TypedTensorData = Exclude<TensorData, string[]>;

type TypedArrayConstructor = {
  new (length: number): TypedTensorData;
  new (buffer: ArrayBuffer, byteOffset?: number, length?: number): TypedTensorData;
  readonly BYTES_PER_ELEMENT: number;
};

export interface DatatypeInfo {
  /** onnxruntime-node's Tensor type name. */
  readonly ort: string;
  /** ONNX TensorProto.DataType code. */
  readonly onnx: number;
  /** Triton's model-config data type (`TYPE_FP32`, …). */
  readonly triton: string;
  /** The typed array holding the values; undefined for BYTES (a list of strings). */
  readonly array: TypedArrayConstructor | undefined;
  /** Bytes per element in binary tensor data; 0 for BYTES (length-prefixed). */
  readonly bytes: number;
  /** Kind of value JSON carries: checked per element by jsonTensorData.ts. */
  readonly kind: 'float' | 'int' | 'bigint' | 'bool' | 'fp16' | 'bytes';
  /** Inclusive range of an integer type (bigint for 64-bit types). */
  readonly min?: number | bigint;
  readonly max?: number | bigint;
}

export const datatypeInfo = {
  BOOL: { ort: 'bool', onnx: 9, triton: 'TYPE_BOOL', array: Uint8Array, bytes: 1, kind: 'bool' },
  UINT8: { ort: 'uint8', onnx: 2, triton: 'TYPE_UINT8', array: Uint8Array, bytes: 1, kind: 'int', min: 0, max: 255 },
  UINT16: { ort: 'uint16', onnx: 4, triton: 'TYPE_UINT16', array: Uint16Array, bytes: 2, kind: 'int', min: 0, max: 65_535 },
  UINT32: { ort: 'uint32', onnx: 12, triton: 'TYPE_UINT32', array: Uint32Array, bytes: 4, kind: 'int', min: 0, max: 4_294_967_295 },
  UINT64: { ort: 'uint64', onnx: 13, triton: 'TYPE_UINT64', array: BigUint64Array, bytes: 8, kind: 'bigint', min: 0n, max: 2n ** 64n - 1n },
  INT8: { ort: 'int8', onnx: 3, triton: 'TYPE_INT8', array: Int8Array, bytes: 1, kind: 'int', min: -128, max: 127 },
  INT16: { ort: 'int16', onnx: 5, triton: 'TYPE_INT16', array: Int16Array, bytes: 2, kind: 'int', min: -32_768, max: 32_767 },
  INT32: { ort: 'int32', onnx: 6, triton: 'TYPE_INT32', array: Int32Array, bytes: 4, kind: 'int', min: -2_147_483_648, max: 2_147_483_647 },
  INT64: { ort: 'int64', onnx: 7, triton: 'TYPE_INT64', array: BigInt64Array, bytes: 8, kind: 'bigint', min: -(2n ** 63n), max: 2n ** 63n - 1n },
  FP16: { ort: 'float16', onnx: 10, triton: 'TYPE_FP16', array: Uint16Array, bytes: 2, kind: 'fp16' },
  FP32: { ort: 'float32', onnx: 1, triton: 'TYPE_FP32', array: Float32Array, bytes: 4, kind: 'float' },
  FP64: { ort: 'float64', onnx: 11, triton: 'TYPE_FP64', array: Float64Array, bytes: 8, kind: 'float' },
  BYTES: { ort: 'string', onnx: 8, triton: 'TYPE_STRING', array: undefined, bytes: 0, kind: 'bytes' },
} as const satisfies Record<string, DatatypeInfo>;

export type Datatype = keyof typeof datatypeInfo;
export const datatypes = Object.keys(datatypeInfo) as Datatype[];

const byOrtType = new Map<string, Datatype>(datatypes.map((datatype) => [datatypeInfo[datatype].ort, datatype]));

/** The V2 datatype of an ORT tensor type, or undefined for types the protocol cannot carry (bfloat16, complex, …). */
export function datatypeOfOrt(ortType: string): Datatype | undefined {
  return byOrtType.get(ortType);
}

export function isDatatype(value: unknown): value is Datatype {
  return typeof value === 'string' && Object.hasOwn(datatypeInfo, value);
}

/** A zero-filled tensor data of `count` elements (empty strings for BYTES). */
export function allocateData(datatype: Datatype, count: number): TensorData {
  const array = datatypeInfo[datatype].array;
  return array === undefined ? new Array<string>(count).fill('') : new array(count);
}
