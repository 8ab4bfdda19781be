import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureModels } from '../../models/ensureModels.ts';
import { readExistingModel } from '../../models/existingModel.ts';
import { defaultModelsDir, metadataFilePath, modelConfigPath, modelFilePath } from '../../models/modelsLayout.ts';

describe('readExistingModel', async () => {
  const root = await mkdtemp(join(tmpdir(), 'infercap-existing-'));
  after(() => rm(root, { recursive: true, force: true }));
  before(() => ensureModels(defaultModelsDir));
  let copies = 0;
  const copyOfMlp = async () => {
    const dir = join(root, String(copies++));
    await cp(join(defaultModelsDir, 'mnist-mlp'), join(dir, 'mnist-mlp'), { recursive: true });
    return dir;
  };

  it('returns the metadata of both versions of a complete, current model', async () => {
    const found = await readExistingModel(await copyOfMlp(), 'mnist-mlp');
    assert.deepEqual(found?.map((metadata) => metadata.version), ['fp32', 'int8']);
  });

  it('treats a model as missing when it is absent, has no model.json, a truncated file or stale metadata', async () => {
    assert.equal(await readExistingModel(root, 'mnist-wide'), undefined);

    const noConfig = await copyOfMlp();
    await rm(modelConfigPath(noConfig, 'mnist-mlp'));
    assert.equal(await readExistingModel(noConfig, 'mnist-mlp'), undefined);

    const truncated = await copyOfMlp();
    await truncate(modelFilePath(truncated, 'mnist-mlp', 'int8'), 100);
    assert.equal(await readExistingModel(truncated, 'mnist-mlp'), undefined);

    const stale = await copyOfMlp();
    const path = metadataFilePath(stale, 'mnist-mlp', 'fp32');
    await writeFile(path, JSON.stringify({ ...JSON.parse(await readFile(path, 'utf8')), pipelineVersion: 0 }));
    assert.equal(await readExistingModel(stale, 'mnist-mlp'), undefined);
  });
});
