// The first half of dynamic quantization: decode a model, refuse what cannot be quantized (with a
// message that says why), and list the MatMul/Gemm/Conv nodes whose weights are FP32 initializers.

import { quantizeAlreadyQuantized, quantizeNothing, quantizeNotOnnx, quantizeOpsetTooOld, quantizeOpsetUpgradeBlocked, quantizeWeightExternal, quantizeWeightNotFloat } from '../common/errors.ts';
import { nameAllocator } from './graphNames.ts';
import { defaultOpset, minimumUpgradeOpset, upgradeOpset } from './opsetUpgrade.ts';
import { DataType, dataTypeName, onnx, tensorDims, toNumber, type GraphProto, type ModelProto, type NodeProto, type TensorProto } from './onnxProto.ts';

/** Ops that only appear in models that are already quantized. */
const quantizedOps = new Set([
  'DynamicQuantizeLinear',
  'QuantizeLinear',
  'DequantizeLinear',
  'MatMulInteger',
  'ConvInteger',
  'QLinearMatMul',
  'QLinearConv',
  'MatMulIntegerToFloat',
  'DynamicQuantizeMatMul',
  'QGemm',
]);

/** DynamicQuantizeLinear, the op that quantizes activations at run time, exists since opset 11. */
const minimumOpset = 11;

/** A MatMul or Gemm node to rewrite, with what the rewrite needs to know about it. */
export interface MatMulTarget {
  readonly node: NodeProto;
  readonly opType: 'MatMul' | 'Gemm';
  /** Its weight (second input), an FP32 initializer of rank 2. */
  readonly weight: TensorProto;
  /** Gemm only: the weight is stored transposed (`[N, K]`). */
  readonly transB: boolean;
  /** Gemm only: `Y = alpha · A·B + beta · C`. */
  readonly alpha: number;
  readonly beta: number;
  /** Gemm only: name of the bias input C, if any. */
  readonly bias: string | undefined;
}

/** A Conv node to rewrite into ConvInteger: its weight `[M, C/group, k…]` gets one scale per output channel. */
export interface ConvTarget {
  readonly node: NodeProto;
  readonly opType: 'Conv';
  /** Its weight (second input), an FP32 initializer of rank ≥ 3. */
  readonly weight: TensorProto;
  /** Its bias (third input), an FP32 initializer of shape `[M]`, if any. */
  readonly bias: TensorProto | undefined;
}

/** A node whose constant weight the quantizer rewrites. */
export type QuantizationTarget = MatMulTarget | ConvTarget;

/** A decoded model and the nodes of its main graph that can be quantized. */
export interface QuantizationPlan {
  readonly model: ModelProto;
  readonly graph: GraphProto;
  readonly targets: readonly QuantizationTarget[];
  /** The default-domain opset the model had, before an upgrade to 11 if it was older. */
  readonly originalOpset: number;
}

function attribute(node: NodeProto, name: string) {
  return (node.attribute ?? []).find((candidate) => candidate.name === name);
}

/** An INT attribute's value, or `fallback` when the node does not set it. */
export function intAttribute(node: NodeProto, name: string, fallback: number): number {
  const found = attribute(node, name);
  return found === undefined ? fallback : toNumber(found.i);
}

/** A FLOAT attribute's value, or `fallback` when the node does not set it. */
export function floatAttribute(node: NodeProto, name: string, fallback: number): number {
  const found = attribute(node, name);
  return found === undefined ? fallback : (found.f ?? 0);
}

function decodeModel(modelBytes: Uint8Array, source: string): { model: ModelProto; graph: GraphProto } {
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(modelBytes);
  } catch (error) {
    throw quantizeNotOnnx(source, (error as Error).message);
  }
  const graph = model.graph;
  if (graph === null || graph === undefined || (graph.node ?? []).length === 0 || toNumber(model.irVersion) <= 0) {
    throw quantizeNotOnnx(source);
  }
  return { model, graph };
}

/**
 * Raises an opset 9 or 10 model to 11, as ONNX's version converter would, when every op in it allows;
 * refuses, naming the op, when one does not. Returns the opset the model had.
 */
function upgradeToMinimumOpset(model: ModelProto, graph: GraphProto, source: string): number {
  const version = defaultOpset(model);
  if (version >= minimumOpset) return version;
  if (version < minimumUpgradeOpset) {
    throw quantizeOpsetTooOld(source, version, minimumOpset, minimumUpgradeOpset);
  }
  const upgrade = upgradeOpset(model, minimumOpset, nameAllocator(graph));
  if (!upgrade.upgraded) {
    const node = upgrade.blocker;
    throw quantizeOpsetUpgradeBlocked(source, version, minimumOpset, String(node.name || node.output?.[0]), String(node.opType), upgrade.atOpset);
  }
  return version;
}

/**
 * Before IR 4 every initializer is also listed as a graph input, and is a constant (the ONNX IR spec);
 * from IR 4 on an initializer listed as an input is a default that a client may override, which we
 * must not quantize. An IR 3 model's initializers are taken out of its inputs and the model said to be
 * IR 4, the first version where that is how constants are written: the same model, read the same way.
 */
function detachInitializerInputs(model: ModelProto, graph: GraphProto): void {
  if (toNumber(model.irVersion) >= 4) return;
  const initializerNames = new Set((graph.initializer ?? []).map((tensor) => tensor.name ?? ''));
  graph.input = (graph.input ?? []).filter((input) => !initializerNames.has(input.name ?? ''));
  model.irVersion = 4;
}

/** A Conv whose bias is computed at run time stays FP32: ORT's kernels add it before the rescale, we only fold constants. */
function convTarget(node: NodeProto, weight: TensorProto, initializers: Map<string, TensorProto>, graphInputs: Set<string>): ConvTarget | undefined {
  if (tensorDims(weight).length < 3) return undefined;
  const biasName = node.input?.[2] ?? '';
  if (biasName === '') return { node, opType: 'Conv', weight, bias: undefined };
  const bias = initializers.get(biasName);
  if (bias === undefined || graphInputs.has(biasName) || bias.dataType !== DataType.FLOAT) return undefined;
  return { node, opType: 'Conv', weight, bias };
}

function targetFor(node: NodeProto, initializers: Map<string, TensorProto>, graphInputs: Set<string>, source: string): QuantizationTarget | undefined {
  const opType = node.opType;
  if ((opType !== 'MatMul' && opType !== 'Gemm' && opType !== 'Conv') || !['', 'ai.onnx'].includes(node.domain ?? '')) return undefined;
  const weightName = node.input?.[1] ?? '';
  const weight = initializers.get(weightName);
  // A weight that is also a graph input can be overridden at run time: it is not a constant.
  if (weight === undefined || graphInputs.has(weightName)) return undefined;
  const label = node.name || node.output?.[0] || opType;
  if (weight.dataType !== DataType.FLOAT) {
    throw quantizeWeightNotFloat(source, weightName, opType, label, dataTypeName(weight.dataType));
  }
  if (weight.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
    throw quantizeWeightExternal(source, weightName, opType, label);
  }
  if (opType === 'Conv') return convTarget(node, weight, initializers, graphInputs);
  if (tensorDims(weight).length !== 2) return undefined;
  if (opType === 'MatMul') return { node, opType, weight, transB: false, alpha: 1, beta: 1, bias: undefined };
  if (intAttribute(node, 'transA', 0) !== 0) return undefined;
  const bias = node.input?.[2];
  return {
    node,
    opType,
    weight,
    transB: intAttribute(node, 'transB', 0) !== 0,
    alpha: floatAttribute(node, 'alpha', 1),
    beta: floatAttribute(node, 'beta', 1),
    bias: bias === undefined || bias === '' ? undefined : bias,
  };
}

/**
 * Decodes `modelBytes` and finds the MatMul and Gemm nodes whose weight is a constant FP32 matrix,
 * and the Conv nodes whose weight (and bias, if any) are constant FP32 tensors.
 * Other nodes (including MatMul/Gemm with run-time weights, batched weights or Gemm transA=1) are
 * left as they are. Throws E_CANNOT_QUANTIZE naming `source` when the bytes are not an ONNX model,
 * the model is already quantized, its opset is older than 11 and cannot be upgraded (see
 * `upgradeOpset`), a weight is not FP32, or nothing is left to quantize. An opset 9 or 10 model that
 * can be upgraded is upgraded in the returned model.
 */
export function planQuantization(modelBytes: Uint8Array, source: string): QuantizationPlan {
  const { model, graph } = decodeModel(modelBytes, source);
  const nodes = graph.node ?? [];
  const quantized = nodes.find((node) => quantizedOps.has(node.opType ?? ''));
  if (quantized !== undefined) {
    throw quantizeAlreadyQuantized(source, String(quantized.name || quantized.output?.[0]), String(quantized.opType));
  }
  const originalOpset = upgradeToMinimumOpset(model, graph, source);
  detachInitializerInputs(model, graph);
  const initializers = new Map((graph.initializer ?? []).map((tensor) => [tensor.name ?? '', tensor]));
  const graphInputs = new Set((graph.input ?? []).map((input) => input.name ?? ''));
  const targets = nodes.flatMap((node) => targetFor(node, initializers, graphInputs, source) ?? []);
  if (targets.length === 0) {
    throw quantizeNothing(source);
  }
  return { model, graph, targets, originalOpset };
}
