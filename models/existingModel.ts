// Tells whether a built-in model is already built, complete and current in a models directory.

import { access, stat } from 'node:fs/promises';
import { readCurrentMetadata, type BuiltModelMetadata } from './builtModelMetadata.ts';
import { builtVersions, metadataFilePath, modelConfigPath, modelFilePath } from './modelsLayout.ts';

/**
 * The metadata of every version of model `name` if all of them are built by the current pipeline
 * (model.onnx of the recorded size, valid metadata.json) and model.json exists; undefined otherwise.
 */
export async function readExistingModel(modelsDir: string, name: string): Promise<BuiltModelMetadata[] | undefined> {
  try {
    await access(modelConfigPath(modelsDir, name));
  } catch {
    return undefined;
  }
  const found: BuiltModelMetadata[] = [];
  for (const version of builtVersions) {
    const metadata = await readCurrentMetadata(metadataFilePath(modelsDir, name, version));
    if (metadata === undefined || metadata.name !== name || metadata.version !== version) return undefined;
    try {
      if ((await stat(modelFilePath(modelsDir, name, version))).size !== metadata.sizeBytes) return undefined;
    } catch {
      return undefined;
    }
    found.push(metadata);
  }
  return found;
}
