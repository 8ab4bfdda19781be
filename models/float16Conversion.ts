// An FP32 ONNX model to FP16, as onnxconverter-common's convert_float_to_float16(keep_io_types=True)
// does it: FLOAT initializers, constants, Cast targets and value_info become FLOAT16, and the graph keeps
// FP32 inputs and outputs through Cast nodes at its edges, so clients send and receive the same tensors.

import { fromFloat16Bits, toFloat16Bits } from '../reference-server/tensors/float16.ts';
import { convertBlockedOp, convertNothing, convertNotOnnx, convertOpOfDomain, convertQuantized, convertSubgraphs, convertTensorExternal, type InfercapError } from '../common/errors.ts';
import { nameAllocator } from './graphNames.ts';
import { DataType, encodeModel, float16Tensor, onnx, readFloat32Tensor, tensorDims, toNumber, type AttributeProto, type ModelProto, type NodeProto, type TensorProto } from './onnxProto.ts';

/**
 * Ops left in FP32 by onnxconverter-common (its DEFAULT_OP_BLOCK_LIST: ONNX Runtime has no FP16 kernel
 * for them, or their FP16 results are unusable). It wraps them in Casts, using shape inference to know
 * which inputs are float; without shape inference we cannot, so we refuse and name the op instead.
 */
const float16BlockedOps = new Set([
  'ArrayFeatureExtractor', 'Binarizer', 'CastMap', 'CategoryMapper', 'DictVectorizer', 'FeatureVectorizer', 'Imputer',
  'LabelEncoder', 'LinearClassifier', 'LinearRegressor', 'Normalizer', 'OneHotEncoder', 'SVMClassifier', 'SVMRegressor',
  'Scaler', 'TreeEnsembleClassifier', 'TreeEnsembleRegressor', 'ZipMap', 'NonMaxSuppression', 'TopK', 'RoiAlign',
  'Resize', 'Range', 'CumSum', 'Min', 'Max', 'Upsample',
]);

/** Ops of quantized models: their float inputs and outputs are fixed at FP32 by the quantization. */
const quantizedOps = new Set(['DynamicQuantizeLinear', 'QuantizeLinear', 'DequantizeLinear', 'MatMulInteger', 'ConvInteger', 'QLinearMatMul', 'QLinearConv']);

/** Ops whose `dtype` attribute chooses their output type (FLOAT becomes FLOAT16 with the rest). */
const dtypeOps = new Set(['EyeLike', 'RandomNormal', 'RandomUniform', 'RandomNormalLike', 'RandomUniformLike']);

/** The largest finite FP16 value: larger weights are clamped to it rather than becoming infinite. */
const float16Max = 65504;
/** The smallest positive FP16 value (a subnormal): smaller non-zero weights keep their sign at this size. */
const float16MinPositive = 2 ** -24;

/** What `convertToFloat16` did. */
export interface Float16Report {
  readonly bytes: Uint8Array;
  /** FLOAT initializers and constant tensors converted. */
  readonly tensorsConverted: number;
  /** Weights whose magnitude was beyond FP16's range and was clamped to ±65504 or ±2⁻²⁴. */
  readonly valuesClamped: number;
  /** Graph inputs and outputs that keep FP32 through a Cast. */
  readonly castInputs: readonly string[];
  readonly castOutputs: readonly string[];
}

/** Metadata key recording how a model was converted. */
export const conversionMetadataKey = 'infercap.conversion';

/** The FP16 bits of `value`, clamped into FP16's finite range without changing its sign or making it 0. */
function clampedFloat16Bits(value: number): { bits: number; clamped: boolean } {
  const magnitude = Math.abs(value);
  if (!Number.isFinite(value) || magnitude === 0) return { bits: toFloat16Bits(value), clamped: false };
  if (magnitude > float16Max) return { bits: toFloat16Bits(Math.sign(value) * float16Max), clamped: true };
  const bits = toFloat16Bits(value);
  if (fromFloat16Bits(bits) === 0) return { bits: toFloat16Bits(Math.sign(value) * float16MinPositive), clamped: true };
  return { bits, clamped: false };
}

function decode(modelBytes: Uint8Array, source: string): ModelProto {
  try {
    const model = onnx.ModelProto.decode(modelBytes);
    if (model.graph && (model.graph.node ?? []).length > 0 && toNumber(model.irVersion) > 0) return model;
  } catch {
    // Reported below, as for bytes that decode to no graph.
  }
  throw convertNotOnnx(source);
}

function refusal(node: NodeProto, source: string): InfercapError | undefined {
  const op = node.opType ?? '';
  const label = `node "${node.name || node.output?.[0]}" is ${op}`;
  if (!['', 'ai.onnx'].includes(node.domain ?? '')) return convertOpOfDomain(source, label, String(node.domain));
  if (quantizedOps.has(op)) return convertQuantized(source, label);
  if (float16BlockedOps.has(op)) return convertBlockedOp(source, label);
  if ((node.attribute ?? []).some((attr) => attr.g || (attr.graphs ?? []).length > 0)) return convertSubgraphs(source, label);
  return undefined;
}

class Converter {
  tensorsConverted = 0;
  valuesClamped = 0;

  constructor(private readonly source: string) {}

  /** A FLOAT tensor as FLOAT16 under `name`; other tensors unchanged. */
  tensor(tensor: TensorProto, name = tensor.name ?? ''): TensorProto {
    if (tensor.dataType !== DataType.FLOAT) return tensor;
    if (tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
      throw convertTensorExternal(this.source, String(tensor.name));
    }
    const values = readFloat32Tensor(tensor);
    const bits = Uint16Array.from(values, (value) => {
      const converted = clampedFloat16Bits(value);
      if (converted.clamped) this.valuesClamped++;
      return converted.bits;
    });
    this.tensorsConverted++;
    return float16Tensor(name, tensorDims(tensor), bits);
  }

  /** The node's attributes with FLOAT tensors, Cast's `to` and `dtype` turned FLOAT16. */
  attributes(node: NodeProto): AttributeProto[] {
    return (node.attribute ?? []).map((attr) => {
      if (attr.name === 'value_float' && node.opType === 'Constant') return { name: 'value', type: 4, t: this.tensor({ dims: [], dataType: DataType.FLOAT, floatData: [attr.f ?? 0] }) };
      if (attr.name === 'value_floats' && node.opType === 'Constant') {
        const floats = attr.floats ?? [];
        return { name: 'value', type: 4, t: this.tensor({ dims: [floats.length], dataType: DataType.FLOAT, floatData: floats }) };
      }
      const retyped = (node.opType === 'Cast' && attr.name === 'to') || (dtypeOps.has(node.opType ?? '') && attr.name === 'dtype');
      if (retyped && toNumber(attr.i) === DataType.FLOAT) return { ...attr, i: DataType.FLOAT16 };
      if (attr.t) return { ...attr, t: this.tensor(attr.t) };
      if ((attr.tensors ?? []).length > 0) return { ...attr, tensors: attr.tensors!.map((tensor) => this.tensor(tensor)) };
      return attr;
    });
  }
}

/**
 * Converts an FP32 ONNX model to FP16 with FP32 inputs and outputs (keep_io_types). Throws
 * E_CANNOT_CONVERT naming the op for a node it cannot convert (see `float16BlockedOps`), and for
 * bytes that are not an ONNX model or a model with no FP32 tensor.
 */
export function convertToFloat16(modelBytes: Uint8Array, source = 'the model'): Float16Report {
  const model = decode(modelBytes, source);
  const graph = model.graph!;
  for (const node of graph.node ?? []) {
    const refused = refusal(node, source);
    if (refused !== undefined) throw refused;
  }
  const isFloat = (elemType: number | null | undefined) => elemType === DataType.FLOAT;
  const initializerNames = new Set((graph.initializer ?? []).map((tensor) => tensor.name ?? ''));
  const hasFloat = (graph.initializer ?? []).some((tensor) => isFloat(tensor.dataType)) || (graph.input ?? []).some((input) => isFloat(input.type?.tensorType?.elemType));
  if (!hasFloat) throw convertNothing(source);

  const fresh = nameAllocator(graph);
  const converter = new Converter(source);
  const inputCasts: NodeProto[] = [];
  const outputCasts: NodeProto[] = [];
  const renamed = new Map<string, string>();
  const castTo = (input: string, output: string, to: number): NodeProto => ({ name: fresh(`${output}_cast`), opType: 'Cast', input: [input], output: [output], attribute: [{ name: 'to', type: 2, i: to }] });

  // An input backed by an initializer (IR < 4 lists every weight as an input) is a weight: it turns FP16 too.
  const castInputs = (graph.input ?? []).filter((input) => isFloat(input.type?.tensorType?.elemType) && !initializerNames.has(input.name ?? ''));
  const graphInputNames = new Set((graph.input ?? []).map((input) => input.name ?? ''));
  for (const input of castInputs) {
    const name = input.name ?? '';
    const half = fresh(`${name}_float16`);
    renamed.set(name, half);
    inputCasts.push(castTo(name, half, DataType.FLOAT16));
  }
  // An output that is a graph input passed through stays FP32 as it is, with no Cast.
  const castOutputs = (graph.output ?? []).filter((output) => isFloat(output.type?.tensorType?.elemType) && !graphInputNames.has(output.name ?? ''));
  for (const output of castOutputs) {
    const name = output.name ?? '';
    const half = fresh(`${name}_float16`);
    renamed.set(name, half);
    outputCasts.push(castTo(half, name, DataType.FLOAT));
  }
  const rename = (name: string) => renamed.get(name) ?? name;

  const nodes = (graph.node ?? []).map((node) => ({
    ...node,
    input: (node.input ?? []).map(rename),
    output: (node.output ?? []).map(rename),
    attribute: converter.attributes(node),
  }));
  graph.node = [...inputCasts, ...nodes, ...outputCasts];
  graph.initializer = (graph.initializer ?? []).map((tensor) => converter.tensor(tensor, rename(tensor.name ?? '')));
  const toHalf = <T extends { name?: string | null; type?: { tensorType?: { elemType?: number | null } | null } | null }>(info: T): T =>
    isFloat(info.type?.tensorType?.elemType) ? { ...info, type: { ...info.type, tensorType: { ...info.type!.tensorType, elemType: DataType.FLOAT16 } } } : info;
  graph.input = (graph.input ?? []).map((input) => (initializerNames.has(input.name ?? '') ? toHalf(input) : input));
  graph.valueInfo = (graph.valueInfo ?? []).map((info) => toHalf({ ...info, name: rename(info.name ?? '') }));
  model.metadataProps = [
    ...(model.metadataProps ?? []).filter((entry) => entry.key !== conversionMetadataKey),
    { key: conversionMetadataKey, value: 'fp16 weights and activations, fp32 inputs and outputs (keep_io_types)' },
  ];
  return {
    bytes: encodeModel(model),
    tensorsConverted: converter.tensorsConverted,
    valuesClamped: converter.valuesClamped,
    castInputs: castInputs.map((input) => input.name ?? ''),
    castOutputs: castOutputs.map((output) => output.name ?? ''),
  };
}
