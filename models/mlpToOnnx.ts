// Exports an Mlp as an ONNX model: MatMul + Add per layer, Relu between layers, Softmax at the end,
// with the weights as FP32 initializers. No timestamps or host details: same weights, same bytes.

import type { Mlp } from './mlp.ts';
import { encodeModel, float32Tensor, float32ValueInfo, type NodeProto, type TensorProto } from './onnxProto.ts';

/** ONNX opset of the exported models (ONNX 1.12; ORT 1.30 supports it fully). */
export const exportOpset = 17;
/** IR version matching opset 17. */
export const exportIrVersion = 8;
/** Name of the graph input: FP32 `[batch, features]`. */
export const inputName = 'input';
/** Name of the graph output: FP32 `[batch, classes]` probabilities. */
export const outputName = 'probabilities';
/** The symbolic (dynamic) batch dimension of input and output. */
export const batchDimension = 'batch';

/** What to write besides the weights. */
export interface OnnxExportOptions {
  /** Graph name, e.g. "mnist-mlp". */
  readonly graphName: string;
  /** One-line description stored as the model's doc_string. */
  readonly description: string;
  /**
   * What follows the last layer: `softmax` (the classifiers) or `relu` (the hidden features of a network
   * cut before its readout, which mnist-wide computes with ONNX Runtime to train that readout).
   */
  readonly finalActivation?: 'softmax' | 'relu';
}

/** The ONNX bytes of `mlp`: input `input` FP32 [batch, in], output `probabilities` FP32 [batch, classes] (or features). */
export function mlpToOnnx(mlp: Mlp, options: OnnxExportOptions): Uint8Array {
  const nodes: NodeProto[] = [];
  const initializers: TensorProto[] = [];
  let current = inputName;
  const last = mlp.layers.length - 1;
  mlp.layers.forEach((layer, index) => {
    const prefix = `layer${index + 1}`;
    const weight = `${prefix}.weight`;
    const bias = `${prefix}.bias`;
    initializers.push(float32Tensor(weight, [layer.inputs, layer.outputs], layer.weights));
    initializers.push(float32Tensor(bias, [layer.outputs], layer.bias));
    nodes.push({ name: `${prefix}/MatMul`, opType: 'MatMul', input: [current, weight], output: [`${prefix}/matmul`] });
    const affine = index === last ? 'logits' : `${prefix}/affine`;
    nodes.push({ name: `${prefix}/Add`, opType: 'Add', input: [`${prefix}/matmul`, bias], output: [affine] });
    if (index < last) {
      nodes.push({ name: `${prefix}/Relu`, opType: 'Relu', input: [affine], output: [`${prefix}/relu`] });
      current = `${prefix}/relu`;
    } else current = affine;
  });
  const first = mlp.layers[0];
  const final = mlp.layers[last];
  if (first === undefined || final === undefined) throw new RangeError('cannot export an MLP without layers');
  if (options.finalActivation === 'relu') {
    nodes.push({ name: 'Relu', opType: 'Relu', input: [current], output: [outputName] });
  } else {
    nodes.push({
      name: 'Softmax',
      opType: 'Softmax',
      input: [current],
      output: [outputName],
      attribute: [{ name: 'axis', type: 2 /* INT */, i: -1 }],
    });
  }
  return encodeModel({
    irVersion: exportIrVersion,
    opsetImport: [{ domain: '', version: exportOpset }],
    producerName: 'infercap',
    modelVersion: 1,
    docString: options.description,
    graph: {
      name: options.graphName,
      node: nodes,
      initializer: initializers,
      input: [float32ValueInfo(inputName, [batchDimension, first.inputs])],
      output: [float32ValueInfo(outputName, [batchDimension, final.outputs])],
    },
  });
}
