// The quality side of a model comparison, measured for real: each variant's model file run in an ONNX
// Runtime session over the MNIST test split, its accuracy, and how often it agrees with the first
// variant's model on the predicted digit.

import ort from 'onnxruntime-node';
import { isInfercapError } from '../../common/errors.ts';
import { createOrtSession } from '../../reference-server/inference/ortSession.ts';
import { accuracyOf, argmaxAgreement } from '../../models/classificationMetrics.ts';
import { defaultModelsDir, loadMnistTestSplit, mnistClassCount, mnistPixelCount } from '../../models/index.ts';
import { discoverModels, isValidModelIdentifier } from '../../reference-server/registry/modelDirectory.ts';
import type { VariantQuality } from '../../harness/results/comparisonResults.ts';
import type { ComparisonVariant } from './comparisonCharts.ts';
import { runModelOf } from './runModel.ts';

export type { VariantQuality };

export interface ModelQualityOptions {
  /** Where the model files are when a run's scenario does not say; the built models by default. */
  readonly modelsDir?: string;
  /** The first `rows` test digits only (all 2,000 by default): the heavy models take a while. */
  readonly rows?: number;
}

/** The model file a variant served: its scenario's model and version, the default version resolved as the server does. */
function modelFileOf(variant: ComparisonVariant, fallbackDir: string): { model: string; version: string; path: string } | { unavailable: string; declared?: string } {
  const run = runModelOf(variant.results);
  if (run === undefined) return { unavailable: 'its scenario names no model' };
  const declared = `${run.model}/${run.version ?? 'default'}`;
  if (!isValidModelIdentifier(run.model) || (run.version !== undefined && !isValidModelIdentifier(run.version))) {
    return { unavailable: `model "${run.model}" version "${run.version ?? ''}" is not a model name`, declared };
  }
  const modelsDir = run.modelsDir ?? fallbackDir;
  try {
    const [found] = discoverModels(modelsDir, [run.model]);
    const version = run.version ?? found!.defaultVersion;
    const file = found!.versions.find((v) => v.version === version);
    if (file === undefined) return { unavailable: `model ${run.model} has no version ${version} in ${modelsDir}`, declared };
    return { model: run.model, version, path: file.path };
  } catch (error) {
    if (isInfercapError(error)) return { unavailable: error.message, declared };
    throw error;
  }
}

/** Class probabilities of the first `count` test rows, from the model at `path` in a CPU session, 500 rows per run. */
async function classify(path: string, rows: Float32Array, count: number): Promise<Float32Array> {
  const session = await createOrtSession(path, { executionProvider: 'cpu', intraOpThreads: 0, interOpThreads: 0, allowSpinning: false });
  try {
    const probabilities = new Float32Array(count * mnistClassCount);
    for (let start = 0; start < count; start += 500) {
      const n = Math.min(500, count - start);
      const input = new ort.Tensor('float32', rows.slice(start * mnistPixelCount, (start + n) * mnistPixelCount), [n, mnistPixelCount]);
      const output = (await session.run({ [session.inputNames[0]!]: input }))[session.outputNames[0]!]!;
      if (output.data.length !== n * mnistClassCount) throw new Error(`${path}: expected ${mnistClassCount} class probabilities per row`);
      probabilities.set(output.data as Float32Array, start * mnistClassCount);
    }
    return probabilities;
  } finally {
    await session.release();
  }
}

/**
 * Accuracy and agreement with the first variant for each variant, when the variants served at least
 * two different model files (a model comparison); undefined otherwise. Each file is run once.
 */
export async function modelQuality(variants: readonly ComparisonVariant[], options: ModelQualityOptions = {}): Promise<VariantQuality[] | undefined> {
  const files = variants.map((variant) => modelFileOf(variant, options.modelsDir ?? defaultModelsDir));
  const served = new Set(files.map((file) => ('path' in file ? file.path : (file.declared ?? ''))));
  if (served.size < 2) return undefined;
  const paths = new Set(files.flatMap((file) => ('path' in file ? [file.path] : [])));
  const test = loadMnistTestSplit();
  const count = Math.min(test.count, options.rows ?? test.count);
  const labels = test.labels.subarray(0, count);
  const outputs = new Map<string, Float32Array>();
  for (const path of paths) outputs.set(path, await classify(path, test.rows, count));
  const reference = 'path' in files[0]! ? outputs.get(files[0].path) : undefined;
  return files.map((file, i): VariantQuality => {
    const label = variants[i]!.label;
    if ('unavailable' in file) return { label, unavailable: file.unavailable };
    const probabilities = outputs.get(file.path)!;
    return {
      label,
      model: file.model,
      version: file.version,
      accuracy: accuracyOf(probabilities, labels, mnistClassCount),
      agreement: reference === undefined ? null : argmaxAgreement(reference, probabilities, count, mnistClassCount),
      rows: count,
    };
  });
}
