// Loads every discovered model version into an ONNX Runtime session, warms it up, and answers lookups
// from memory only: a request's model name never reaches the filesystem.

import ort from 'onnxruntime-node';
import { modelLoadFailed, unknownModel, unknownModelVersion, isInfercapError } from '../../common/errors.ts';
import type { Logger } from '../../common/log.ts';
import { createOrtSession, describeSession, type OrtSessionOptions } from '../inference/ortSession.ts';
import type { ModelSignature } from '../inference/tensor.ts';
import { rowSize } from '../inference/tensor.ts';
import type { DiscoveredModel } from './modelDirectory.ts';

export interface LoadedModel {
  readonly name: string;
  readonly version: string;
  readonly path: string;
  readonly signature: ModelSignature;
  readonly session: ort.InferenceSession;
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

/** One inference on a zero-filled row, so the first real request does not pay for lazy initialisation. */
async function warmUp(session: ort.InferenceSession, signature: ModelSignature): Promise<void> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of signature.inputs) {
    feeds[input.name] = new ort.Tensor('float32', new Float32Array(rowSize(input.shape)), [1, ...input.shape.slice(1)]);
  }
  await session.run(feeds);
}

export async function loadModelRegistry(
  discovered: readonly DiscoveredModel[],
  sessionOptions: OrtSessionOptions,
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
        let session: ort.InferenceSession;
        try {
          session = await createOrtSession(path, sessionOptions);
        } catch (error) {
          if (isInfercapError(error)) throw error;
          throw modelLoadFailed(model.name, version, (error as Error).message);
        }
        const entry: LoadedModel = { name: model.name, version, path, signature: describeSession(path, session), session };
        versions.set(version, entry);
        all.push(entry);
        await warmUp(session, entry.signature);
        logger.info('model.loaded', { model: model.name, version, ms: Math.round(performance.now() - started) });
      }
      loaded.set(model.name, versions);
      defaults.set(model.name, model.defaultVersion);
    }
  } catch (error) {
    await Promise.allSettled(all.map((model) => model.session.release()));
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
      await Promise.allSettled(all.map((model) => model.session.release()));
    },
  };
}
