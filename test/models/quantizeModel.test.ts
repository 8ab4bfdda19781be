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
import { quantizeChannelsInt8, quantizeWeightsInt8, roundHalfToEven, transpose, type QuantizationGranularity } from '../../models/weightQuantization.ts';
import { convModel, convNetModel, gemmModel, modelOf, sharedWeightModel, type ConvSpec, type GemmSpec } from './tinyOnnxModels.ts';

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

/** DynamicQuantizeLinear's uint8 quantization of `x`: its values, scale and zero point (ONNX's definition). */
function dynamicQuantize(x: Float32Array) {
  let min = 0;
  let max = 0;
  for (const value of x) [min, max] = [Math.min(min, value), Math.max(max, value)];
  const scale = Math.fround((max - min) / 255);
  const zeroPoint = Math.min(255, Math.max(0, roundHalfToEven(Math.fround(-min / scale))));
  const values = x.map((value) => Math.min(255, Math.max(0, roundHalfToEven(Math.fround(value / scale)) + zeroPoint)));
  return { values, scale, zeroPoint };
}

/** A 2-D convolution `[n, c, h, w]` ⊛ `[m, c, k, k]` with zero padding, in float64. */
function convolve(x: Float64Array | Float32Array, [n, c, h, w]: readonly [number, number, number, number], weights: ArrayLike<number>, spec: ConvSpec): { y: Float64Array; dims: number[] } {
  const oh = Math.floor((h + 2 * spec.pad - spec.k) / spec.stride) + 1;
  const ow = Math.floor((w + 2 * spec.pad - spec.k) / spec.stride) + 1;
  const y = new Float64Array(n * spec.m * oh * ow);
  for (let b = 0; b < n; b++) for (let m = 0; m < spec.m; m++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) {
    let sum = 0;
    for (let ch = 0; ch < c; ch++) for (let ki = 0; ki < spec.k; ki++) for (let kj = 0; kj < spec.k; kj++) {
      const row = i * spec.stride + ki - spec.pad;
      const col = j * spec.stride + kj - spec.pad;
      if (row < 0 || row >= h || col < 0 || col >= w) continue;
      sum += x[((b * c + ch) * h + row) * w + col]! * weights[((m * c + ch) * spec.k + ki) * spec.k + kj]!;
    }
    y[((b * spec.m + m) * oh + i) * ow + j] = sum;
  }
  return { y, dims: [n, spec.m, oh, ow] };
}

/** What DynamicQuantizeLinear → ConvInteger → Cast → Mul(scales) → Add(bias) computes, written out in TypeScript. */
function quantizedConvReference(x: Float32Array, dims: readonly [number, number, number, number], spec: ConvSpec): Float32Array {
  const xq = dynamicQuantize(x);
  const centred = Float64Array.from(xq.values, (value) => value - xq.zeroPoint);
  const { values, scales } = quantizeChannelsInt8(spec.weights, spec.m, 'per-column');
  const { y, dims: [, , oh, ow] } = convolve(centred, dims, values, spec);
  const plane = oh! * ow!;
  return Float32Array.from(y, (sum, index) => {
    const m = Math.floor(index / plane) % spec.m;
    return sum * Math.fround(xq.scale * scales[m]!) + (spec.bias?.[m] ?? 0);
  });
}

async function runShaped(bytes: Uint8Array, x: Float32Array, dims: readonly number[], level: 'all' | 'disabled' = 'all'): Promise<Float32Array> {
  return run(bytes, { X: [x, [...dims]] }, level);
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

describe('quantizeModel on a Conv (per-channel int8 weights, ConvInteger)', () => {
  const spec: ConvSpec = { c: 3, m: 4, k: 3, pad: 1, stride: 1, weights: normals(4 * 3 * 9), bias: normals(4) };
  // Channel 2 is ten times larger than the others: one scale for all would flatten the rest.
  for (let i = 2 * 27; i < 3 * 27; i++) spec.weights[i] = spec.weights[i]! * 10;
  const dims = [2, 3, 5, 6] as const;
  const input = normals(2 * 3 * 5 * 6);

  it('rewrites Conv into DynamicQuantizeLinear, ConvInteger, Cast, Mul, Mul, Add with [M, 1, 1] scales and bias', () => {
    const graph = onnx.ModelProto.decode(quantizeModel(convModel(spec))).graph!;
    assert.deepEqual(graph.node!.map((node) => node.opType), ['DynamicQuantizeLinear', 'ConvInteger', 'Cast', 'Mul', 'Mul', 'Add']);
    const convInteger = graph.node![1]!;
    assert.deepEqual(convInteger.input, ['X_quantized', 'W_quantized', 'X_zero_point', 'W_zero_point']);
    const original = onnx.ModelProto.decode(convModel(spec)).graph!.node![0]!;
    assert.deepEqual(convInteger.attribute, original.attribute);
    const initializers = Object.fromEntries(graph.initializer!.map((tensor) => [tensor.name, [tensor.dataType, tensorDims(tensor)]]));
    assert.deepEqual(initializers, {
      W_quantized: [DataType.INT8, [4, 3, 3, 3]],
      W_scale: [DataType.FLOAT, [4, 1, 1]],
      W_zero_point: [DataType.INT8, []],
      B_per_channel: [DataType.FLOAT, [4, 1, 1]],
    });
  });

  it('computes exactly the dynamic-quantization arithmetic in ONNX Runtime, fused or not', async () => {
    const quantized = quantizeModel(convModel(spec));
    const expected = quantizedConvReference(input, dims, spec);
    // float32 accumulation of ≤ 27 products of size ≤ 255·127 in the rescale: 1e-4 covers its rounding.
    assert.ok(maxAbsDifference(await runShaped(quantized, input, dims, 'all'), expected) < 1e-4);
    assert.ok(maxAbsDifference(await runShaped(quantized, input, dims, 'disabled'), expected) < 1e-4);
  });

  it('stays within the worst-case rounding bound of fp32', async () => {
    const fp32 = await runShaped(convModel(spec), input, dims);
    const int8 = await runShaped(quantizeModel(convModel(spec)), input, dims);
    // Each of the c·k·k = 27 products x·w is off by at most |x|·s_w/2 + |w|·s_x/2 + s_x·s_w/4 (the two
    // rounding errors); s_x = range(x)/255, s_w = max|w of the channel|/127. This is a bound, not a guess.
    const sx = dynamicQuantize(input).scale;
    const maxX = Math.max(...input.map(Math.abs));
    const { scales } = quantizeChannelsInt8(spec.weights, spec.m, 'per-column');
    const plane = 5 * 6;
    for (let index = 0; index < fp32.length; index++) {
      const m = Math.floor(index / plane) % spec.m;
      const maxW = Math.max(...spec.weights.slice(m * 27, (m + 1) * 27).map(Math.abs));
      const bound = 27 * ((maxX * scales[m]!) / 2 + (maxW * sx) / 2 + (sx * scales[m]!) / 4) + 1e-5;
      assert.ok(Math.abs(int8[index]! - fp32[index]!) <= bound, `output ${index}: ${int8[index]} vs ${fp32[index]} (bound ${bound})`);
    }
  });

  it('quantizes a Conv without bias', async () => {
    const noBias: ConvSpec = { ...spec, bias: undefined, stride: 2, pad: 0 };
    const output = await runShaped(quantizeModel(convModel(noBias)), input, dims);
    assert.ok(maxAbsDifference(output, quantizedConvReference(input, dims, noBias)) < 1e-4);
  });
});

describe('quantizeModel on a CNN with dynamic height and width (Conv, Conv, Gemm)', () => {
  const first: ConvSpec = { c: 3, m: 8, k: 3, pad: 1, stride: 1, weights: Float32Array.from(normals(8 * 27), (w) => w * 0.3), bias: normals(8) };
  const second: ConvSpec = { c: 8, m: 6, k: 3, pad: 1, stride: 2, weights: Float32Array.from(normals(6 * 72), (w) => w * 0.2), bias: normals(6) };
  const head: GemmSpec = { k: 6, n: 5, weights: normals(30), transB: true, alpha: 1, beta: 1, bias: normals(5) };
  const fp32 = convNetModel(first, second, head);
  const report = quantizeModelWithReport(fp32);

  it('quantizes both Convs and the Gemm head', () => {
    assert.deepEqual(report.quantizedNodes, ['conv1', 'conv2', 'head']);
  });

  for (const [height, width] of [[8, 8], [11, 15]] as const) {
    it(`runs on ${height}x${width} inputs within 5 % of the fp32 outputs' range`, async () => {
      const dims = [2, 3, height, width];
      const input = normals(2 * 3 * height * width);
      const expected = await runShaped(fp32, input, dims);
      const fused = await runShaped(report.bytes, input, dims, 'all');
      const unfused = await runShaped(report.bytes, input, dims, 'disabled');
      // Three layers each rounding activations to 1/255 of their range and weights to 1/254 of each
      // channel's largest: a 0.4 % step per layer, summed over 27–72 taps of random sign, compounds to a
      // couple of percent of the output range at worst; 5 % leaves room without hiding a wrong scale
      // (a wrong per-channel scale or bias shape is off by tens of percent). Measured: 1.2 % and 1.4 %.
      const range = Math.max(...expected) - Math.min(...expected);
      assert.ok(maxAbsDifference(fused, expected) <= 0.05 * range, `max diff ${maxAbsDifference(fused, expected)}, range ${range}`);
      assert.ok(maxAbsDifference(fused, unfused) < 1e-4);
    });
  }
});

describe('quantizeModel on grouped and 1-D convolutions', () => {
  it('quantizes a depthwise Conv (group = channels) and a Conv1d, close to fp32', async () => {
    const depthwise = modelOf(
      [
        {
          name: 'depthwise',
          opType: 'Conv',
          input: ['X', 'W', 'B'],
          output: ['Y'],
          attribute: [{ name: 'group', type: 2, i: 4 }, { name: 'kernel_shape', type: 7, ints: [3, 3] }, { name: 'pads', type: 7, ints: [1, 1, 1, 1] }],
        },
      ],
      [float32Tensor('W', [4, 1, 3, 3], normals(36)), float32Tensor('B', [4], normals(4))],
      { X: ['batch', 4, 'height', 'width'] },
      { Y: ['batch', 4, 'height', 'width'] },
    );
    const conv1d = modelOf(
      [{ name: 'temporal', opType: 'Conv', input: ['X', 'W'], output: ['Y'], attribute: [{ name: 'kernel_shape', type: 7, ints: [5] }] }],
      [float32Tensor('W', [6, 2, 5], normals(60))],
      { X: ['batch', 2, 'time'] },
      { Y: ['batch', 6, 'steps'] },
    );
    for (const [model, dims, scaleDims] of [[depthwise, [2, 4, 6, 7], [4, 1, 1]], [conv1d, [3, 2, 20], [6, 1]]] as const) {
      const quantized = quantizeModel(model);
      const graph = onnx.ModelProto.decode(quantized).graph!;
      assert.deepEqual(tensorDims(graph.initializer!.find((tensor) => tensor.name === 'W_scale')!), scaleDims);
      const input = normals(dims.reduce((product, dim) => product * dim, 1));
      const expected = await runShaped(model, input, dims);
      const actual = await runShaped(quantized, input, dims);
      // One quantized layer: ≤ 1 % of the output range (rounding steps of 1/255 and 1/254 of the ranges).
      const range = Math.max(...expected) - Math.min(...expected);
      assert.ok(maxAbsDifference(actual, expected) <= 0.01 * range, `max diff ${maxAbsDifference(actual, expected)}, range ${range}`);
    }
  });
});
