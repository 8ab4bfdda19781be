import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-node';
import { isInfercapError } from '../../common/errors.ts';
import { createRng } from '../../common/prng.ts';
import { maxAbsDifference } from '../../models/classificationMetrics.ts';
import { convertToFloat16 } from '../../models/float16Conversion.ts';
import { DataType, float32Tensor, onnx, tensorDims, toNumber } from '../../models/onnxProto.ts';
import { quantizeModel } from '../../models/quantizeModel.ts';
import { fromFloat16Bits, toFloat16Bits } from '../../reference-server/tensors/float16.ts';
import { convNetModel, gemmModel, modelOf, type ConvSpec, type GemmSpec } from './tinyOnnxModels.ts';

const rng = createRng(23);
const normals = (n: number, scale = 1) => Float32Array.from({ length: n }, () => rng.normal() * scale);

const first: ConvSpec = { c: 3, m: 8, k: 3, pad: 1, stride: 1, weights: normals(8 * 27, 0.3), bias: normals(8) };
const second: ConvSpec = { c: 8, m: 6, k: 3, pad: 1, stride: 2, weights: normals(6 * 72, 0.2), bias: normals(6) };
const head: GemmSpec = { k: 6, n: 5, weights: normals(30), transB: true, alpha: 1, beta: 1, bias: normals(5) };
const fp32 = convNetModel(first, second, head);

/** Runs `bytes` in ONNX Runtime on float32 `X`; returns Y, and the session's input and output element types. */
async function run(bytes: Uint8Array, x: Float32Array, dims: number[]) {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const output = await session.run({ X: new ort.Tensor('float32', x, dims) });
    const y = output[session.outputNames[0]!]!;
    return { y: y.data as Float32Array, type: y.type };
  } finally {
    await session.release();
  }
}

function assertRefuses(bytes: Uint8Array, pattern: RegExp): void {
  assert.throws(
    () => convertToFloat16(bytes, 'in.onnx'),
    (error) => isInfercapError(error) && error.code === 'E_CANNOT_CONVERT' && error.message.startsWith('cannot convert in.onnx to FP16: ') && pattern.test(error.message),
  );
}

describe('convertToFloat16 on a CNN with dynamic height and width', () => {
  const report = convertToFloat16(fp32);
  const graph = onnx.ModelProto.decode(report.bytes).graph!;

  it('keeps the graph inputs and outputs FP32, with a Cast at each edge', () => {
    const before = onnx.ModelProto.decode(fp32).graph!;
    assert.deepEqual(graph.input, before.input);
    assert.deepEqual(graph.output, before.output);
    assert.deepEqual(report.castInputs, ['X']);
    assert.deepEqual(report.castOutputs, ['Y']);
    const [firstNode, lastNode] = [graph.node![0]!, graph.node!.at(-1)!];
    assert.deepEqual([firstNode.opType, firstNode.input, firstNode.output, toNumber(firstNode.attribute![0]!.i)], ['Cast', ['X'], ['X_float16'], DataType.FLOAT16]);
    assert.deepEqual([lastNode.opType, lastNode.input, lastNode.output, toNumber(lastNode.attribute![0]!.i)], ['Cast', ['Y_float16'], ['Y'], DataType.FLOAT]);
    assert.deepEqual(graph.node![1]!.input, ['X_float16', 'W1', 'B1']);
  });

  it('stores every weight as FLOAT16, rounded to nearest', () => {
    assert.equal(report.tensorsConverted, 6);
    for (const tensor of graph.initializer!) assert.equal(tensor.dataType, DataType.FLOAT16, tensor.name!);
    const w1 = graph.initializer!.find((tensor) => tensor.name === 'W1')!;
    assert.deepEqual(tensorDims(w1), [8, 3, 3, 3]);
    const bits = new DataView(w1.rawData!.buffer, w1.rawData!.byteOffset, w1.rawData!.byteLength);
    for (let i = 0; i < first.weights.length; i++) assert.equal(bits.getUint16(i * 2, true), toFloat16Bits(first.weights[i]!));
  });

  for (const [height, width] of [[8, 8], [13, 9]] as const) {
    it(`runs on ${height}x${width} FP32 inputs and returns FP32 within 0.2 % of the outputs' range`, async () => {
      const dims = [2, 3, height, width];
      const x = normals(2 * 3 * height * width);
      const expected = await run(fp32, x, dims);
      const half = await run(report.bytes, x, dims);
      assert.equal(half.type, 'float32');
      // FP16 keeps 11 significant bits: each weight, input and activation is off by ≤ 2⁻¹¹ relative
      // (0.05 %); sums of 27–72 products with random signs keep the error in that order. 0.2 % is four
      // such steps (measured: 0.013 %), while a wrong cast or type (bits read at the other width) is off
      // by whole units.
      const range = Math.max(...expected.y) - Math.min(...expected.y);
      assert.ok(maxAbsDifference(half.y, expected.y) <= 0.002 * range, `max diff ${maxAbsDifference(half.y, expected.y)}, range ${range}`);
    });
  }
});

describe('convertToFloat16 on constants and casts', () => {
  it('turns Constant values, Cast to FLOAT and value_float into FLOAT16, and computes in FP16', async () => {
    const model = modelOf(
      [
        { name: 'k', opType: 'Constant', output: ['k'], attribute: [{ name: 'value_float', type: 1, f: 0.1 }] },
        { name: 'scaled', opType: 'Mul', input: ['X', 'k'], output: ['s'] },
        { name: 'toInt', opType: 'Cast', input: ['s'], output: ['i'], attribute: [{ name: 'to', type: 2, i: DataType.INT32 }] },
        { name: 'back', opType: 'Cast', input: ['i'], output: ['Y'], attribute: [{ name: 'to', type: 2, i: DataType.FLOAT }] },
      ],
      [],
      { X: [1, 4] },
      { Y: [1, 4] },
    );
    const report = convertToFloat16(model);
    const nodes = onnx.ModelProto.decode(report.bytes).graph!.node!;
    assert.deepEqual(nodes.map((node) => node.opType), ['Cast', 'Constant', 'Mul', 'Cast', 'Cast', 'Cast']);
    assert.equal(nodes[1]!.attribute![0]!.name, 'value');
    assert.equal(nodes[1]!.attribute![0]!.t!.dataType, DataType.FLOAT16);
    assert.equal(toNumber(nodes[3]!.attribute![0]!.i), DataType.INT32);
    assert.equal(toNumber(nodes[4]!.attribute![0]!.i), DataType.FLOAT16);
    const x = Float32Array.of(100, 250, 1000, -30);
    const { y } = await run(report.bytes, x, [1, 4]);
    // 0.1 in FP16 is 0.0999755859375, so X · k falls just short of 10, 25, 100 and -3 and truncates to
    // 9, 24, 99, -2 (FP32's 0.1 would give 10, 25, 100, -3). ONNX Runtime's CPU provider computes the
    // FP16 Mul in FP32 between casts it inserts, so the product itself is not rounded to FP16.
    const k = fromFloat16Bits(toFloat16Bits(0.1));
    assert.deepEqual(Array.from(y), Array.from(x, (value) => Math.trunc(Math.fround(value * k))));
    assert.deepEqual(Array.from(y), [9, 24, 99, -2]);
  });

  it('clamps weights beyond FP16 range to ±65504 and tiny ones to ±2⁻²⁴, keeping their sign', () => {
    const report = convertToFloat16(gemmModel({ k: 2, n: 2, weights: Float32Array.of(1e6, -1e6, 1e-9, -1e-9), transB: false, alpha: 1, beta: 1 }));
    const weight = onnx.ModelProto.decode(report.bytes).graph!.initializer![0]!;
    const view = new DataView(weight.rawData!.buffer, weight.rawData!.byteOffset, 8);
    assert.deepEqual([0, 1, 2, 3].map((i) => fromFloat16Bits(view.getUint16(i * 2, true))), [65504, -65504, 2 ** -24, -(2 ** -24)]);
    assert.equal(report.valuesClamped, 4);
  });
});

describe('convertToFloat16 refusals', () => {
  it('refuses an op ONNX Runtime cannot run in FP16, naming it', () => {
    const topk = modelOf(
      [{ name: 'best', opType: 'TopK', input: ['X', 'k'], output: ['Y', 'I'] }],
      [{ name: 'k', dims: [1], dataType: DataType.INT64, int64Data: [1] }],
      { X: [1, 4] },
      { Y: [1, 1] },
    );
    assertRefuses(topk, /node "best" is TopK, which ONNX Runtime cannot run in FP16/);
  });

  it('refuses a quantized model and an op of another domain', () => {
    assertRefuses(quantizeModel(fp32), /it is quantized \(node "conv1_quantize_input" is DynamicQuantizeLinear\)/);
    const custom = modelOf([{ name: 'mine', opType: 'Gelu', domain: 'com.microsoft', input: ['X'], output: ['Y'] }], [], { X: [2] }, { Y: [2] });
    assertRefuses(custom, /node "mine" is Gelu of domain com.microsoft/);
  });

  it('refuses bytes that are not a model, and a model with nothing in FP32', () => {
    assertRefuses(new TextEncoder().encode('not a model'), /not an ONNX model/);
    const int64Only = modelOf([{ opType: 'Identity', input: ['k'], output: ['Y'] }], [{ name: 'k', dims: [1], dataType: DataType.INT64, int64Data: [1] }], {}, { Y: [1] });
    assertRefuses(int64Only, /no FP32 initializer or input/);
  });

  it('converts float_data initializers as well as raw_data ones', () => {
    const model = modelOf(
      [{ name: 'add', opType: 'Add', input: ['X', 'b'], output: ['Y'] }],
      [{ name: 'b', dims: [2], dataType: DataType.FLOAT, floatData: [0.5, -2] }, float32Tensor('unused', [1], Float32Array.of(3))],
      { X: [2] },
      { Y: [2] },
    );
    const tensors = onnx.ModelProto.decode(convertToFloat16(model).bytes).graph!.initializer!;
    assert.deepEqual(tensors.map((tensor) => [tensor.name, tensor.dataType, tensor.rawData!.length]), [['b', DataType.FLOAT16, 4], ['unused', DataType.FLOAT16, 2]]);
  });
});
