import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInfercapError } from '../../common/errors.ts';
import { float32Tensor } from '../../models/onnxProto.ts';
import { planQuantization } from '../../models/quantizationPlan.ts';
import { quantizeModel } from '../../models/quantizeModel.ts';
import { gemmModel, modelOf, sharedWeightModel } from './tinyOnnxModels.ts';

/** Asserts that planning refuses with E_CANNOT_QUANTIZE and a message naming the model and matching `pattern`. */
function assertRefuses(bytes: Uint8Array, pattern: RegExp): void {
  assert.throws(
    () => planQuantization(bytes, 'in.onnx'),
    (error) => isInfercapError(error) && error.code === 'E_CANNOT_QUANTIZE' && error.message.startsWith('cannot quantize in.onnx: ') && pattern.test(error.message),
  );
}

const gemm = () => gemmModel({ k: 2, n: 2, weights: Float32Array.of(1, 2, 3, 4), transB: true, alpha: 1, beta: 1, bias: Float32Array.of(1, 1) });

describe('planQuantization', () => {
  it('finds MatMul and Gemm nodes with constant FP32 weights, and their Gemm attributes', () => {
    const plan = planQuantization(gemm(), 'in.onnx');
    assert.deepEqual(
      plan.targets.map((target) => (target.opType === 'Conv' ? [] : [target.node.name, target.opType, target.weight.name, target.transB, target.alpha, target.beta, target.bias])),
      [['gemm', 'Gemm', 'B', true, 1, 1, 'C']],
    );
    const shared = planQuantization(sharedWeightModel(new Float32Array(9).fill(1)), 'in.onnx');
    assert.deepEqual(shared.targets.map((target) => target.node.name), ['first', 'second']);
  });

  it('refuses bytes that are not an ONNX model', () => {
    assertRefuses(new TextEncoder().encode('this is not a model, just some text'), /not an ONNX model/);
    assertRefuses(new Uint8Array(0), /not an ONNX model/);
    assertRefuses(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff), /not an ONNX model/);
  });

  it('refuses a model without MatMul or Gemm weights to quantize', () => {
    assertRefuses(modelOf([{ opType: 'Relu', input: ['X'], output: ['Y'] }], [], { X: [2] }, { Y: [2] }), /no MatMul, Gemm or Conv node whose weight/);
    assertRefuses(modelOf([{ opType: 'MatMul', input: ['X', 'R'], output: ['Y'] }], [], { X: [2, 2], R: [2, 2] }, { Y: [2, 2] }), /no MatMul, Gemm or Conv node whose weight/);
  });

  it('refuses a model that is already quantized', () => {
    assertRefuses(quantizeModel(gemm()), /already quantized \(node "gemm_quantize_input" is DynamicQuantizeLinear\)/);
  });

  it('refuses weights that are not FP32', () => {
    const fp16 = modelOf(
      [{ name: 'mm', opType: 'MatMul', input: ['X', 'W'], output: ['Y'] }],
      [{ name: 'W', dims: [2, 2], dataType: 10, rawData: new Uint8Array(8) }],
      { X: ['batch', 2] },
      { Y: ['batch', 2] },
    );
    assertRefuses(fp16, /weight "W" of MatMul node "mm" is FLOAT16; only FP32 weights can be quantized/);
  });

  it('refuses a Conv whose weight is not FP32, naming the Conv node', () => {
    const fp16Conv = modelOf(
      [{ name: 'stem', opType: 'Conv', input: ['X', 'W'], output: ['Y'] }],
      [{ name: 'W', dims: [2, 1, 1, 1], dataType: 10, rawData: new Uint8Array(4) }],
      { X: [1, 1, 4, 4] },
      { Y: [1, 2, 4, 4] },
    );
    assertRefuses(fp16Conv, /weight "W" of Conv node "stem" is FLOAT16; only FP32 weights can be quantized/);
  });

  it('finds Conv nodes with constant weights and leaves a Conv with a run-time bias in FP32', () => {
    const convs = modelOf(
      [
        { name: 'constant', opType: 'Conv', input: ['X', 'W', 'B'], output: ['h'] },
        { name: 'runtime-bias', opType: 'Conv', input: ['h', 'W', 'R'], output: ['Y'] },
      ],
      [float32Tensor('W', [1, 1, 1, 1], Float32Array.of(2)), float32Tensor('B', [1], Float32Array.of(1))],
      { X: [1, 1, 4, 4], R: [1] },
      { Y: [1, 1, 4, 4] },
    );
    assert.deepEqual(planQuantization(convs, 'in.onnx').targets.map((target) => [target.node.name, target.opType]), [['constant', 'Conv']]);
  });

  it('upgrades an opset 10 model to 11, and refuses one whose op blocks the upgrade, naming it', () => {
    const weight = float32Tensor('W', [2, 2], new Float32Array(4));
    const old = modelOf([{ opType: 'MatMul', input: ['X', 'W'], output: ['Y'] }], [weight], { X: [1, 2] }, { Y: [1, 2] }, 10);
    assert.equal(planQuantization(old, 'in.onnx').originalOpset, 10);
    const blocked = modelOf(
      [
        { opType: 'MatMul', input: ['X', 'W'], output: ['h'] },
        { name: 'drop-axis', opType: 'Squeeze', input: ['h'], output: ['Y'], attribute: [{ name: 'axes', type: 7, ints: [0] }] },
      ],
      [weight],
      { X: [1, 2] },
      { Y: [2] },
      10,
    );
    assertRefuses(blocked, /opset is 10, older than 11 which DynamicQuantizeLinear needs, and node "drop-axis" \(Squeeze\) blocks the upgrade: Squeeze changed in opset 11/);
    const ancient = modelOf([{ opType: 'MatMul', input: ['X', 'W'], output: ['Y'] }], [weight], { X: [1, 2] }, { Y: [1, 2] }, 8);
    assertRefuses(ancient, /opset is 8, older than 11 .* and than 9, the oldest infercap upgrades/);
  });
});
