import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isInfercapError } from '../../common/errors.ts';
import { buildModels } from '../../models/buildModels.ts';
import { builtModelMetadataSchema, type BuiltModelMetadata } from '../../models/builtModelMetadata.ts';
import { accuracyOf } from '../../models/classificationMetrics.ts';
import { ensureModels } from '../../models/ensureModels.ts';
import { loadMnistTestSplit } from '../../models/mnistDigits.ts';
import { builtInModelNames, type BuiltInModelName } from '../../models/modelRecipes.ts';
import { builtVersions, defaultModelsDir, metadataFilePath, modelConfigPath, modelFilePath } from '../../models/modelsLayout.ts';
import { runOnnxModel } from '../../models/onnxRuntimeRunner.ts';
import { quantizeModelFile } from '../../models/quantizeModelFile.ts';

const readMetadata = async (name: string, version: string): Promise<BuiltModelMetadata> =>
  builtModelMetadataSchema.parse(JSON.parse(await readFile(metadataFilePath(defaultModelsDir, name, version), 'utf8')));

describe('buildModels (into the default models directory, through ensureModels)', () => {
  before(() => ensureModels(defaultModelsDir));

  it('writes <name>/<version>/{model.onnx,metadata.json} and <name>/model.json for both models and versions', async () => {
    for (const name of builtInModelNames) {
      assert.deepEqual(JSON.parse(await readFile(modelConfigPath(defaultModelsDir, name), 'utf8')), { defaultVersion: 'fp32' });
      for (const version of builtVersions) {
        const bytes = await readFile(modelFilePath(defaultModelsDir, name, version));
        const metadata = await readMetadata(name, version);
        assert.equal(metadata.name, name);
        assert.equal(metadata.version, version);
        assert.equal(metadata.sizeBytes, bytes.length);
        assert.equal(metadata.sha256, createHash('sha256').update(bytes).digest('hex'));
        assert.deepEqual(metadata.inputs, [{ name: 'input', datatype: 'FP32', shape: [-1, 784] }]);
        assert.deepEqual(metadata.outputs, [{ name: 'probabilities', datatype: 'FP32', shape: [-1, 10] }]);
        assert.equal(metadata.dataset.testRows, 2000);
      }
    }
  });

  it('trains mnist-mlp to at least 95 % test accuracy, and keeps int8 within 1 point of it', async () => {
    const fp32 = await readMetadata('mnist-mlp', 'fp32');
    const int8 = await readMetadata('mnist-mlp', 'int8');
    assert.deepEqual(fp32.layers, [784, 256, 10]);
    assert.ok(fp32.accuracy >= 0.95, `fp32 accuracy ${fp32.accuracy}`);
    assert.ok(Math.abs(fp32.accuracy - int8.accuracy) <= 0.01, `int8 accuracy ${int8.accuracy}`);
    assert.ok(int8.agreementWithFp32! >= 0.99);
  });

  it('makes mnist-wide 784-8192-8192-8192-10 with meaningful accuracy, int8 within 1 point', async () => {
    const fp32 = await readMetadata('mnist-wide', 'fp32');
    const int8 = await readMetadata('mnist-wide', 'int8');
    assert.deepEqual(fp32.layers, [784, 8192, 8192, 8192, 10]);
    assert.equal(fp32.macsPerRow, 784 * 8192 + 2 * 8192 * 8192 + 8192 * 10);
    assert.ok(fp32.accuracy >= 0.85, `fp32 accuracy ${fp32.accuracy}`);
    assert.ok(Math.abs(fp32.accuracy - int8.accuracy) <= 0.01, `int8 accuracy ${int8.accuracy}`);
  });

  it('records the accuracy that onnxruntime-node measures on the test split', async () => {
    const test = loadMnistTestSplit();
    for (const version of builtVersions) {
      const bytes = new Uint8Array(await readFile(modelFilePath(defaultModelsDir, 'mnist-mlp', version)));
      const probabilities = await runOnnxModel(bytes, test.rows, test.count);
      assert.equal(accuracyOf(probabilities, test.labels, 10), (await readMetadata('mnist-mlp', version)).accuracy);
    }
  });

  it('makes the int8 versions with the quantizer: the same bytes as `infercap quantize` on the fp32 file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'infercap-requantize-'));
    try {
      for (const name of builtInModelNames) {
        const output = join(dir, `${name}.onnx`);
        const summary = await quantizeModelFile(modelFilePath(defaultModelsDir, name, 'fp32'), output);
        assert.deepEqual(await readFile(output), await readFile(modelFilePath(defaultModelsDir, name, 'int8')));
        assert.deepEqual((await readMetadata(name, 'int8')).quantization?.nodesQuantized, summary.quantizedNodes);
        assert.ok(summary.bytesAfter < summary.bytesBefore / 3.5);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('returns the metadata of current models without rebuilding them', async () => {
    const mtimes = async () => Promise.all(builtInModelNames.map(async (name) => (await stat(modelFilePath(defaultModelsDir, name, 'fp32'))).mtimeMs));
    const before = await mtimes();
    const built = await buildModels({ modelsDir: defaultModelsDir });
    assert.deepEqual(await mtimes(), before);
    assert.deepEqual(
      built.map((metadata) => `${metadata.name}/${metadata.version}`),
      ['mnist-mlp/fp32', 'mnist-mlp/int8', 'mnist-wide/fp32', 'mnist-wide/int8'],
    );
    assert.deepEqual(built[0], await readMetadata('mnist-mlp', 'fp32'));
  });
});

describe('buildModels options', () => {
  it('refuses an unknown model name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'infercap-build-'));
    after(() => rm(dir, { recursive: true, force: true }));
    await assert.rejects(
      buildModels({ modelsDir: dir, models: ['mnist-cnn' as BuiltInModelName] }),
      (error) => isInfercapError(error) && error.code === 'E_INVALID_OPTION' && error.message.includes('unknown model "mnist-cnn"'),
    );
  });
});
