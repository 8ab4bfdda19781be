// Messages about a workload's inputs (harness/workload): what the model takes, and recorded input data.

import { InfercapError } from './infercapError.ts';

/** A workload's `inputs` names an input the model does not have. */
export const unknownModelInput = (model: string, input: string, known: readonly string[]) =>
  new InfercapError('E_INVALID_INPUTS', `workload: inputs.${input}: model ${model} has no input ${JSON.stringify(input)}; its inputs are ${known.join(', ')}`);

/** An input's values or shape do not fit what the model takes (`field` is e.g. `inputs.image.shape`). */
const inputUnfit = (model: string, field: string, problem: string) =>
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
const inputDataInvalid = (file: string, problem: string, step?: number, input?: string) =>
  new InfercapError('E_INVALID_INPUT_DATA', `${file}: ${step === undefined ? '' : `step ${step}: `}${input === undefined ? '' : `input ${input}: `}${problem}`);

// ---- named messages for the shapes above (call sites pass only the variable parts) ----------------------

/** `reason`: a value generator's words on why the value does not fit the datatype. */
export const inputValueNotFit = (model: string, field: string, value: unknown, reason: string) => inputUnfit(model, field, `${String(value)} ${reason}`);

export const inputSequenceNotInteger = (model: string, field: string, datatype: string) =>
  inputUnfit(model, field, `start and step must be integers for ${datatype}`);

export const inputShapeRankWrong = (model: string, input: string, given: readonly number[], modelDims: number, modelShape: readonly number[], batched: boolean) =>
  inputUnfit(
    model,
    `inputs.${input}.shape`,
    `[${given.join(', ')}] has ${given.length} dims; ${input} takes ${modelDims} (model shape [${modelShape.join(', ')}]${batched ? ', batch dim first, left out here' : ''})`,
  );

export const inputShapeClash = (model: string, input: string, given: readonly number[], dim: number, fixed: number | undefined, modelShape: readonly number[]) =>
  inputUnfit(
    model,
    `inputs.${input}.shape`,
    `[${given.join(', ')}] sets dim ${dim} to ${given[dim]}, but the model fixes it at ${fixed} (model shape [${modelShape.join(', ')}])`,
  );

/** `inputs` as the model's signature gives them. */
export const mnistNeedsMnistInput = (model: string, rowWidth: number, inputs: readonly { name: string; datatype: string; shape: readonly number[] }[]) =>
  inputUnfit(
    model,
    'inputs',
    `mnist needs a model taking ${rowWidth} FP32 values per row; its inputs are ${inputs.map((input) => `${input.name} ${input.datatype} [${input.shape.join(', ')}]`).join(', ')}: leave inputs out, or use inputs: random`,
  );

/** `reason`: the file system's. */
export const inputDataUnreadable = (file: string, reason: string) => inputDataInvalid(file, `cannot be read: ${reason}`);

/** A recorded-inputs path (a JSON file or a folder of .npy files) that does not exist. */
export const inputDataMissing = (file: string) => inputDataUnreadable(file, 'no such file or folder');

/** A recorded-inputs file (a JSON file only) that does not exist. */
export const inputDataFileMissing = (file: string) => inputDataUnreadable(file, 'no such file');

/** What the reader of the file's format (perf_analyzer JSON, .npy) says is wrong, relayed in its words. */
export const inputDataNotParsed = (file: string, parserProblem: string, step?: number, input?: string) => inputDataInvalid(file, parserProblem, step, input);

export const inputDataStepLacks = (file: string, step: number, missing: readonly string[]) =>
  inputDataInvalid(file, `gives no ${missing.join(', ')}; every step gives the inputs step 0 gives`, step);

export const inputDataStepAdds = (file: string, step: number, extra: readonly string[]) =>
  inputDataInvalid(file, `gives ${extra.join(', ')}, which step 0 does not; every step gives the same inputs`, step);

export const inputDataFolderEmpty = (dir: string) => inputDataInvalid(dir, 'holds no .npy files; give one <input name>.npy per input, first axis the step');

export const inputDataDatatypeWrong = (file: string, held: string, input: string, takes: string) =>
  inputDataInvalid(file, `holds ${held}; input ${input} takes ${takes}`);

export const inputDataScalar = (file: string) =>
  inputDataInvalid(file, 'is a scalar; its first axis is the step, so a scalar input is saved with shape (steps,)');

export const inputDataStepCountsDiffer = (file: string, steps: number, firstFile: string, firstSteps: number) =>
  inputDataInvalid(file, `holds ${steps} steps (first axis); ${firstFile} holds ${firstSteps}`);

export const inputDataShapesDiffer = (origin: string, step: number, input: string, shape: readonly number[], firstStep: number, first: readonly number[], rows: number) =>
  inputDataInvalid(
    origin,
    `shape [${shape.join(', ')}] differs from step ${firstStep}'s [${first.join(', ')}], and rows ${rows} stacks them into one request; give every step one shape or set rows: 1`,
    step,
    input,
  );

export const inputDataWithoutSteps = (origin: string) => inputDataInvalid(origin, 'holds no steps');

export const inputDataUnknownInput = (origin: string, step: number | undefined, model: string, input: string, known: readonly string[]) =>
  inputDataInvalid(origin, `model ${model} has no input ${JSON.stringify(input)}; its inputs are ${known.join(', ')}`, step, input);

export const inputGivenTwice = (model: string, input: string) =>
  inputUnfit(model, `inputs.${input}`, `${input} is given by inputData; keep only its shape here (the size of its dynamic dims), or leave it out of the data`);
