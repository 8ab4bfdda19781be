// The flags of a comparison, one definition for both commands that compute one: `infercap compare` and
// `infercap run` of a scenario with variants. They become the comparison's options, checked here.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inputDataFileMissing, inputDataNotParsed, inputDataUnreadable, minAgreementNotValid, minCosineNotValid, modelFileOptionMalformed, modelFileOptionMissing, optionNotCount, priceNotValid } from '../../common/errors.ts';
import type { ComparisonOptions } from '../compare/computeComparison.ts';
import { defaultQualityBar } from '../compare/modelQuality.ts';
import { defaultPricePerReplicaHour } from '../compare/predictionCost.ts';
import { parseInputDataJson } from '../workload/perfAnalyzerInputData.ts';

export const comparisonFlagOptions = {
  'price-per-replica-hour': {
    type: 'number',
    default: defaultPricePerReplicaHour,
    describe: 'Price of one replica for an hour (USD by default, about one 2-vCPU VM): the cost per million predictions',
  },
  replicas: { type: 'number', describe: "Replicas behind each run's target, for the cost (default: what the run recorded, else 1)" },
  quality: {
    type: 'boolean',
    default: true,
    alias: 'accuracy',
    describe: "Run each variant's model file on the same inputs and compare their outputs (--no-quality skips it)",
  },
  'quality-data': {
    type: 'string',
    describe: "Inputs for the model quality in perf_analyzer's --input-data JSON ({\"data\": [{\"INPUT\": [...]}], \"validation_data\": [...] for labels}); default: the run's own inputs",
  },
  'quality-rows': { type: 'number', alias: 'accuracy-rows', describe: 'Only the first N rows (MNIST digits, random rows) or requests of --quality-data' },
  'model-file': {
    type: 'string',
    array: true,
    describe: "A variant's model file, VARIANT=PATH (repeatable): for URL targets, or files the scenario does not name",
  },
  'min-agreement': { type: 'number', default: defaultQualityBar.minAgreement, describe: 'The top-1 agreement a faster variant needs to be recommended' },
  'min-cosine': { type: 'number', default: defaultQualityBar.minCosine, describe: 'The cosine similarity of other outputs a faster variant needs to be recommended' },
} as const;

export interface ComparisonFlags {
  readonly pricePerReplicaHour?: number | undefined;
  readonly replicas?: number | undefined;
  readonly quality?: boolean | undefined;
  readonly qualityData?: string | undefined;
  readonly qualityRows?: number | undefined;
  readonly modelFile?: readonly string[] | undefined;
  readonly minAgreement?: number | undefined;
  readonly minCosine?: number | undefined;
}

/** `["int8=a/model.onnx"]` → `{ int8: "a/model.onnx" }`; each file must exist. */
export function parseModelFiles(values: readonly string[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0 || at === value.length - 1) throw modelFileOptionMalformed(value);
    const [label, file] = [value.slice(0, at), value.slice(at + 1)];
    if (!existsSync(file)) throw modelFileOptionMissing(label, file);
    files[label] = path.resolve(file);
  }
  return files;
}

/**
 * `file`, checked now to be perf_analyzer input data (a run reads it only after its traffic; a bad file
 * should fail before). Against the model it is checked when the comparison runs it.
 */
export function checkedQualityData(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === 'ENOENT' ? inputDataFileMissing(file) : inputDataUnreadable(file, (error as Error).message);
  }
  const parsed = parseInputDataJson(text);
  if (!Array.isArray(parsed)) throw inputDataNotParsed(file, parsed.problem, parsed.step, parsed.input);
  return path.resolve(file);
}

const isShare = (value: number) => Number.isFinite(value) && value >= 0 && value <= 1;

/** The comparison's options from its flags; a bad value is an exit-2 error naming the flag. */
export function comparisonOptionsOf(flags: ComparisonFlags, modelsDir: string | undefined): ComparisonOptions {
  const { pricePerReplicaHour: price, replicas, qualityRows: rows, minAgreement, minCosine } = flags;
  if (price !== undefined && !(Number.isFinite(price) && price >= 0)) throw priceNotValid(price);
  if (replicas !== undefined && !(Number.isInteger(replicas) && replicas > 0)) throw optionNotCount('--replicas', replicas);
  if (rows !== undefined && !(Number.isInteger(rows) && rows > 0)) throw optionNotCount('--quality-rows', rows);
  if (minAgreement !== undefined && !isShare(minAgreement)) throw minAgreementNotValid(minAgreement);
  if (minCosine !== undefined && !(Number.isFinite(minCosine) && minCosine >= -1 && minCosine <= 1)) throw minCosineNotValid(minCosine);
  return {
    ...(price === undefined ? {} : { pricePerReplicaHour: price }),
    ...(replicas === undefined ? {} : { replicas }),
    ...(modelsDir === undefined ? {} : { modelsDir }),
    evaluateModels: flags.quality !== false,
    ...(rows === undefined ? {} : { rows }),
    ...(flags.qualityData === undefined ? {} : { qualityData: checkedQualityData(flags.qualityData) }),
    ...(flags.modelFile === undefined || flags.modelFile.length === 0 ? {} : { modelFiles: parseModelFiles(flags.modelFile) }),
    ...(minAgreement === undefined ? {} : { minAgreement }),
    ...(minCosine === undefined ? {} : { minCosine }),
  };
}
