import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DataType,
  dataTypeName,
  encodeModel,
  float32Tensor,
  float32ValueInfo,
  int8Tensor,
  onnx,
  readFloat32Tensor,
  tensorDims,
  toNumber,
} from '../../models/onnxProto.ts';

describe('float32Tensor and readFloat32Tensor', () => {
  it('store FP32 values as little-endian raw_data and read them back exactly', () => {
    const values = Float32Array.of(1.5, -2, 3.25e-8, 0);
    const tensor = float32Tensor('w', [2, 2], values);
    assert.equal(tensor.dataType, DataType.FLOAT);
    assert.deepEqual([...tensor.rawData!.subarray(0, 4)], [0x00, 0x00, 0xc0, 0x3f]); // 1.5f, little-endian
    assert.deepEqual(readFloat32Tensor(tensor), values);
  });

  it('survive an encode/decode round trip (int64 dims decode as Long)', () => {
    const model = onnx.ModelProto.decode(
      encodeModel({ irVersion: 8, graph: { name: 'g', initializer: [float32Tensor('w', [3, 1], Float32Array.of(1, 2, 3))] } }),
    );
    const tensor = model.graph!.initializer![0]!;
    assert.deepEqual(tensorDims(tensor), [3, 1]);
    assert.deepEqual([...readFloat32Tensor(tensor)], [1, 2, 3]);
  });

  it('read values stored in float_data', () => {
    assert.deepEqual([...readFloat32Tensor({ name: 'f', dims: [2], dataType: DataType.FLOAT, floatData: [4, 5] })], [4, 5]);
  });

  it('refuse tensors of another type or size', () => {
    assert.throws(() => readFloat32Tensor(int8Tensor('q', [1], Int8Array.of(1))), /is INT8, not FLOAT/);
    assert.throws(() => readFloat32Tensor({ name: 'short', dims: [3], dataType: DataType.FLOAT, rawData: new Uint8Array(8) }), /8 bytes for 3 floats/);
  });
});

describe('helpers', () => {
  it('toNumber accepts numbers, Longs and nothing', () => {
    assert.equal(toNumber(7), 7);
    assert.equal(toNumber({ toNumber: () => 9 }), 9);
    assert.equal(toNumber(undefined), 0);
  });

  it('dataTypeName names element types', () => {
    assert.equal(dataTypeName(10), 'FLOAT16');
    assert.equal(dataTypeName(1), 'FLOAT');
  });

  it('float32ValueInfo writes sizes as dim_value and names as dim_param', () => {
    assert.deepEqual(float32ValueInfo('x', ['batch', 4]).type?.tensorType?.shape?.dim, [{ dimParam: 'batch' }, { dimValue: 4 }]);
  });
});
