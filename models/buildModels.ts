// `infercap models build`: builds the built-in models that are missing (or all of them with force)
// into a models directory, one process at a time.

import { mkdir } from 'node:fs/promises';
import { optionUnknownChoice } from '../common/errors.ts';
import { silentLogger, type Logger } from '../common/log.ts';
import { buildModel } from './buildModel.ts';
import { withBuildLock } from './buildLock.ts';
import type { BuiltModelMetadata } from './builtModelMetadata.ts';
import { readExistingModel } from './existingModel.ts';
import { builtInModelNames, modelRecipes, type BuiltInModelName } from './modelRecipes.ts';

/** What to build, and where. */
export interface BuildModelsOptions {
  readonly modelsDir: string;
  /** Which built-in models (default: all). */
  readonly models?: readonly BuiltInModelName[];
  /** Rebuild models that are already built and current. */
  readonly force?: boolean;
  readonly logger?: Logger;
}

/**
 * Builds the requested models (fp32 and int8 each) into `modelsDir`, skipping those already built
 * by the current pipeline unless `force`, and returns the metadata of every requested version,
 * fp32 then int8, model by model. Every file is written atomically; a lock file in `modelsDir`
 * makes concurrent calls wait for each other instead of building twice.
 */
export async function buildModels(options: BuildModelsOptions): Promise<BuiltModelMetadata[]> {
  const { modelsDir, models = builtInModelNames, force = false, logger = silentLogger } = options;
  for (const name of models) {
    if (!builtInModelNames.includes(name)) {
      throw optionUnknownChoice('--models', 'model', String(name), builtInModelNames);
    }
  }
  await mkdir(modelsDir, { recursive: true });
  return withBuildLock(
    modelsDir,
    async () => {
      const built: BuiltModelMetadata[] = [];
      for (const name of models) {
        const existing = force ? undefined : await readExistingModel(modelsDir, name);
        if (existing !== undefined) {
          logger.info('model_up_to_date', { model: name, modelsDir });
          built.push(...existing);
        } else built.push(...(await buildModel(modelsDir, modelRecipes[name], logger)));
      }
      return built;
    },
    { logger },
  );
}
