// First-use model building for tests, the demo and benchmarks: build whatever is missing, once.

import { silentLogger, type Logger } from '../common/log.ts';
import { buildModels } from './buildModels.ts';
import { readExistingModel } from './existingModel.ts';
import { builtInModelNames } from './modelRecipes.ts';

/**
 * Makes sure every built-in model (fp32 and int8) is built and current in `modelsDir`, building
 * only the missing ones. Safe to call from several processes at once: they wait on the build lock,
 * and the ones that wait find the models built. Returns at once when nothing is missing.
 */
export async function ensureModels(modelsDir: string, logger: Logger = silentLogger): Promise<void> {
  const present = await Promise.all(builtInModelNames.map((name) => readExistingModel(modelsDir, name)));
  if (present.every((models) => models !== undefined)) return;
  await buildModels({ modelsDir, logger });
}
