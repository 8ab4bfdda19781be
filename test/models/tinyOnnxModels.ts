// Small hand-built ONNX models for the quantizer tests (not a test file itself).

import {
  encodeModel,
  float32Tensor,
  float32ValueInfo,
  type NodeProto,
  type TensorProto,
} from '../../models/onnxProto.ts';

/** A model around `nodes`, with FLOAT inputs and outputs of the given shapes. */
export function modelOf(
  nodes: NodeProto[],
  initializers: TensorProto[],
  inputs: Record<string, (number | string)[]>,
  outputs: Record<string, (number | string)[]>,
  opset = 17,
): Uint8Array {
  return encodeModel({
    irVersion: 8,
    opsetImport: [{ domain: '', version: opset }],
    producerName: 'infercap-test',
    graph: {
      name: 'tiny',
      node: nodes,
      initializer: initializers,
      input: Object.entries(inputs).map(([name, dims]) => float32ValueInfo(name, dims)),
      output: Object.entries(outputs).map(([name, dims]) => float32ValueInfo(name, dims)),
    },
  });
}

/** What the Gemm test model computes: `Y = alpha · X · op(B) + beta · C`, B stored `[N, K]` when transB. */
export interface GemmSpec {
  readonly k: number;
  readonly n: number;
  readonly weights: Float32Array;
  readonly transB: boolean;
  readonly alpha: number;
  readonly beta: number;
  readonly bias?: Float32Array;
}

/** `X [batch, k]` → Gemm → `Y [batch, n]`. */
export function gemmModel(spec: GemmSpec): Uint8Array {
  const attributes = [
    { name: 'alpha', type: 1, f: spec.alpha },
    { name: 'beta', type: 1, f: spec.beta },
    { name: 'transB', type: 2, i: spec.transB ? 1 : 0 },
  ];
  const initializers = [float32Tensor('B', spec.transB ? [spec.n, spec.k] : [spec.k, spec.n], spec.weights)];
  if (spec.bias !== undefined) initializers.push(float32Tensor('C', [spec.n], spec.bias));
  const inputs = spec.bias === undefined ? ['X', 'B'] : ['X', 'B', 'C'];
  return modelOf([{ name: 'gemm', opType: 'Gemm', input: inputs, output: ['Y'], attribute: attributes }], initializers, { X: ['batch', spec.k] }, { Y: ['batch', spec.n] });
}

/** `X [batch, 3]` → MatMul(W) → Relu → MatMul(same W, as 3x3) → Z, plus a MatMul by the run-time input `R`. */
export function sharedWeightModel(weights: Float32Array): Uint8Array {
  return modelOf(
    [
      { name: 'first', opType: 'MatMul', input: ['X', 'W'], output: ['h'] },
      { name: 'relu', opType: 'Relu', input: ['h'], output: ['r'] },
      { name: 'second', opType: 'MatMul', input: ['r', 'W'], output: ['z'] },
      { name: 'dynamic', opType: 'MatMul', input: ['z', 'R'], output: ['Z'] },
    ],
    [float32Tensor('W', [3, 3], weights)],
    { X: ['batch', 3], R: [3, 3] },
    { Z: ['batch', 3] },
  );
}

/** A Conv node's geometry: weight `[m, c, k, k]`, square padding and stride. */
export interface ConvSpec {
  readonly c: number;
  readonly m: number;
  readonly k: number;
  readonly pad: number;
  readonly stride: number;
  readonly weights: Float32Array;
  readonly bias?: Float32Array;
}

function convNode(name: string, input: string, weight: string, bias: string | undefined, output: string, spec: ConvSpec): NodeProto {
  return {
    name,
    opType: 'Conv',
    input: bias === undefined ? [input, weight] : [input, weight, bias],
    output: [output],
    attribute: [
      { name: 'kernel_shape', type: 7, ints: [spec.k, spec.k] },
      { name: 'pads', type: 7, ints: [spec.pad, spec.pad, spec.pad, spec.pad] },
      { name: 'strides', type: 7, ints: [spec.stride, spec.stride] },
    ],
  };
}

function convInitializers(weight: string, bias: string, spec: ConvSpec): TensorProto[] {
  const tensors = [float32Tensor(weight, [spec.m, spec.c, spec.k, spec.k], spec.weights)];
  if (spec.bias !== undefined) tensors.push(float32Tensor(bias, [spec.m], spec.bias));
  return tensors;
}

/** `X [batch, c, height, width]` → one Conv → `Y [batch, m, …]`, with dynamic height and width. */
export function convModel(spec: ConvSpec, opset = 17): Uint8Array {
  return modelOf(
    [convNode('conv', 'X', 'W', spec.bias === undefined ? undefined : 'B', 'Y', spec)],
    convInitializers('W', 'B', spec),
    { X: ['batch', spec.c, 'height', 'width'] },
    { Y: ['batch', spec.m, 'out_height', 'out_width'] },
    opset,
  );
}

/**
 * A small CNN with dynamic height and width: Conv(first) → Relu → Conv(second, stride 2) → Relu →
 * GlobalAveragePool → Flatten → Gemm(head, transB) → `Y [batch, classes]`.
 */
export function convNetModel(first: ConvSpec, second: ConvSpec, head: GemmSpec, opset = 17): Uint8Array {
  return modelOf(
    [
      convNode('conv1', 'X', 'W1', first.bias === undefined ? undefined : 'B1', 'c1', first),
      { name: 'relu1', opType: 'Relu', input: ['c1'], output: ['r1'] },
      convNode('conv2', 'r1', 'W2', second.bias === undefined ? undefined : 'B2', 'c2', second),
      { name: 'relu2', opType: 'Relu', input: ['c2'], output: ['r2'] },
      { name: 'pool', opType: 'GlobalAveragePool', input: ['r2'], output: ['p'] },
      { name: 'flatten', opType: 'Flatten', input: ['p'], output: ['f'] },
      {
        name: 'head',
        opType: 'Gemm',
        input: head.bias === undefined ? ['f', 'H'] : ['f', 'H', 'HB'],
        output: ['Y'],
        attribute: [{ name: 'transB', type: 2, i: head.transB ? 1 : 0 }],
      },
    ],
    [
      ...convInitializers('W1', 'B1', first),
      ...convInitializers('W2', 'B2', second),
      float32Tensor('H', head.transB ? [head.n, head.k] : [head.k, head.n], head.weights),
      ...(head.bias === undefined ? [] : [float32Tensor('HB', [head.n], head.bias)]),
    ],
    { X: ['batch', first.c, 'height', 'width'] },
    { Y: ['batch', head.n] },
    opset,
  );
}
