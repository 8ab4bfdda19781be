// Small ONNX models of the shapes model teams bring, built with onnx-proto for the server's tests (not a
// test file itself): a Conv net with dynamic H/W, token ids with a BOOL mask, a state input with a scalar
// rate, a model without a batch dimension, FP16 in and out, and an identity over every V2 datatype.

import fs from 'node:fs';
import path from 'node:path';
import {
  DataType,
  encodeModel,
  float16Tensor,
  float32Tensor,
  int64Tensor,
  valueInfo,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from '../../../models/onnxProto.ts';
import { datatypes, type Datatype } from '../../../reference-server/tensors/datatypes.ts';
import { toFloat16Bits } from '../../../reference-server/tensors/float16.ts';

function model(nodes: NodeProto[], initializer: TensorProto[], input: ValueInfoProto[], output: ValueInfoProto[]): Uint8Array {
  return encodeModel({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'infercap-test',
    graph: { name: 'example', node: nodes, initializer, input, output },
  });
}

const seeded = (count: number, scale: number) => Float32Array.from({ length: count }, (_, i) => (((i * 37 + 11) % 17) - 8) * scale);

/** `image [N,3,H,W]` → Conv 3x3 (pad 1) → Relu → GlobalAveragePool → Flatten → `features [N,2]`. */
export function convNet(): Uint8Array {
  return model(
    [
      { opType: 'Conv', input: ['image', 'w', 'b'], output: ['conv'], attribute: [{ name: 'pads', type: 7, ints: [1, 1, 1, 1] }] },
      { opType: 'Relu', input: ['conv'], output: ['relu'] },
      { opType: 'GlobalAveragePool', input: ['relu'], output: ['pooled'] },
      { opType: 'Flatten', input: ['pooled'], output: ['features'], attribute: [{ name: 'axis', type: 2, i: 1 }] },
    ],
    [float32Tensor('w', [2, 3, 3, 3], seeded(54, 0.05)), float32Tensor('b', [2], Float32Array.from([0.1, -0.1]))],
    [valueInfo('image', DataType.FLOAT, ['N', 3, 'H', 'W'])],
    [valueInfo('features', DataType.FLOAT, ['N', 2])],
  );
}

/** Vocabulary of the token model. */
export const tokenVocabulary = 10;

/**
 * `ids INT64 [N,L]`, `mask BOOL [N,L]` → masked sum of 3-wide embeddings `pooled FLOAT [N,3]`, and the
 * count of unmasked tokens `lengths INT64 [N]`.
 */
export function tokenModel(): Uint8Array {
  return model(
    [
      { opType: 'Gather', input: ['embedding', 'ids'], output: ['embedded'] },
      { opType: 'Cast', input: ['mask'], output: ['maskf'], attribute: [{ name: 'to', type: 2, i: DataType.FLOAT }] },
      { opType: 'Unsqueeze', input: ['maskf', 'axis2'], output: ['mask3'] },
      { opType: 'Mul', input: ['embedded', 'mask3'], output: ['masked'] },
      { opType: 'ReduceSum', input: ['masked', 'axis1'], output: ['pooled'], attribute: [{ name: 'keepdims', type: 2, i: 0 }] },
      { opType: 'Cast', input: ['mask'], output: ['maski'], attribute: [{ name: 'to', type: 2, i: DataType.INT64 }] },
      { opType: 'ReduceSum', input: ['maski', 'axis1'], output: ['lengths'], attribute: [{ name: 'keepdims', type: 2, i: 0 }] },
    ],
    [float32Tensor('embedding', [tokenVocabulary, 3], seeded(tokenVocabulary * 3, 0.25)), int64Tensor('axis1', [1], [1]), int64Tensor('axis2', [1], [2])],
    [valueInfo('ids', DataType.INT64, ['N', 'L']), valueInfo('mask', DataType.BOOL, ['N', 'L'])],
    [valueInfo('pooled', DataType.FLOAT, ['N', 3]), valueInfo('lengths', DataType.INT64, ['N'])],
  );
}

/** `audio [N,4]`, `state [N,4]`, `rate INT64 []` (a scalar) → `next_state = audio · rate + state` `[N,4]`. */
export function statefulModel(): Uint8Array {
  return model(
    [
      { opType: 'Cast', input: ['rate'], output: ['ratef'], attribute: [{ name: 'to', type: 2, i: DataType.FLOAT }] },
      { opType: 'Mul', input: ['audio', 'ratef'], output: ['scaled'] },
      { opType: 'Add', input: ['scaled', 'state'], output: ['next_state'] },
    ],
    [],
    [valueInfo('audio', DataType.FLOAT, ['N', 4]), valueInfo('state', DataType.FLOAT, ['N', 4]), valueInfo('rate', DataType.INT64, [])],
    [valueInfo('next_state', DataType.FLOAT, ['N', 4])],
  );
}

/** `points [3,2]` (no batch dimension) → MatMul by a 2x2 rotation → `rotated [3,2]`. */
export function unbatchedModel(): Uint8Array {
  return model(
    [{ opType: 'MatMul', input: ['points', 'rotation'], output: ['rotated'] }],
    [float32Tensor('rotation', [2, 2], Float32Array.from([0, 1, -1, 0]))],
    [valueInfo('points', DataType.FLOAT, [3, 2])],
    [valueInfo('rotated', DataType.FLOAT, [3, 2])],
  );
}

/** `x FP16 [N,4]` → `y = x · scale` FP16 `[N,4]` and `y32 = float(y)` FP32 `[N,4]`. */
export function float16Model(): Uint8Array {
  const scale = Uint16Array.from([0.5, 2, -1, 1 / 3].map(toFloat16Bits));
  return model(
    [
      { opType: 'Mul', input: ['x', 'scale'], output: ['y'] },
      { opType: 'Cast', input: ['y'], output: ['y32'], attribute: [{ name: 'to', type: 2, i: DataType.FLOAT }] },
    ],
    [float16Tensor('scale', [4], scale)],
    [valueInfo('x', DataType.FLOAT16, ['N', 4])],
    [valueInfo('y', DataType.FLOAT16, ['N', 4]), valueInfo('y32', DataType.FLOAT, ['N', 4])],
  );
}

const onnxType: Record<Datatype, number> = {
  BOOL: DataType.BOOL,
  UINT8: DataType.UINT8,
  UINT16: DataType.UINT16,
  UINT32: DataType.UINT32,
  UINT64: DataType.UINT64,
  INT8: DataType.INT8,
  INT16: DataType.INT16,
  INT32: DataType.INT32,
  INT64: DataType.INT64,
  FP16: DataType.FLOAT16,
  FP32: DataType.FLOAT,
  FP64: DataType.DOUBLE,
  BYTES: DataType.STRING,
};

/** `in_<type> [N,2]` → Identity → `out_<type> [N,2]` for every V2 datatype. */
export function identityModel(): Uint8Array {
  return model(
    datatypes.map((datatype) => ({ opType: 'Identity', input: [`in_${datatype}`], output: [`out_${datatype}`] })),
    [],
    datatypes.map((datatype) => valueInfo(`in_${datatype}`, onnxType[datatype], ['N', 2])),
    datatypes.map((datatype) => valueInfo(`out_${datatype}`, onnxType[datatype], ['N', 2])),
  );
}

/** Writes `<dir>/<name>/1/model.onnx` and, when given, `<dir>/<name>/config.yaml`. */
export function writeModel(dir: string, name: string, bytes: Uint8Array, configYaml?: string): void {
  fs.mkdirSync(path.join(dir, name, '1'), { recursive: true });
  fs.writeFileSync(path.join(dir, name, '1', 'model.onnx'), bytes);
  if (configYaml !== undefined) fs.writeFileSync(path.join(dir, name, 'config.yaml'), configYaml);
}
