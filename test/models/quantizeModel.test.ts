import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-node';
import { accuracyOf, argmaxAgreement, maxAbsDifference } from '../../models/classificationMetrics.ts';
import { ensureModels } from '../../models/ensureModels.ts';
import { loadMnistTestSplit } from '../../models/mnistDigits.ts';
import { defaultModelsDir, modelFilePath } from '../../models/modelsLayout.ts';
import { DataType, float32Tensor, onnx, tensorDims } from '../../models/onnxProto.ts';
import { runOnnxModel } from '../../models/onnxRuntimeRunner.ts';
import { createRng } from '../../common/prng.ts';
import { quantizeModel, quantizeModelWithReport } from '../../models/quantizeModel.ts';
import { quantizeWeightsInt8, roundHalfToEven, transpose, type QuantizationGranularity } from '../../models/weightQuantization.ts';
import { gemmModel, modelOf, sharedWeightModel, type GemmSpec } from './tinyOnnxModels.ts';

async function run(bytes: Uint8Array, feeds: Record<string, Float32Array | [Float32Array, number[]]>, level: 'all' | 'disabled' = 'all') {
  const session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: level });
  try {
    const tensors = Object.fromEntries(
      Object.entries(feeds).map(([name, value]) => [name, Array.isArray(value) ? new ort.Tensor('float32', value[0], value[1]) : new ort.Tensor('float32', value, [value.length / 5, 5])]),
    );
    const output = await session.run(tensors);
    return output[session.outputNames[0]!]!.data as Float32Array;
  } finally {
    await session.release();
  }
}

/** What DynamicQuantizeLinear → MatMulInteger → scale → bias computes, written out in TypeScript. */
function quantizedGemmReference(x: Float32Array, rows: number, spec: GemmSpec, granularity: QuantizationGranularity): Float32Array {
  let min = 0;
  let max = 0;
  for (const value of x) [min, max] = [Math.min(min, value), Math.max(max, value)];
  const scale = Math.fround((max - min) / 255);
  const zeroPoint = Math.min(255, Math.max(0, roundHalfToEven(Math.fround(-min / scale))));
  const xq = x.map((value) => Math.min(255, Math.max(0, roundHalfToEven(Math.fround(value / scale)) + zeroPoint)));
  const weights = spec.transB ? transpose(spec.weights, spec.n, spec.k) : spec.weights;
  const { values, scales } = quantizeWeightsInt8(weights, spec.k, spec.n, granularity);
  const result = new Float32Array(rows * spec.n);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < spec.n; j++) {
      let sum = 0;
      for (let k = 0; k < spec.k; k++) sum += (xq[r * spec.k + k]! - zeroPoint) * values[k * spec.n + j]!;
      const bias = spec.bias === undefined ? 0 : spec.beta * spec.bias[j]!;
      result[r * spec.n + j] = sum * scale * scales[granularity === 'per-column' ? j : 0]! * spec.alpha + bias;
    }
  }
  return result;
}

const rng = createRng(17);
const normals = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
const x = normals(4 * 5);
const transposedGemm: GemmSpec = { k: 5, n: 3, weights: normals(15), transB: true, alpha: 0.5, beta: 2, bias: normals(3) };

describe('quantizeModel on a Gemm with transB=1, alpha, beta and a bias', () => {
  for (const granularity of ['per-tensor', 'per-column'] as const) {
    it(`computes exactly the dynamic-quantization arithmetic (${granularity})`, async () => {
      const quantized = quantizeModel(gemmModel(transposedGemm), { granularity });
      const output = await run(quantized, { X: x });
      assert.ok(maxAbsDifference(output, quantizedGemmReference(x, 4, transposedGemm, granularity)) < 1e-5);
      const fp32 = await run(gemmModel(transposedGemm), { X: x });
      assert.ok(maxAbsDifference(output, fp32) < 0.05, `differs from fp32 by ${maxAbsDifference(output, fp32)}`);
    });
  }

  it('rewrites the node into DynamicQuantizeLinear, MatMulInteger, Cast, Mul, Mul, Add and keeps the graph interface', () => {
    const before = onnx.ModelProto.decode(gemmModel(transposedGemm)).graph!;
    const after = onnx.ModelProto.decode(quantizeModel(gemmModel(transposedGemm))).graph!;
    assert.deepEqual(after.node!.map((node) => node.opType), ['DynamicQuantizeLinear', 'MatMulInteger', 'Cast', 'Mul', 'Mul', 'Add']);
    assert.deepEqual(after.node!.at(-1)!.output, ['Y']);
    assert.deepEqual(after.input, before.input);
    assert.deepEqual(after.output, before.output);
    const initializers = Object.fromEntries(after.initializer!.map((tensor) => [tensor.name, [tensor.dataType, tensorDims(tensor)]]));
    assert.deepEqual(initializers, {
      B_quantized: [DataType.INT8, [5, 3]],
      B_scale: [DataType.FLOAT, [3]],
      B_zero_point: [DataType.INT8, [3]],
      C_times_beta: [DataType.FLOAT, [3]],
    });
  });

  it('quantizes a Gemm without bias and without transB', async () => {
    const spec: GemmSpec = { k: 5, n: 2, weights: normals(10), transB: false, alpha: 1, beta: 1 };
    const output = await run(quantizeModel(gemmModel(spec)), { X: x });
    assert.ok(maxAbsDifference(output, quantizedGemmReference(x, 4, spec, 'per-column')) < 1e-5);
  });

  it('is deterministic', () => {
    assert.deepEqual(quantizeModel(gemmModel(transposedGemm)), quantizeModel(gemmModel(transposedGemm)));
  });
});

describe('quantizeModel on a graph with a shared weight and a run-time weight', () => {
  const weights = normals(9);
  const fp32 = sharedWeightModel(weights);
  const report = quantizeModelWithReport(fp32);
  const graph = onnx.ModelProto.decode(report.bytes).graph!;

  it('quantizes each constant weight once and leaves other nodes as they were', () => {
    assert.deepEqual(report.quantizedNodes, ['first', 'second']);
    assert.deepEqual(graph.initializer!.map((tensor) => tensor.name), ['W_quantized', 'W_scale', 'W_zero_point']);
    const kept = graph.node!.filter((node) => node.opType === 'Relu' || node.opType === 'MatMul');
    assert.deepEqual(kept.map((node) => [node.name, node.input, node.output]), [
      ['relu', ['h'], ['r']],
      ['dynamic', ['z', 'R'], ['Z']],
    ]);
  });

  it('runs in onnxruntime-node close to the fp32 model, fused or not', async () => {
    const feeds = { X: [x.slice(0, 12), [4, 3]] as [Float32Array, number[]], R: [normals(9), [3, 3]] as [Float32Array, number[]] };
    const expected = await run(fp32, feeds);
    const fused = await run(report.bytes, feeds, 'all');
    const unfused = await run(report.bytes, feeds, 'disabled');
    assert.ok(maxAbsDifference(fused, expected) < 0.1, `max diff ${maxAbsDifference(fused, expected)}`);
    assert.ok(maxAbsDifference(fused, unfused) < 1e-5);
  });
});

describe('quantizeModel naming', () => {
  it('never reuses a name the graph already has', async () => {
    // The MatMul's output is called "W_quantized", the name the quantized weight would get.
    const fp32 = modelOf(
      [
        { name: 'mm', opType: 'MatMul', input: ['X', 'W'], output: ['W_quantized'] },
        { name: 'relu', opType: 'Relu', input: ['W_quantized'], output: ['Y'] },
      ],
      [float32Tensor('W', [5, 2], normals(10))],
      { X: ['batch', 5] },
      { Y: ['batch', 2] },
    );
    const quantized = quantizeModel(fp32);
    const graph = onnx.ModelProto.decode(quantized).graph!;
    assert.deepEqual(graph.initializer!.map((tensor) => tensor.name), ['W_quantized_1', 'W_scale', 'W_zero_point']);
    assert.ok(maxAbsDifference(await run(quantized, { X: x }), await run(fp32, { X: x })) < 0.05);
  });
});

describe('quantizeModel on the built MNIST models', () => {
  const test = loadMnistTestSplit();
  for (const name of ['mnist-mlp', 'mnist-wide']) {
    it(`keeps ${name} within 1 point of fp32 accuracy, agreeing on ≥ 99 % of the test digits, in a quarter of the bytes`, async () => {
      await ensureModels(defaultModelsDir);
      const fp32 = new Uint8Array(await readFile(modelFilePath(defaultModelsDir, name, 'fp32')));
      const int8 = quantizeModel(fp32);
      const fp32Probabilities = await runOnnxModel(fp32, test.rows, test.count);
      const int8Probabilities = await runOnnxModel(int8, test.rows, test.count);
      const fp32Accuracy = accuracyOf(fp32Probabilities, test.labels, 10);
      const int8Accuracy = accuracyOf(int8Probabilities, test.labels, 10);
      assert.ok(Math.abs(fp32Accuracy - int8Accuracy) <= 0.01, `fp32 ${fp32Accuracy}, int8 ${int8Accuracy}`);
      assert.ok(argmaxAgreement(fp32Probabilities, int8Probabilities, test.count, 10) >= 0.99);
      assert.ok(maxAbsDifference(fp32Probabilities, int8Probabilities) < 0.1);
      assert.ok(int8.length < fp32.length / 3.5, `${int8.length} bytes vs ${fp32.length}`);
    });
  }
});
