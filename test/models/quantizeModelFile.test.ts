import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isInfercapError } from '../../common/errors.ts';
import { quantizeModel } from '../../models/quantizeModel.ts';
import { quantizeModelFile } from '../../models/quantizeModelFile.ts';
import { gemmModel } from './tinyOnnxModels.ts';

describe('quantizeModelFile', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'infercap-quantize-'));
  after(() => rm(dir, { recursive: true, force: true }));
  const model = gemmModel({ k: 4, n: 3, weights: Float32Array.from({ length: 12 }, (_, i) => i - 6), transB: false, alpha: 1, beta: 1 });

  it('writes the quantized model and summarises what it did', async () => {
    const input = join(dir, 'in.onnx');
    const output = join(dir, 'out', 'model.int8.onnx');
    await writeFile(input, model);
    const summary = await quantizeModelFile(input, output);
    const written = await readFile(output);
    assert.deepEqual(new Uint8Array(written), quantizeModel(model));
    assert.deepEqual(summary, {
      input,
      output,
      nodesQuantized: 1,
      quantizedNodes: ['gemm'],
      granularity: 'per-column',
      reduceRange: false,
      opsetBefore: 17,
      opsetAfter: 17,
      bytesBefore: model.length,
      bytesAfter: written.length,
    });
  });

  it('says so when the input file does not exist', async () => {
    const missing = join(dir, 'missing.onnx');
    await assert.rejects(
      quantizeModelFile(missing, join(dir, 'x.onnx')),
      (error) => isInfercapError(error) && error.code === 'E_MODEL_FILE_INVALID' && error.message === `${missing}: no such file`,
    );
  });

  it('refuses a file that is not an ONNX model, naming it', async () => {
    const notOnnx = join(dir, 'notes.txt');
    await writeFile(notOnnx, 'hello, I am a text file\n');
    await assert.rejects(
      quantizeModelFile(notOnnx, join(dir, 'y.onnx')),
      (error) => isInfercapError(error) && error.code === 'E_CANNOT_QUANTIZE' && error.message.startsWith(`cannot quantize ${notOnnx}: not an ONNX model`),
    );
  });
});
