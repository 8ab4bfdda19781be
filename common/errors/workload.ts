// Messages about a workload's inputs (harness/workload): what the model takes, and recorded input data.

import { InfercapError } from './infercapError.ts';

/** A workload's `inputs` names an input the model does not have. */
export const unknownModelInput = (model: string, input: string, known: readonly string[]) =>
  new InfercapError('E_INVALID_INPUTS', `workload: inputs.${input}: model ${model} has no input ${JSON.stringify(input)}; its inputs are ${known.join(', ')}`);

/** An input's values or shape do not fit what the model takes (`field` is e.g. `inputs.image.shape`). */
export const inputUnfit = (model: string, field: string, problem: string) =>
  new InfercapError('E_INVALID_INPUTS', `workload: ${field}: ${problem} (model ${model})`);

/** A non-batch dim of an input is dynamic and nothing gives its size. */
export const inputShapeNeeded = (model: string, input: string, modelShape: readonly number[], dim: number) =>
  new InfercapError(
    'E_INVALID_INPUTS',
    `workload: inputs.${input}: model ${model} leaves dim ${dim} of ${input} [${modelShape.join(', ')}] dynamic; give its size with inputs: { ${input}: { shape: [...] } } (the shape without the batch dim, as perf_analyzer's --shape)`,
  );

/** rows > 1 for a model none of whose inputs has a batch dimension. */
export const rowsWithoutBatchDim = (model: string, rows: number) =>
  new InfercapError('E_INVALID_INPUTS', `workload: rows: model ${model} has no batch dimension, so every request carries one whole tensor per input; rows ${rows} does not apply, set rows: 1`);

/** More rows than the model's max_batch_size: every request would be refused. */
export const rowsAboveMaxBatchSize = (model: string, rows: number, maxBatchSize: number) =>
  new InfercapError('E_INVALID_INPUTS', `workload: rows: ${rows} rows per request are more than model ${model}'s max_batch_size (${maxBatchSize}), and every request would be refused; lower rows`);

/** A recorded-inputs file (perf_analyzer JSON or .npy) that cannot be used: `file: step N: input X: problem`. */
export const inputDataInvalid = (file: string, problem: string, step?: number, input?: string) =>
  new InfercapError('E_INVALID_INPUT_DATA', `${file}: ${step === undefined ? '' : `step ${step}: `}${input === undefined ? '' : `input ${input}: `}${problem}`);
