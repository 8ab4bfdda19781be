// Dynamic int8 quantization of an FP32 ONNX model, as ONNX Runtime's quantize_dynamic does it:
// constant MatMul/Gemm/Conv weights become int8 initializers (symmetric, zero point 0); activations
// are quantized to uint8 at run time. Each MatMul/Gemm node becomes
//   DynamicQuantizeLinear(A) → MatMulInteger(A_q, B_q, A_zp, B_zp) → Cast(float) → Mul(A_scale · B_scale) [→ Add(bias)]
// which ONNX Runtime fuses into a single DynamicQuantizeMatMul kernel; each Conv node becomes
//   DynamicQuantizeLinear(X) → ConvInteger(X_q, W_q, X_zp, W_zp) → Cast(float) → Mul(X_scale · W_scale) [→ Add(bias)]
// with W_scale and the bias shaped [M, 1, …] so they broadcast over the output's channels.

import { DataType, encodeModel, float32Tensor, int8Tensor, readFloat32Tensor, tensorDims, type GraphProto, type NodeProto, type TensorProto } from './onnxProto.ts';
import { nameAllocator } from './graphNames.ts';
import { defaultOpset } from './opsetUpgrade.ts';
import { planQuantization, type ConvTarget, type MatMulTarget, type QuantizationTarget } from './quantizationPlan.ts';
import { quantizeChannelsInt8, quantizeWeightsInt8, transpose, type QuantizationGranularity } from './weightQuantization.ts';

/** How to quantize. */
export interface QuantizeOptions {
  /** One weight scale per tensor or per output column (default: per-column). */
  readonly granularity?: QuantizationGranularity;
  /** 7-bit weights, for x86 CPUs without VNNI where u8·s8 products can saturate (default: false). */
  readonly reduceRange?: boolean;
  /** Names the model in error messages (a path, usually). */
  readonly source?: string;
}

/** The quantized model and what was done to it. */
export interface QuantizeReport {
  readonly bytes: Uint8Array;
  /** Names (or outputs) of the MatMul/Gemm/Conv nodes that were quantized, in graph order. */
  readonly quantizedNodes: readonly string[];
  readonly granularity: QuantizationGranularity;
  readonly reduceRange: boolean;
  /** The default-domain opset before quantization and after (11 when an older model was upgraded). */
  readonly opsetBefore: number;
  readonly opsetAfter: number;
}

/** Metadata key recording how a model was quantized. */
export const quantizationMetadataKey = 'infercap.quantization';

/** Every tensor name read by a node of `graph` or of its subgraphs (If/Loop bodies), and its outputs. */
function namesInUse(graph: GraphProto, into = new Set<string>()): Set<string> {
  for (const node of graph.node ?? []) {
    for (const name of node.input ?? []) into.add(name);
    for (const attr of node.attribute ?? []) {
      if (attr.g) namesInUse(attr.g, into);
      for (const sub of attr.graphs ?? []) namesInUse(sub, into);
    }
  }
  for (const output of graph.output ?? []) into.add(output.name ?? '');
  return into;
}

interface QuantizedWeightNames {
  readonly values: string;
  readonly scale: string;
  readonly zeroPoint: string;
}

/** Rewrites targets node by node, adding the initializers they need. */
class Rewriter {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private readonly weights = new Map<string, QuantizedWeightNames>();
  private readonly fresh: (base: string) => string;

  constructor(
    graph: GraphProto,
    private readonly granularity: QuantizationGranularity,
    private readonly reduceRange: boolean,
  ) {
    this.fresh = nameAllocator(graph);
  }

  /** The int8 weight, its scale (times Gemm's alpha) and zero point, quantized once per variant. */
  private quantizedWeight(target: MatMulTarget): QuantizedWeightNames {
    const name = target.weight.name ?? 'weight';
    const key = `${name}\u0000${target.transB}\u0000${target.alpha}`;
    const cached = this.weights.get(key);
    if (cached !== undefined) return cached;
    const [d0, d1] = tensorDims(target.weight) as [number, number];
    const stored = readFloat32Tensor(target.weight);
    const [rows, cols] = target.transB ? [d1, d0] : [d0, d1];
    const matrix = target.transB ? transpose(stored, d0, d1) : stored;
    const quantized = quantizeWeightsInt8(matrix, rows, cols, this.granularity, this.reduceRange);
    const scaleDims = this.granularity === 'per-tensor' ? [] : [cols];
    const names = { values: this.fresh(`${name}_quantized`), scale: this.fresh(`${name}_scale`), zeroPoint: this.fresh(`${name}_zero_point`) };
    this.initializers.push(
      int8Tensor(names.values, [rows, cols], quantized.values),
      float32Tensor(names.scale, scaleDims, quantized.scales.map((scale) => scale * target.alpha)),
      int8Tensor(names.zeroPoint, scaleDims, new Int8Array(quantized.scales.length)),
    );
    this.weights.set(key, names);
    return names;
  }

  /** The bias to add after the product (beta · C for Gemm), or undefined when there is none. */
  private biasInput(target: MatMulTarget, constant: Map<string, TensorProto>, label: string): string | undefined {
    if (target.bias === undefined || target.beta === 0) return undefined;
    if (target.beta === 1) return target.bias;
    const tensor = constant.get(target.bias);
    if (tensor !== undefined && tensor.dataType === DataType.FLOAT) {
      const name = this.fresh(`${target.bias}_times_beta`);
      this.initializers.push(float32Tensor(name, tensorDims(tensor), readFloat32Tensor(tensor).map((value) => value * target.beta)));
      return name;
    }
    const beta = this.fresh(`${label}_beta`);
    this.initializers.push(float32Tensor(beta, [], Float32Array.of(target.beta)));
    const scaled = this.fresh(`${target.bias}_times_beta`);
    this.nodes.push({ name: this.fresh(`${label}_scale_bias`), opType: 'Mul', input: [target.bias, beta], output: [scaled] });
    return scaled;
  }

  /**
   * The Conv weight quantized per output channel, its scales shaped `[M, 1, …]` and its zero point.
   * The zero point is one scalar 0: symmetric quantization makes every channel's zero point 0, and
   * ONNX Runtime's CPU ConvInteger refuses a per-channel zero-point tensor ("Non per-tensor
   * quantization is not supported now", measured with onnxruntime-node 1.30).
   */
  private quantizedConvWeight(target: ConvTarget): QuantizedWeightNames {
    const name = target.weight.name ?? 'weight';
    const cached = this.weights.get(`${name}\u0000conv`);
    if (cached !== undefined) return cached;
    const dims = tensorDims(target.weight);
    const channels = dims[0]!;
    const quantized = quantizeChannelsInt8(readFloat32Tensor(target.weight), channels, this.granularity, this.reduceRange);
    const scaleDims = this.granularity === 'per-tensor' ? [] : [channels, ...dims.slice(2).map(() => 1)];
    const names = { values: this.fresh(`${name}_quantized`), scale: this.fresh(`${name}_scale`), zeroPoint: this.fresh(`${name}_zero_point`) };
    this.initializers.push(
      int8Tensor(names.values, dims, quantized.values),
      float32Tensor(names.scale, scaleDims, quantized.scales),
      int8Tensor(names.zeroPoint, [], new Int8Array(1)),
    );
    this.weights.set(`${name}\u0000conv`, names);
    return names;
  }

  /** A Conv's bias `[M]` as a constant `[M, 1, …]` that broadcasts over the output's spatial dims. */
  private convBias(target: ConvTarget): string | undefined {
    if (target.bias === undefined) return undefined;
    const spatial = tensorDims(target.weight).length - 2;
    const name = this.fresh(`${target.bias.name ?? 'bias'}_per_channel`);
    this.initializers.push(float32Tensor(name, [tensorDims(target.bias)[0]!, ...Array.from({ length: spatial }, () => 1)], readFloat32Tensor(target.bias)));
    return name;
  }

  /** Appends the quantized replacement of `target`, writing to the node's original output. */
  rewrite(target: QuantizationTarget, constant: Map<string, TensorProto>): string {
    if (target.opType === 'Conv') {
      // ConvInteger takes Conv's attributes (auto_pad, dilations, group, kernel_shape, pads, strides) as they are.
      return this.emitInteger(target.node, 'ConvInteger', this.quantizedConvWeight(target), this.convBias(target), target.node.attribute ?? []);
    }
    const label = target.node.name || (target.node.output?.[0] ?? '');
    return this.emitInteger(target.node, 'MatMulInteger', this.quantizedWeight(target), this.biasInput(target, constant, label), undefined);
  }

  /**
   * DynamicQuantizeLinear on the activation, the integer op on the int8 weight, Cast, then Mul(A_scale,
   * B_scale) and Mul(product, scale) — the pattern ORT fuses into MatMulIntegerToFloat — and Add(bias).
   */
  private emitInteger(
    node: NodeProto,
    opType: 'MatMulInteger' | 'ConvInteger',
    weight: { readonly values: string; readonly zeroPoint: string; readonly scale: string },
    bias: string | undefined,
    attribute: NodeProto['attribute'] | undefined,
  ): string {
    const input = node.input?.[0] ?? '';
    const output = node.output?.[0] ?? '';
    const label = node.name || output;
    const [inputQuantized, inputScale, inputZeroPoint] = ['quantized', 'scale', 'zero_point'].map((suffix) => this.fresh(`${input}_${suffix}`)) as [string, string, string];
    const product = this.fresh(`${output}_int32`);
    const productFloat = this.fresh(`${output}_int32_float`);
    const scale = this.fresh(`${output}_scale`);
    const scaled = bias === undefined ? output : this.fresh(`${output}_unbiased`);
    this.nodes.push(
      { name: this.fresh(`${label}_quantize_input`), opType: 'DynamicQuantizeLinear', input: [input], output: [inputQuantized, inputScale, inputZeroPoint] },
      {
        name: this.fresh(`${label}_${opType}`),
        opType,
        input: [inputQuantized, weight.values, inputZeroPoint, weight.zeroPoint],
        output: [product],
        ...(attribute === undefined ? {} : { attribute }),
      },
      { name: this.fresh(`${label}_cast`), opType: 'Cast', input: [product], output: [productFloat], attribute: [{ name: 'to', type: 2, i: DataType.FLOAT }] },
      { name: this.fresh(`${label}_scale`), opType: 'Mul', input: [inputScale, weight.scale], output: [scale] },
      { name: this.fresh(`${label}_rescale`), opType: 'Mul', input: [productFloat, scale], output: [scaled] },
    );
    if (bias !== undefined) this.nodes.push({ name: this.fresh(`${label}_bias`), opType: 'Add', input: [scaled, bias], output: [output] });
    return label;
  }
}

/**
 * Quantizes the constant weights of the MatMul, Gemm and Conv nodes of an FP32 ONNX model to int8 and
 * returns the new model with a report. Other nodes, the graph's inputs and outputs and their names
 * are unchanged. Throws E_CANNOT_QUANTIZE for models it cannot quantize (see `planQuantization`).
 */
export function quantizeModelWithReport(modelBytes: Uint8Array, options: QuantizeOptions = {}): QuantizeReport {
  const granularity = options.granularity ?? 'per-column';
  const reduceRange = options.reduceRange ?? false;
  const { model, graph, targets, originalOpset } = planQuantization(modelBytes, options.source ?? 'the model');
  const byNode = new Map(targets.map((target) => [target.node, target]));
  const constant = new Map((graph.initializer ?? []).map((tensor) => [tensor.name ?? '', tensor]));
  const rewriter = new Rewriter(graph, granularity, reduceRange);
  const quantizedNodes: string[] = [];
  for (const node of graph.node ?? []) {
    const target = byNode.get(node);
    if (target === undefined) rewriter.nodes.push(node);
    else quantizedNodes.push(rewriter.rewrite(target, constant));
  }
  graph.node = rewriter.nodes;
  const used = namesInUse(graph);
  graph.initializer = [...(graph.initializer ?? []).filter((tensor) => used.has(tensor.name ?? '')), ...rewriter.initializers];
  model.metadataProps = [
    ...(model.metadataProps ?? []).filter((entry) => entry.key !== quantizationMetadataKey),
    { key: quantizationMetadataKey, value: `dynamic: int8 weights (${granularity}${reduceRange ? ', 7-bit' : ''}), uint8 activations` },
  ];
  return { bytes: encodeModel(model), quantizedNodes, granularity, reduceRange, opsetBefore: originalOpset, opsetAfter: defaultOpset(model) };
}

/** The dynamically int8-quantized version of an FP32 ONNX model (see `quantizeModelWithReport`). */
export function quantizeModel(modelBytes: Uint8Array, options: QuantizeOptions = {}): Uint8Array {
  return quantizeModelWithReport(modelBytes, options).bytes;
}
