// The quality side of a comparison, measured for real: each variant's model file run in an ONNX Runtime
// session on the same inputs (a --quality-data file, else the run's own inputs), and each output set
// against the first variant's: top-1 agreement and accuracy for class scores, error and cosine otherwise.
// Outputs are class scores when they are float `[rows, classes]` (2 classes or more), as a classifier's
// logits or probabilities are; a regression's `[rows, 1]` or `[rows]` and every other output are values.

import path from 'node:path';
import ort from 'onnxruntime-node';
import { isInfercapError, modelFileInvalid, qualityModelFailed, qualityModelFileUnknown } from '../../common/errors.ts';
import { defaultModelsDir } from '../../models/index.ts';
import { withEvaluationSession } from '../../models/onnxRuntimeRunner.ts';
import { classAgreement, valueAgreement } from '../../models/quality/outputAgreement.ts';
import { discoverModels, isValidModelIdentifier } from '../../reference-server/registry/modelDirectory.ts';
import type { ModelQuality, OutputQuality, VariantQuality } from '../results/comparisonResults.ts';
import { describeSession } from '../../reference-server/inference/ortSession.ts';
import { datatypeInfo } from '../../reference-server/tensors/datatypes.ts';
import { signatureFromMetadata, type ModelSignature } from '../target/modelSignature.ts';
import type { NamedTensor } from '../workload/tensorSource.ts';
import type { ComparisonVariant } from './comparisonVariant.ts';
import { qualityInputsOf, type QualityInputs } from './qualityInputs.ts';
import { runModelOf } from './runModel.ts';

export type { VariantQuality };

/** The bar a faster variant's outputs must meet to be shipped: 99 % top-1 agreement, cosine 0.999 for other outputs. */
export const defaultQualityBar = { minAgreement: 0.99, minCosine: 0.999 } as const;

export interface ModelQualityOptions {
  /** Where the model files are when a run's scenario does not say; the built models by default. */
  readonly modelsDir?: string;
  /** Only the first `rows` rows (MNIST digits, random rows) or requests (a quality-data file). */
  readonly rows?: number;
  /** A perf_analyzer input-data file to run the models on instead of the run's own inputs. */
  readonly qualityData?: string;
  /** Model files by variant label, over what the runs' scenarios say (a URL target's file, say). */
  readonly modelFiles?: Readonly<Record<string, string>>;
  readonly minAgreement?: number;
  readonly minCosine?: number;
}

type ModelFile = { model: string; version: string | null; path: string } | { unavailable: string; declared?: string };

/** The model file a variant served: --model-file, else its scenario's model and version, the default version resolved as the server does. */
function modelFileOf(variant: ComparisonVariant, options: ModelQualityOptions): ModelFile {
  const run = runModelOf(variant.results);
  const given = options.modelFiles?.[variant.label];
  if (given !== undefined) return { model: run?.model ?? path.basename(path.dirname(path.resolve(given))), version: run?.version ?? null, path: path.resolve(given) };
  if (run === undefined) return { unavailable: 'its scenario names no model' };
  const declared = `${run.url ?? ''} ${run.model}/${run.version ?? 'default'}`;
  if (run.url !== undefined) return { unavailable: qualityModelFileUnknown(variant.label, run.url).message, declared };
  if (!isValidModelIdentifier(run.model) || (run.version !== undefined && !isValidModelIdentifier(run.version))) {
    return { unavailable: `model "${run.model}" version "${run.version ?? ''}" is not a model name`, declared };
  }
  const modelsDir = run.modelsDir ?? options.modelsDir ?? defaultModelsDir;
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

/** One output of a model over all the quality inputs: its values in order, rows (first dimension summed) and row width. */
interface ModelOutput {
  readonly values: Float64Array;
  readonly rows: number;
  readonly width: number;
  /** Float `[rows, classes]` with 2 classes or more: class scores. */
  readonly classScores: boolean;
}

/** The signature the harness would read from a server serving the model at `file`: dynamic first dims are the batch. */
function signatureOf(model: string, file: string, session: ort.InferenceSession): ModelSignature {
  const signature = signatureFromMetadata(model, { inputs: describeSession(file, session).inputs });
  if (typeof signature === 'string') throw modelFileInvalid(file, signature);
  return signature;
}

/** The inputs of the comparison: the file when given, else what the first variant's run sent, shaped by the first variant's model. */
async function qualityInputsFor(variants: readonly ComparisonVariant[], reference: { model: string; path: string }, options: ModelQualityOptions): Promise<QualityInputs> {
  const run = runModelOf(variants[0]!.results);
  const signature = await withEvaluationSession(reference.path, async (session) => signatureOf(reference.model, reference.path, session));
  return qualityInputsOf(signature, run?.workload ?? { rows: 1, inputs: undefined, inputData: undefined }, run?.seed ?? 1, {
    ...(options.qualityData === undefined ? {} : { qualityData: options.qualityData }),
    ...(options.rows === undefined ? {} : { limit: options.rows }),
  });
}

/** A request's tensors as ORT feeds; a request of one tensor feeds a model of one input whatever its name. */
function feedsOf(request: readonly NamedTensor[], inputNames: readonly string[]): Record<string, ort.Tensor> {
  const tensor = (t: NamedTensor) => new ort.Tensor(datatypeInfo[t.datatype].ort as 'float32', t.data as Float32Array, [...t.shape]);
  if (request.length === 1 && inputNames.length === 1) return { [inputNames[0]!]: tensor(request[0]!) };
  return Object.fromEntries(request.map((t) => [t.name, tensor(t)]));
}

/** Runs the model at `file` on every request; returns each output, concatenated over the requests. */
async function outputsOf(file: string, inputs: QualityInputs): Promise<Map<string, ModelOutput>> {
  return withEvaluationSession(file, async (session) => {
    const chunks = new Map<string, { values: Float64Array[]; rows: number; width: number; classScores: boolean }>();
    for (const request of inputs.requests) {
      const result = await session.run(feedsOf(request, session.inputNames));
      for (const meta of session.outputMetadata) {
        const tensor = result[meta.name]!;
        const dims = tensor.dims;
        const rows = dims.length === 0 ? 1 : dims[0]!;
        const width = rows === 0 ? 0 : tensor.size / rows;
        const values = Float64Array.from(tensor.data as ArrayLike<number | bigint>, Number);
        const classScores = meta.isTensor && meta.type.startsWith('float') && dims.length === 2 && width >= 2;
        const seen = chunks.get(meta.name);
        if (seen === undefined) chunks.set(meta.name, { values: [values], rows, width, classScores });
        else chunks.set(meta.name, { values: [...seen.values, values], rows: seen.rows + rows, width: seen.width === width ? width : -1, classScores: seen.classScores && classScores });
      }
    }
    const outputs = new Map<string, ModelOutput>();
    for (const [name, { values, rows, width, classScores }] of chunks) {
      const all = new Float64Array(values.reduce((n, v) => n + v.length, 0));
      let offset = 0;
      for (const chunk of values) {
        all.set(chunk, offset);
        offset += chunk.length;
      }
      outputs.set(name, { values: all, rows, width, classScores: classScores && width > 0 });
    }
    return outputs;
  });
}

/** Each output of `candidate` against the same output of `reference`; a string says why they cannot be compared. */
export function compareOutputs(reference: ReadonlyMap<string, ModelOutput>, candidate: ReadonlyMap<string, ModelOutput>, inputs: Pick<QualityInputs, 'labelsFor'>): OutputQuality[] | string {
  const compared: OutputQuality[] = [];
  for (const [name, base] of reference) {
    const other = candidate.get(name);
    if (other === undefined) return `its model has no output ${name}`;
    if (other.values.length !== base.values.length) return `its output ${name} has ${other.values.length} values where the first variant's has ${base.values.length}`;
    if (base.classScores && other.classScores && base.width === other.width) {
      const labels = inputs.labelsFor(name, base.rows, base.width);
      compared.push({ output: name, kind: 'classes', rows: base.rows, classes: base.width, ...classAgreement(base.values, other.values, base.rows, base.width, labels) });
    } else {
      compared.push({ output: name, kind: 'values', elements: base.values.length, ...valueAgreement(base.values, other.values) });
    }
  }
  return compared;
}

/** Whether every output meets the bar. */
export function meetsBar(outputs: readonly OutputQuality[], bar: ModelQuality['bar']): boolean {
  return outputs.every((o) => (o.kind === 'classes' ? o.agreement >= bar.minAgreement : o.cosine >= bar.minCosine));
}

/**
 * Each variant's outputs against the first variant's, when the variants served at least two different
 * model files (a model comparison) or files were given; undefined otherwise. Each file is run once.
 * @throws InfercapError (exit code 2) when a --quality-data file does not fit the first variant's model.
 */
export async function modelQuality(variants: readonly ComparisonVariant[], options: ModelQualityOptions = {}): Promise<ModelQuality | undefined> {
  const files = variants.map((variant) => modelFileOf(variant, options));
  const served = new Set(files.map((file) => ('path' in file ? file.path : (file.declared ?? ''))));
  if (served.size < 2) return undefined;
  const bar = { minAgreement: options.minAgreement ?? defaultQualityBar.minAgreement, minCosine: options.minCosine ?? defaultQualityBar.minCosine };
  const first = files[0]!;
  const unavailable = (reason: string): ModelQuality => ({
    inputs: { source: options.qualityData === undefined ? 'run' : 'quality-data', description: 'nothing: no model ran' },
    bar,
    variants: files.map((file, i) => ({ label: variants[i]!.label, unavailable: 'unavailable' in file ? file.unavailable : reason })),
  });
  if ('unavailable' in first) return unavailable(`the first variant's model, the reference of every comparison, is not known: ${first.unavailable}`);
  let inputs: QualityInputs;
  try {
    inputs = await qualityInputsFor(variants, first, options);
  } catch (error) {
    // A --quality-data file that does not fit the model is the user's to fix (exit 2); run inputs that cannot be rebuilt only leave quality out.
    if (isInfercapError(error) && options.qualityData === undefined) return unavailable(error.message);
    throw error;
  }
  const outputs = new Map<string, Map<string, ModelOutput> | string>();
  for (const [i, file] of files.entries()) {
    if (!('path' in file) || outputs.has(file.path)) continue;
    try {
      outputs.set(file.path, await outputsOf(file.path, inputs));
    } catch (error) {
      outputs.set(file.path, qualityModelFailed(variants[i]!.label, file.path, (error as Error).message.split('\n')[0]!).message);
    }
  }
  const reference = outputs.get(first.path)!;
  return {
    inputs: { source: inputs.source, description: inputs.description },
    bar,
    variants: files.map((file, i): VariantQuality => {
      const label = variants[i]!.label;
      if ('unavailable' in file) return { label, unavailable: file.unavailable };
      const own = outputs.get(file.path)!;
      if (typeof reference === 'string') return { label, unavailable: reference };
      if (typeof own === 'string') return { label, unavailable: own };
      const compared = compareOutputs(reference, own, inputs);
      if (typeof compared === 'string') return { label, unavailable: compared };
      return { label, model: file.model, version: file.version, file: file.path, outputs: compared, meetsBar: meetsBar(compared, bar) };
    }),
  };
}
