import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-node';
import { createRng } from '../../common/prng.ts';
import { nameAllocator } from '../../models/graphNames.ts';
import { encodeModel, float32Tensor, float32ValueInfo, onnx, tensorDims, toNumber, type ModelProto } from '../../models/onnxProto.ts';
import { defaultOpset, upgradeOpset } from '../../models/opsetUpgrade.ts';
import { quantizeModelWithReport } from '../../models/quantizeModel.ts';
import { maxAbsDifference } from '../../models/classificationMetrics.ts';
import { convNetModel, modelOf, type ConvSpec, type GemmSpec } from './tinyOnnxModels.ts';

const rng = createRng(31);
const normals = (n: number, scale = 1) => Float32Array.from({ length: n }, () => rng.normal() * scale);

/** An opset 9 MLP: Gemm → Clip(0, 6) with attributes → Dropout → Gemm → Softmax. */
function mlpOpset9(): Uint8Array {
  return modelOf(
    [
      { name: 'fc1', opType: 'Gemm', input: ['X', 'W1', 'B1'], output: ['h'], attribute: [{ name: 'transB', type: 2, i: 1 }] },
      { name: 'relu6', opType: 'Clip', input: ['h'], output: ['c'], attribute: [{ name: 'min', type: 1, f: 0 }, { name: 'max', type: 1, f: 6 }] },
      { name: 'drop', opType: 'Dropout', input: ['c'], output: ['d'], attribute: [{ name: 'ratio', type: 1, f: 0.5 }] },
      { name: 'fc2', opType: 'Gemm', input: ['d', 'W2', 'B2'], output: ['logits'] },
      { name: 'softmax', opType: 'Softmax', input: ['logits'], output: ['Y'], attribute: [{ name: 'axis', type: 2, i: 1 }] },
    ],
    [float32Tensor('W1', [16, 8], normals(128)), float32Tensor('B1', [16], normals(16)), float32Tensor('W2', [16, 4], normals(64)), float32Tensor('B2', [4], normals(4))],
    { X: ['batch', 8] },
    { Y: ['batch', 4] },
    9,
  );
}

const first: ConvSpec = { c: 3, m: 8, k: 3, pad: 1, stride: 1, weights: normals(216, 0.3), bias: normals(8) };
const second: ConvSpec = { c: 8, m: 6, k: 3, pad: 1, stride: 2, weights: normals(432, 0.2), bias: normals(6) };
const head: GemmSpec = { k: 6, n: 5, weights: normals(30), transB: true, alpha: 1, beta: 1, bias: normals(5) };

function upgraded(bytes: Uint8Array, target = 11): { model: ModelProto; result: ReturnType<typeof upgradeOpset> } {
  const model = onnx.ModelProto.decode(bytes);
  return { model, result: upgradeOpset(model, target, nameAllocator(model.graph!)) };
}

async function run(bytes: Uint8Array, x: Float32Array, dims: number[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return (await session.run({ X: new ort.Tensor('float32', x, dims) }))[session.outputNames[0]!]!.data as Float32Array;
  } finally {
    await session.release();
  }
}

describe('upgradeOpset', () => {
  it('raises an opset 9 MLP to 11, moving Clip min/max to inputs, with identical outputs in ONNX Runtime', async () => {
    const original = mlpOpset9();
    const { model, result } = upgraded(original);
    assert.deepEqual(result, { upgraded: true, from: 9, to: 11 });
    assert.equal(defaultOpset(model), 11);
    const clip = model.graph!.node!.find((node) => node.opType === 'Clip')!;
    assert.deepEqual(clip.input, ['h', 'relu6_min', 'relu6_max']);
    assert.deepEqual(clip.attribute, []);
    const x = normals(5 * 8, 2);
    // Same kernels, same inputs: the upgrade must not change a single bit.
    assert.deepEqual(await run(encodeModel(model), x, [5, 8]), await run(original, x, [5, 8]));
  });

  it('keeps a Clip without a min as Clip(x, "", max)', () => {
    const bytes = modelOf([{ name: 'cap', opType: 'Clip', input: ['X'], output: ['Y'], attribute: [{ name: 'max', type: 1, f: 1 }] }], [], { X: [2] }, { Y: [2] }, 10);
    const { model } = upgraded(bytes);
    assert.deepEqual(model.graph!.node![0]!.input, ['X', '', 'cap_max']);
  });

  it('raises an opset 10 CNN with dynamic height and width to 11 with identical outputs', async () => {
    const original = convNetModel(first, second, head, 10);
    const { model, result } = upgraded(original);
    assert.deepEqual(result, { upgraded: true, from: 10, to: 11 });
    for (const [h, w] of [[7, 7], [12, 9]] as const) {
      const x = normals(2 * 3 * h * w);
      assert.deepEqual(await run(encodeModel(model), x, [2, 3, h, w]), await run(original, x, [2, 3, h, w]));
    }
  });

  it('refuses an op that changed with no adapter, naming it and the opset, and leaves the model as it was', () => {
    const upsample = modelOf(
      [{ name: 'up', opType: 'Upsample', input: ['X', 'scales'], output: ['Y'] }],
      [float32Tensor('scales', [4], Float32Array.of(1, 1, 2, 2))],
      { X: [1, 1, 2, 2] },
      { Y: [1, 1, 4, 4] },
      9,
    );
    const { model, result } = upgraded(upsample);
    assert.equal(result.upgraded, false);
    assert.ok(!result.upgraded && result.blocker.name === 'up' && result.atOpset === 10);
    assert.equal(defaultOpset(model), 9);
    const clipThenSlice = modelOf(
      [
        { name: 'c', opType: 'Clip', input: ['X'], output: ['h'], attribute: [{ name: 'max', type: 1, f: 1 }] },
        { name: 'cut', opType: 'Slice', input: ['h', 's', 'e'], output: ['Y'] },
      ],
      [float32Tensor('unused', [1], Float32Array.of(0))],
      { X: [4] },
      { Y: [2] },
      10,
    );
    const blocked = upgraded(clipThenSlice);
    assert.ok(!blocked.result.upgraded && blocked.result.blocker.opType === 'Slice' && blocked.result.atOpset === 11);
    assert.equal(blocked.model.graph!.node![0]!.attribute!.length, 1, 'Clip is not rewritten when the upgrade is refused');
  });

  it('leaves a model already at the target opset alone', () => {
    const { model, result } = upgraded(convNetModel(first, second, head, 13), 11);
    assert.deepEqual(result, { upgraded: true, from: 13, to: 13 });
    assert.equal(toNumber(model.opsetImport![0]!.version), 13);
  });
});

describe('quantizing an opset 9 model', () => {
  it('upgrades it to 11, quantizes it and stays close to fp32', async () => {
    const original = mlpOpset9();
    const report = quantizeModelWithReport(original);
    assert.deepEqual([report.opsetBefore, report.opsetAfter, report.quantizedNodes], [9, 11, ['fc1', 'fc2']]);
    const x = normals(5 * 8, 2);
    const [expected, actual] = [await run(original, x, [5, 8]), await run(report.bytes, x, [5, 8])];
    // Softmax probabilities of a two-layer int8 MLP: a few hundredths at most (the MNIST test allows 0.1).
    assert.ok(maxAbsDifference(actual, expected) < 0.05, `max diff ${maxAbsDifference(actual, expected)}`);
  });

  it('quantizes an IR 3, opset 9 CNN, whose weights are all listed as graph inputs, as constants', async () => {
    const model = onnx.ModelProto.decode(convNetModel(first, second, { ...head, bias: normals(5) }, 9));
    model.irVersion = 3;
    model.graph!.input = [...model.graph!.input!, ...model.graph!.initializer!.map((tensor) => float32ValueInfo(tensor.name!, tensorDims(tensor)))];
    const original = encodeModel(model);
    const report = quantizeModelWithReport(original);
    assert.deepEqual([report.opsetBefore, report.opsetAfter, report.quantizedNodes], [9, 11, ['conv1', 'conv2', 'head']]);
    const quantized = onnx.ModelProto.decode(report.bytes);
    assert.deepEqual([toNumber(quantized.irVersion), quantized.graph!.input!.map((input) => input.name)], [4, ['X']]);
    const x = normals(2 * 3 * 9 * 10);
    const [expected, actual] = [await run(original, x, [2, 3, 9, 10]), await run(report.bytes, x, [2, 3, 9, 10])];
    const range = Math.max(...expected) - Math.min(...expected);
    // As for the opset 17 CNN in quantizeModel.test.ts: 5 % of the range.
    assert.ok(maxAbsDifference(actual, expected) <= 0.05 * range, `max diff ${maxAbsDifference(actual, expected)}, range ${range}`);
  });
});
