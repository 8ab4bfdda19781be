import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isInfercapError } from '../../common/errors.ts';
import { convertModelFileToFloat16 } from '../../models/convertModelFile.ts';
import { convertToFloat16 } from '../../models/float16Conversion.ts';
import { gemmModel } from './tinyOnnxModels.ts';

describe('convertModelFileToFloat16', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'infercap-convert-'));
  after(() => rm(dir, { recursive: true, force: true }));
  const model = gemmModel({ k: 4, n: 3, weights: Float32Array.from({ length: 12 }, (_, i) => i - 6), transB: false, alpha: 1, beta: 1, bias: Float32Array.of(1, 2, 3) });

  it('writes the fp16 model and summarises what it did', async () => {
    const input = join(dir, 'in.onnx');
    const output = join(dir, 'out', 'model.fp16.onnx');
    await writeFile(input, model);
    const summary = await convertModelFileToFloat16(input, output);
    const written = await readFile(output);
    assert.deepEqual(new Uint8Array(written), convertToFloat16(model).bytes);
    assert.deepEqual(summary, {
      input,
      output,
      to: 'fp16',
      tensorsConverted: 2,
      valuesClamped: 0,
      castInputs: ['X'],
      castOutputs: ['Y'],
      bytesBefore: model.length,
      bytesAfter: written.length,
    });
  });

  it('says so when the input file does not exist, and refuses a file that is not a model', async () => {
    const missing = join(dir, 'missing.onnx');
    await assert.rejects(convertModelFileToFloat16(missing, join(dir, 'x.onnx')), (error) => isInfercapError(error) && error.message === `${missing}: no such file`);
    const notOnnx = join(dir, 'notes.txt');
    await writeFile(notOnnx, 'hello\n');
    await assert.rejects(
      convertModelFileToFloat16(notOnnx, join(dir, 'y.onnx')),
      (error) => isInfercapError(error) && error.code === 'E_CANNOT_CONVERT' && error.message.startsWith(`cannot convert ${notOnnx} to FP16: not an ONNX model`),
    );
  });
});
