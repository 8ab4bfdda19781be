import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createLogger } from '../../common/log.ts';
import { ensureModels } from '../../models/ensureModels.ts';
import { builtVersions, defaultModelsDir, modelFilePath } from '../../models/modelsLayout.ts';

describe('ensureModels', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'infercap-ensure-'));
  after(() => rm(dir, { recursive: true, force: true }));

  it('returns without touching anything when every model is current', async () => {
    await ensureModels(defaultModelsDir);
    const before = (await stat(modelFilePath(defaultModelsDir, 'mnist-wide', 'int8'))).mtimeMs;
    await ensureModels(defaultModelsDir);
    assert.equal((await stat(modelFilePath(defaultModelsDir, 'mnist-wide', 'int8'))).mtimeMs, before);
  });

  it('builds only the missing model, once for concurrent callers, byte-identical to the first build', async () => {
    await cp(join(defaultModelsDir, 'mnist-wide'), join(dir, 'mnist-wide'), { recursive: true, preserveTimestamps: true });
    const wideBefore = (await stat(modelFilePath(dir, 'mnist-wide', 'fp32'))).mtimeMs;
    const events: string[] = [];
    const logger = createLogger('debug', {}, (line) => events.push((JSON.parse(line) as { event: string }).event));
    await Promise.all([ensureModels(dir, logger), ensureModels(dir, logger)]);
    assert.equal(events.filter((event) => event === 'model_training_started').length, 1);
    assert.equal((await stat(modelFilePath(dir, 'mnist-wide', 'fp32'))).mtimeMs, wideBefore);
    for (const version of builtVersions) {
      assert.deepEqual(await readFile(modelFilePath(dir, 'mnist-mlp', version)), await readFile(modelFilePath(defaultModelsDir, 'mnist-mlp', version)));
    }
    assert.deepEqual((await readdir(dir)).sort(), ['mnist-mlp', 'mnist-wide']);
  });
});
