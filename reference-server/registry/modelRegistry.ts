// Loads every discovered model version into its instances (worker threads with warmed-up ONNX Runtime
// sessions) and answers lookups from memory only: a request's model name never reaches the filesystem.
// A version that cannot load (corrupt file, unsupported op, a config that does not fit) is kept as
// UNAVAILABLE with its reason; the others serve.

import { modelNotReady, unknownModel, unknownModelVersion } from '../../common/errors.ts';
import type { Logger } from '../../common/log.ts';
import { ModelStatistics } from '../metrics/modelStatistics.ts';
import { ModelInstances } from '../inference/modelInstances.ts';
import type { OrtSessionOptions } from '../inference/ortSession.ts';
import type { ModelSignature } from '../inference/tensor.ts';
import type { ModelConfig } from './modelConfig.ts';
import type { DiscoveredModel } from './modelDirectory.ts';
import { planServing, type ServingDefaults, type ServingPlan } from './servingPlan.ts';

interface ModelVersionBase {
  readonly name: string;
  readonly version: string;
  readonly path: string;
  readonly config: ModelConfig;
  readonly stats: ModelStatistics;
}

/** A version that serves. */
export interface LoadedModel extends ModelVersionBase {
  readonly state: 'READY';
  readonly signature: ModelSignature;
  readonly plan: ServingPlan;
  readonly instances: ModelInstances;
}

/** A version that could not load, with the reason. */
export interface UnavailableModel extends ModelVersionBase {
  readonly state: 'UNAVAILABLE';
  readonly reason: string;
}

export type ModelVersion = LoadedModel | UnavailableModel;

export interface ModelRegistry {
  /** Every version that serves, ordered by model then version. */
  readonly models: readonly LoadedModel[];
  /** Every version found, serving or not, ordered by model then version. */
  readonly all: readonly ModelVersion[];
  defaultVersion(name: string): string;
  versionsOf(name: string): readonly string[];
  /** The version, the model's default when `version` is undefined, ready or not; 404 errors otherwise. */
  lookup(name: string, version?: string): ModelVersion;
  /** As lookup, and 503 E_MODEL_NOT_READY (with the reason) for a version that could not load. */
  resolve(name: string, version?: string): LoadedModel;
  close(): Promise<void>;
}

async function loadVersion(
  model: DiscoveredModel,
  version: string,
  path: string,
  options: OrtSessionOptions & ServingDefaults,
): Promise<LoadedModel> {
  if (model.configProblem !== undefined) throw model.configProblem;
  const hints = Object.fromEntries((model.config.input ?? []).flatMap((input) => (input.dims === undefined ? [] : [[input.name, input.dims]])));
  const instanceCount = model.config.instance_group?.[0]?.count ?? options.modelInstances;
  const instances = await ModelInstances.open(path, options, instanceCount, model.name, version, hints);
  try {
    const plan = planServing(instances.signature, model.config, options, model.dir);
    return { state: 'READY', name: model.name, version, path, config: model.config, stats: new ModelStatistics(), signature: instances.signature, plan, instances };
  } catch (error) {
    await instances.close();
    throw error;
  }
}

export async function loadModelRegistry(
  discovered: readonly DiscoveredModel[],
  options: OrtSessionOptions & ServingDefaults,
  logger: Logger,
): Promise<ModelRegistry> {
  const found = new Map<string, Map<string, ModelVersion>>();
  const defaults = new Map<string, string>();
  const all: ModelVersion[] = [];
  // Every version loads at once, each in its own worker thread: a server (and a replica) is ready in the time
  // of its slowest model, not of their sum.
  const load = async (model: DiscoveredModel, version: string, path: string): Promise<ModelVersion> => {
    const started = performance.now();
    try {
      const entry = await loadVersion(model, version, path, options);
      logger.info('model.loaded', { model: model.name, version, ms: Math.round(performance.now() - started) });
      return entry;
    } catch (error) {
      const reason = (error as Error).message;
      logger.error('model.load_failed', { model: model.name, version, reason });
      return { state: 'UNAVAILABLE', name: model.name, version, path, config: model.config, stats: new ModelStatistics(), reason };
    }
  };
  const loaded = await Promise.all(discovered.map((model) => Promise.all(model.versions.map(({ version, path }) => load(model, version, path)))));
  discovered.forEach((model, i) => {
    const entries = loaded[i]!;
    found.set(model.name, new Map(entries.map((entry) => [entry.version, entry])));
    defaults.set(model.name, model.defaultVersion);
    all.push(...entries);
  });
  const ready = all.filter((entry): entry is LoadedModel => entry.state === 'READY');

  const versionsOf = (name: string) => {
    const versions = found.get(name);
    if (versions === undefined) throw unknownModel(name);
    return versions;
  };
  const lookup = (name: string, version?: string) => {
    const versions = versionsOf(name);
    const chosen = version ?? defaults.get(name)!;
    const entry = versions.get(chosen);
    if (entry === undefined) throw unknownModelVersion(name, chosen, [...versions.keys()]);
    return entry;
  };
  return {
    models: ready,
    all,
    defaultVersion: (name) => {
      versionsOf(name);
      return defaults.get(name)!;
    },
    versionsOf: (name) => [...versionsOf(name).keys()],
    lookup,
    resolve: (name, version) => {
      const entry = lookup(name, version);
      if (entry.state !== 'READY') throw modelNotReady(entry.name, entry.version, entry.reason);
      return entry;
    },
    close: async () => {
      await Promise.allSettled(ready.map((model) => model.instances.close()));
    },
  };
}
