// A run's recorded inputs (workload.inputData): a perf_analyzer input-data JSON file, or a folder of
// `<input name>.npy` files whose first axis is the step. Each step's tensors are checked against the
// model (input names, datatypes, shapes) before any traffic; a problem reads `file: step N: input X: …`.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { inputDataDatatypeWrong, inputDataFolderEmpty, inputDataMissing, inputDataNotParsed, inputDataScalar, inputDataStepAdds, inputDataStepCountsDiffer, inputDataStepLacks, inputDataUnknownInput, inputDataUnreadable } from '../../common/errors.ts';
import { tensorDataFromBytes } from '../../reference-server/tensors/binaryTensorData.ts';
import { allocateData, type TensorData } from '../../reference-server/tensors/datatypes.ts';
import { storeJsonValue } from '../../reference-server/tensors/jsonTensorData.ts';
import type { InputsSpec } from '../scenario/inputsSchema.ts';
import type { ModelInputSignature, ModelSignature } from '../target/modelSignature.ts';
import { readNpy } from './npyFile.ts';
import { parseInputDataJson, type RawTensor } from './perfAnalyzerInputData.ts';
import type { DataStep, RecordedSteps } from './tensorSource.ts';

/** The shape of one step of `input` (the batch dim left out), -1 where the model leaves a dim dynamic and the workload gives no size. */
function stepTemplate(input: ModelInputSignature, specs: InputsSpec | undefined): readonly number[] {
  const spec = typeof specs === 'object' ? specs[input.name] : undefined;
  if (typeof spec === 'object' && spec.shape !== undefined) return spec.shape;
  return input.batched ? input.shape.slice(1) : input.shape;
}

/** The step's shape for `raw` given the template, or a problem. */
function stepShape(template: readonly number[], raw: RawTensor, count: number | undefined): readonly number[] | string {
  if (raw.shape !== undefined) {
    if (raw.shape.length !== template.length) return `"shape" [${raw.shape.join(', ')}] has ${raw.shape.length} dims; the input takes ${template.length} (batch dim left out) [${template.join(', ')}]`;
    const clash = template.findIndex((d, i) => d !== -1 && d !== raw.shape![i]);
    if (clash >= 0) return `"shape" [${raw.shape.join(', ')}] sets dim ${clash} to ${raw.shape[clash]}; the input fixes it at ${template[clash]}`;
    return raw.shape;
  }
  const dynamic = template.indexOf(-1);
  if (dynamic < 0) return template;
  // One dynamic dim can be inferred from the element count (perf_analyzer needs --shape for it).
  if (count !== undefined && template.filter((d) => d === -1).length === 1) {
    const fixed = template.reduce((product, d) => (d === -1 ? product : product * d), 1);
    if (fixed > 0 && count % fixed === 0) return template.map((d) => (d === -1 ? count / fixed : d));
  }
  return `the input's dim ${dynamic} is dynamic [${template.join(', ')}]; give {"content": […], "shape": […]} (or inputs.<name>.shape in the workload)`;
}

/** `raw` as the input's tensor data and shape, or a problem. */
function convert(input: ModelInputSignature, template: readonly number[], raw: RawTensor): { data: TensorData; shape: readonly number[] } | string {
  const shape = stepShape(template, raw, raw.values?.length);
  if (typeof shape === 'string') return shape;
  const count = shape.reduce((product, d) => product * d, 1);
  if (raw.bytes !== undefined) {
    const data = tensorDataFromBytes(input.datatype, raw.bytes, count);
    return typeof data === 'string' ? `"b64" ${data}` : { data, shape };
  }
  const values = raw.values ?? [];
  if (values.length !== count) return `holds ${values.length} values; shape [${shape.join(', ')}] takes ${count}`;
  const data = allocateData(input.datatype, count);
  for (let i = 0; i < count; i++) {
    // perf_analyzer's files write BOOL as 0/1 as often as false/true.
    const value = input.datatype === 'BOOL' && (values[i] === 0 || values[i] === 1) ? values[i] === 1 : values[i];
    const problem = storeJsonValue(input.datatype, value, data, i);
    if (problem !== undefined) return `value ${i} ${problem}`;
  }
  return { data, shape };
}

function inputOf(signature: ModelSignature, name: string, origin: string, step: number): ModelInputSignature {
  const input = signature.inputs.find((candidate) => candidate.name === name);
  if (input === undefined) {
    const known = signature.inputs.map((candidate) => candidate.name);
    throw inputDataUnknownInput(origin, step, signature.model, name, known);
  }
  return input;
}

function readJsonFile(file: string, signature: ModelSignature, specs: InputsSpec | undefined): RecordedSteps {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw inputDataUnreadable(file, (error as Error).message);
  }
  const parsed = parseInputDataJson(text);
  if (!Array.isArray(parsed)) throw inputDataNotParsed(file, parsed.problem, parsed.step, parsed.input);
  const names = [...parsed[0]!.keys()];
  const steps = parsed.map((raw, index): DataStep => {
    const missing = names.filter((name) => !raw.has(name));
    const extra = [...raw.keys()].filter((name) => !names.includes(name));
    if (missing.length > 0) throw inputDataStepLacks(file, index, missing);
    if (extra.length > 0) throw inputDataStepAdds(file, index, extra);
    const step = new Map<string, { data: TensorData; shape: readonly number[] }>();
    for (const [name, tensor] of raw) {
      const input = inputOf(signature, name, file, index);
      const converted = convert(input, stepTemplate(input, specs), tensor);
      if (typeof converted === 'string') throw inputDataNotParsed(file, converted, index, name);
      step.set(name, converted);
    }
    return step;
  });
  return { origin: file, steps };
}

function readNpyFolder(dir: string, signature: ModelSignature, specs: InputsSpec | undefined): RecordedSteps {
  const files = readdirSync(dir).filter((file) => file.endsWith('.npy')).sort();
  if (files.length === 0) throw inputDataFolderEmpty(dir);
  let stepCount: number | undefined;
  const perInput = files.map((file) => {
    const name = file.slice(0, -'.npy'.length);
    const where = path.join(dir, file);
    const input = inputOf(signature, name, where, 0);
    const array = readNpy(readFileSync(where));
    if (typeof array === 'string') throw inputDataNotParsed(where, array);
    if (array.datatype !== input.datatype) throw inputDataDatatypeWrong(where, array.datatype, name, input.datatype);
    if (array.shape.length === 0) throw inputDataScalar(where);
    const steps = array.shape[0]!;
    if (stepCount !== undefined && steps !== stepCount) throw inputDataStepCountsDiffer(where, steps, String(files[0]), stepCount);
    stepCount = steps;
    return { name, input, array };
  });
  const steps = Array.from({ length: stepCount! }, (_, index): DataStep => {
    const step = new Map<string, { data: TensorData; shape: readonly number[] }>();
    for (const { name, input, array } of perInput) {
      const shape = array.shape.slice(1);
      const size = shape.reduce((product, d) => product * d, 1);
      const data = array.data.slice(index * size, (index + 1) * size) as TensorData;
      const checked = stepShape(stepTemplate(input, specs), { shape }, size);
      if (typeof checked === 'string') throw inputDataNotParsed(path.join(dir, `${name}.npy`), checked.replace('"shape"', 'shape'), index, name);
      step.set(name, { data, shape });
    }
    return step;
  });
  return { origin: dir, steps };
}

/** The recorded steps at `file` (a perf_analyzer JSON file or a folder of .npy files), checked against the model. */
export function readInputData(file: string, signature: ModelSignature, specs: InputsSpec | undefined): RecordedSteps {
  let directory: boolean;
  try {
    directory = statSync(file).isDirectory();
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === 'ENOENT' ? inputDataMissing(file) : inputDataUnreadable(file, (error as Error).message);
  }
  return directory ? readNpyFolder(file, signature, specs) : readJsonFile(file, signature, specs);
}
