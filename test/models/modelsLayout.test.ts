import assert from 'node:assert/strict';
import { isAbsolute, join, sep } from 'node:path';
import { describe, it } from 'node:test';
import { defaultModelsDir, metadataFilePath, modelConfigPath, modelFilePath } from '../../models/modelsLayout.ts';

describe('models layout', () => {
  it('defaults to the absolute reference-server/models of this checkout', () => {
    assert.ok(isAbsolute(defaultModelsDir));
    assert.ok(defaultModelsDir.endsWith(`${sep}reference-server${sep}models`), defaultModelsDir);
  });

  it('places files as <dir>/<name>/<version>/… and <dir>/<name>/model.json', () => {
    assert.equal(modelFilePath('/m', 'mnist-mlp', 'int8'), join('/m', 'mnist-mlp', 'int8', 'model.onnx'));
    assert.equal(metadataFilePath('/m', 'mnist-mlp', 'fp32'), join('/m', 'mnist-mlp', 'fp32', 'metadata.json'));
    assert.equal(modelConfigPath('/m', 'mnist-wide'), join('/m', 'mnist-wide', 'model.json'));
  });
});
