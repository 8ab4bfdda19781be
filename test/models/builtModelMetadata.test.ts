import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pipelineVersion, readCurrentMetadata } from '../../models/builtModelMetadata.ts';
import { ensureModels } from '../../models/ensureModels.ts';
import { defaultModelsDir, metadataFilePath } from '../../models/modelsLayout.ts';

describe('readCurrentMetadata', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'infercap-metadata-'));
  after(() => rm(dir, { recursive: true, force: true }));
  let valid: Record<string, unknown> = {};
  before(async () => {
    await ensureModels(defaultModelsDir);
    valid = JSON.parse(await readFile(metadataFilePath(defaultModelsDir, 'mnist-mlp', 'int8'), 'utf8')) as Record<string, unknown>;
  });
  const readWith = async (content: string) => {
    const path = join(dir, `${Math.random()}.json`);
    await writeFile(path, content);
    return readCurrentMetadata(path);
  };

  it('returns valid metadata of the current pipeline version', async () => {
    const metadata = await readWith(JSON.stringify(valid));
    assert.equal(metadata?.pipelineVersion, pipelineVersion);
    assert.equal(metadata?.quantization?.from, 'fp32');
  });

  it('returns undefined for a missing file, bad JSON, unknown keys or another pipeline version', async () => {
    assert.equal(await readCurrentMetadata(join(dir, 'missing.json')), undefined);
    assert.equal(await readWith('{not json'), undefined);
    assert.equal(await readWith(JSON.stringify({ ...valid, builtAt: '2024-01-01' })), undefined);
    assert.equal(await readWith(JSON.stringify({ ...valid, pipelineVersion: pipelineVersion + 1 })), undefined);
  });
});
