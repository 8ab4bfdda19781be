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
