// Messages of comparing variants (`infercap compare`, and `infercap run` of a scenario with variants): the
// options of model quality, and why a variant's model could not be measured (kept in the comparison).

import { InfercapError } from './infercapError.ts';
import { optionError, runtime } from './kinds.ts';

export const minAgreementNotValid = (got: unknown) => optionError('--min-agreement', `must be a share from 0 to 1, e.g. 0.99, got ${String(got)}`);

export const minCosineNotValid = (got: unknown) => optionError('--min-cosine', `must be from -1 to 1, e.g. 0.999, got ${String(got)}`);

export const modelFileOptionMalformed = (value: string) =>
  optionError('--model-file', `"${value}" is not VARIANT=PATH, e.g. --model-file int8=models/my-model/int8/model.onnx`);

export const modelFileOptionUnknownVariant = (variant: string, known: readonly string[]) =>
  optionError('--model-file', `no variant is labelled "${variant}"; the variants are ${known.join(', ')}`);

export const modelFileOptionMissing = (variant: string, path: string) => optionError('--model-file', `${variant}=${path}: no such file`);

/** Why a variant's model quality was not measured: its target was a URL, whose model file the harness cannot see. */
export const qualityModelFileUnknown = (variant: string, url: string) =>
  new InfercapError('E_QUALITY_MODEL_UNKNOWN', `variant ${variant} drove ${url}, whose model file infercap cannot see: give it with --model-file ${variant}=PATH`);

/** Why a variant's model quality was not measured: the model would not run on the quality inputs. */
export const qualityModelFailed = (variant: string, path: string, problem: string) =>
  new InfercapError('E_QUALITY_MODEL_FAILED', `variant ${variant}: ${path} did not run on the quality inputs: ${problem}`, runtime);
