// perf_analyzer's --input-data JSON format (triton-inference-server/perf_analyzer docs/input_data.md):
// `{"data": [step, …]}`, each step naming every input it gives once, with its values for one batch-1
// request: a flat row-major array, `{"b64": "…"}` (little-endian bytes; BYTES elements each a 4-byte
// length and its bytes), or `{"content": array | {"b64": …}, "shape": [dims]}` for variable-sized inputs.
// `validation_data` (expected outputs) is read past. Reading is pure: text in, raw steps or a problem out.

import { tensorDataBytes } from '../../reference-server/tensors/binaryTensorData.ts';
import { datatypeInfo, type Datatype, type TensorData } from '../../reference-server/tensors/datatypes.ts';
import { tensorDataJson } from '../../reference-server/tensors/jsonTensorData.ts';

/** One input's values in one step, as the file gives them (not yet checked against a datatype). */
export interface RawTensor {
  readonly values?: readonly unknown[];
  readonly bytes?: Uint8Array;
  readonly shape?: readonly number[];
}

export type RawStep = ReadonlyMap<string, RawTensor>;

/** A problem found at a step (and input) of the file. */
export interface DataProblem {
  readonly problem: string;
  readonly step?: number;
  readonly input?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function fromBase64(value: unknown): Uint8Array | string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(value)) return '"b64" must be a base64 string';
  return new Uint8Array(Buffer.from(value, 'base64'));
}

function rawTensor(value: unknown): RawTensor | string {
  // Nested arrays are flattened: the format asks for row-major flat lists, and nesting says nothing more.
  if (Array.isArray(value)) return { values: value.flat(Infinity) };
  if (!isObject(value)) return 'must be an array of values, {"b64": …} or {"content": …, "shape": […]}';
  if ('b64' in value) {
    const bytes = fromBase64(value.b64);
    return typeof bytes === 'string' ? bytes : { bytes };
  }
  if (!('content' in value)) return `has neither "content" nor "b64" (keys: ${Object.keys(value).join(', ') || 'none'})`;
  const unknown = Object.keys(value).filter((key) => key !== 'content' && key !== 'shape');
  if (unknown.length > 0) return `has unknown keys ${unknown.join(', ')}; a tensor takes "content" and "shape"`;
  let shape: number[] | undefined;
  if (value.shape !== undefined) {
    if (!Array.isArray(value.shape) || !value.shape.every((d) => Number.isInteger(d) && d >= 0)) return '"shape" must be a list of non-negative integers';
    shape = value.shape as number[];
  }
  const content = rawTensor(value.content);
  if (typeof content === 'string') return `"content" ${content}`;
  if (content.shape !== undefined) return '"content" must be an array or {"b64": …}, not another tensor';
  return shape === undefined ? content : { ...content, shape };
}

/** The steps of a perf_analyzer input-data file's text, or the first problem found. */
export function parseInputDataJson(text: string): RawStep[] | DataProblem {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { problem: `is not JSON: ${(error as Error).message}` };
  }
  if (!isObject(document) || !Array.isArray(document.data)) return { problem: 'must be an object with a "data" list of steps, as perf_analyzer --input-data reads' };
  const unknown = Object.keys(document).filter((key) => key !== 'data' && key !== 'validation_data');
  if (unknown.length > 0) return { problem: `has unknown keys ${unknown.join(', ')}; it takes "data" (and "validation_data")` };
  if (document.data.length === 0) return { problem: '"data" holds no steps' };
  const steps: RawStep[] = [];
  for (const [index, step] of document.data.entries()) {
    if (Array.isArray(step)) return { step: index, problem: 'is a list: sequence streams (lists of steps per correlation ID) are not supported; give one list of steps' };
    if (!isObject(step) || Object.keys(step).length === 0) return { step: index, problem: 'must be an object naming each input' };
    const tensors = new Map<string, RawTensor>();
    for (const [name, value] of Object.entries(step)) {
      const tensor = rawTensor(value);
      if (typeof tensor === 'string') return { step: index, input: name, problem: tensor };
      tensors.set(name, tensor);
    }
    steps.push(tensors);
  }
  return steps;
}

/** A step to write: per input, its datatype, shape (without the batch dim) and values. */
export type WritableStep = ReadonlyMap<string, { readonly datatype: Datatype; readonly shape: readonly number[]; readonly data: TensorData }>;

/**
 * perf_analyzer input-data JSON for `steps`: `{"content": [...], "shape": [...]}` per input, or
 * `{"content": {"b64": …}, "shape": [...]}` for `b64` (and always for 64-bit integers beyond ±2^53,
 * which JSON numbers cannot carry exactly).
 */
export function writeInputDataJson(steps: readonly WritableStep[], encoding: 'content' | 'b64' = 'content'): string {
  const stepTexts = steps.map((step) => {
    const entries = [...step].map(([name, tensor]) => {
      const unsafe = datatypeInfo[tensor.datatype].kind === 'bigint' && Array.from(tensor.data as BigInt64Array).some((v) => v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER));
      const content =
        encoding === 'b64' || unsafe
          ? `{"b64":${JSON.stringify(Buffer.from(tensorDataBytes(tensor.datatype, tensor.data)).toString('base64'))}}`
          : tensorDataJson(tensor.datatype, tensor.data);
      return `${JSON.stringify(name)}:{"content":${content},"shape":[${tensor.shape.join(',')}]}`;
    });
    return `{${entries.join(',')}}`;
  });
  return `{"data":[\n${stepTexts.join(',\n')}\n]}\n`;
}
