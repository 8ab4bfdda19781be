// Loads every discovered model version into its instances (worker threads with warmed-up ONNX Runtime
// sessions) and answers lookups from memory only: a request's model name never reaches the filesystem.

import { unknownModel, unknownModelVersion } from '../../common/errors.ts';
import type { Logger } from '../../common/log.ts';
import { ModelInstances } from '../inference/modelInstances.ts';
import type { OrtSessionOptions } from '../inference/ortSession.ts';
import type { ModelSignature } from '../inference/tensor.ts';
import type { DiscoveredModel } from './modelDirectory.ts';

export interface LoadedModel {
  readonly name: string;
  readonly version: string;
  readonly path: string;
  readonly signature: ModelSignature;
  readonly instances: ModelInstances;
}

export interface ModelRegistry {
  /** Every loaded version, ordered by model then version. */
  readonly models: readonly LoadedModel[];
  defaultVersion(name: string): string;
  versionsOf(name: string): readonly string[];
  /** The loaded version, the model's default when `version` is undefined; 404 errors otherwise. */
  resolve(name: string, version?: string): LoadedModel;
  close(): Promise<void>;
}

export async function loadModelRegistry(
  discovered: readonly DiscoveredModel[],
  sessionOptions: OrtSessionOptions & { readonly modelInstances: number },
  logger: Logger,
): Promise<ModelRegistry> {
  const loaded = new Map<string, Map<string, LoadedModel>>();
  const defaults = new Map<string, string>();
  const all: LoadedModel[] = [];
  try {
    for (const model of discovered) {
      const versions = new Map<string, LoadedModel>();
      for (const { version, path } of model.versions) {
        const started = performance.now();
        const instances = await ModelInstances.open(path, sessionOptions, sessionOptions.modelInstances, model.name, version);
        const entry: LoadedModel = { name: model.name, version, path, signature: instances.signature, instances };
        versions.set(version, entry);
        all.push(entry);
        logger.info('model.loaded', { model: model.name, version, ms: Math.round(performance.now() - started) });
      }
      loaded.set(model.name, versions);
      defaults.set(model.name, model.defaultVersion);
    }
  } catch (error) {
    await Promise.allSettled(all.map((model) => model.instances.close()));
    throw error;
  }

  const versionsOf = (name: string) => {
    const versions = loaded.get(name);
    if (versions === undefined) throw unknownModel(name);
    return versions;
  };
  return {
    models: all,
    defaultVersion: (name) => {
      versionsOf(name);
      return defaults.get(name)!;
    },
    versionsOf: (name) => [...versionsOf(name).keys()],
    resolve: (name, version) => {
      const versions = versionsOf(name);
      const chosen = version ?? defaults.get(name)!;
      const model = versions.get(chosen);
      if (model === undefined) throw unknownModelVersion(name, chosen, [...versions.keys()]);
      return model;
    },
    close: async () => {
      await Promise.allSettled(all.map((model) => model.instances.close()));
    },
  };
}
