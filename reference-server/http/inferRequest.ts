// Validates a V2 (Open Inference Protocol) JSON inference request against a model's signature and turns
// it into FP32 tensors. Every rejection names the field and what was wrong with it.

import { invalidRequest, invalidTensor, tooManyElements } from '../../common/errors.ts';
import type { ModelSignature, NamedTensor } from '../inference/tensor.ts';

export interface InferRequest {
  /** Echoed in the response, as the protocol asks. */
  readonly id?: string;
  /** In the order of the model's signature. */
  readonly inputs: readonly NamedTensor[];
  readonly rows: number;
  /** Output names the client asked for; all when undefined. */
  readonly outputs?: readonly string[];
  /** Triton's per-request `parameters.timeout`, converted from microseconds. */
  readonly queueTimeoutMs?: number;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value;

function parseShape(name: string, shape: unknown, expected: readonly number[], maxElements: number): number[] {
  if (!Array.isArray(shape) || !shape.every((dim) => Number.isSafeInteger(dim) && (dim as number) >= 0)) {
    throw invalidTensor(name, `shape must be an array of non-negative integers, got ${JSON.stringify(shape)?.slice(0, 60)}`);
  }
  const dims = shape as number[];
  const mismatch = dims.length !== expected.length || dims.some((dim, i) => i > 0 && dim !== expected[i]);
  if (mismatch) {
    throw invalidTensor(name, `shape [${dims.join(', ')}] does not match the model's [${expected.map((d) => (d < 0 ? 'batch' : d)).join(', ')}]`);
  }
  if (dims[0] === 0) throw invalidTensor(name, 'shape has 0 rows; send at least one row');
  // Before parseData allocates shape-many values: nested data of empty rows is small JSON but a huge shape.
  if (dims.reduce((product, dim) => product * dim, 1) > maxElements) throw tooManyElements(`input "${name}" of shape [${dims.join(', ')}]`, maxElements);
  return dims;
}

function storeNumber(name: string, value: unknown, target: Float32Array, index: number): void {
  if (typeof value !== 'number') throw invalidTensor(name, `data[${index}] is ${describe(value)}, not a number`);
  if (!Number.isFinite(value)) throw invalidTensor(name, `data[${index}] is not finite`);
  target[index] = value;
}

/** Copies nested data into `target`, checking that every level has the length the shape says. */
function fillNested(name: string, data: unknown[], shape: readonly number[], level: number, target: Float32Array, offset: number): number {
  if (data.length !== shape[level]) {
    throw invalidTensor(name, `data nesting level ${level} has ${data.length} elements, shape says ${shape[level]}`);
  }
  for (const item of data) {
    if (level === shape.length - 1) {
      storeNumber(name, item, target, offset++);
    } else {
      if (!Array.isArray(item)) throw invalidTensor(name, `data at nesting level ${level + 1} must be an array, got ${describe(item)}`);
      offset = fillNested(name, item, shape, level + 1, target, offset);
    }
  }
  return offset;
}

function parseData(name: string, data: unknown, shape: readonly number[]): Float32Array {
  if (!Array.isArray(data)) throw invalidTensor(name, `data must be an array, got ${describe(data)}`);
  const size = shape.reduce((product, dim) => product * dim, 1);
  const nested = data.length > 0 && Array.isArray(data[0]);
  if (!nested && data.length !== size) {
    throw invalidTensor(name, `data has ${data.length} elements but shape [${shape.join(', ')}] needs ${size}`);
  }
  if (nested && data.length !== shape[0]) {
    throw invalidTensor(name, `data has ${data.length} rows but shape [${shape.join(', ')}] needs ${shape[0]}`);
  }
  const values = new Float32Array(size);
  if (nested) fillNested(name, data, shape, 0, values, 0);
  else for (let i = 0; i < size; i++) storeNumber(name, data[i], values, i);
  return values;
}

function parseInput(raw: unknown, position: number, signature: ModelSignature, maxElements: number): NamedTensor {
  if (!isPlainObject(raw)) throw invalidRequest(`inputs[${position}] must be an object with name, shape, datatype and data`);
  const { name, datatype, shape, data } = raw;
  if (typeof name !== 'string') throw invalidRequest(`inputs[${position}].name must be a string`);
  const spec = signature.inputs.find((input) => input.name === name);
  if (spec === undefined) {
    throw invalidTensor(name, `the model has no such input; its inputs are ${signature.inputs.map((i) => `"${i.name}"`).join(', ')}`);
  }
  if (datatype !== spec.datatype) throw invalidTensor(name, `datatype must be "${spec.datatype}", got ${describe(datatype)}`);
  const dims = parseShape(name, shape, spec.shape, maxElements);
  return { name, shape: dims, data: parseData(name, data, dims) };
}

function parseRequestedOutputs(raw: unknown, signature: ModelSignature): string[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) throw invalidRequest('outputs must be an array of {"name": ...} objects');
  return raw.map((item, position) => {
    const name = isPlainObject(item) ? item.name : undefined;
    if (typeof name !== 'string') throw invalidRequest(`outputs[${position}].name must be a string`);
    if (!signature.outputs.some((output) => output.name === name)) {
      throw invalidRequest(`outputs[${position}]: the model has no output "${name}"; its outputs are ${signature.outputs.map((o) => `"${o.name}"`).join(', ')}`);
    }
    return name;
  });
}

function parseTimeout(parameters: unknown): number | undefined {
  if (parameters === undefined) return undefined;
  if (!isPlainObject(parameters)) throw invalidRequest('parameters must be an object');
  const timeout = parameters.timeout;
  if (timeout === undefined) return undefined;
  if (typeof timeout !== 'number' || !Number.isSafeInteger(timeout) || timeout <= 0) {
    throw invalidRequest('parameters.timeout must be a positive integer number of microseconds');
  }
  return timeout / 1000;
}

/**
 * Parses a V2 inference request body for a model with `signature`.
 * `maxRows` (the batcher's max batch size) bounds the rows one request may carry, `maxElements` the
 * values of one input tensor (413 beyond).
 */
export function parseInferRequest(body: unknown, signature: ModelSignature, maxRows: number | undefined, maxElements = Number.POSITIVE_INFINITY): InferRequest {
  if (!isPlainObject(body)) throw invalidRequest(`the request body must be a JSON object, got ${describe(body)}`);
  const { id, inputs, outputs, parameters } = body;
  if (id !== undefined && typeof id !== 'string') throw invalidRequest('id must be a string');
  if (!Array.isArray(inputs) || inputs.length === 0) throw invalidRequest('inputs must be a non-empty array of tensors');

  const byName = new Map<string, NamedTensor>();
  inputs.forEach((raw, position) => {
    const tensor = parseInput(raw, position, signature, maxElements);
    if (byName.has(tensor.name)) throw invalidTensor(tensor.name, 'appears more than once');
    byName.set(tensor.name, tensor);
  });
  const ordered = signature.inputs.map((spec) => {
    const tensor = byName.get(spec.name);
    if (tensor === undefined) throw invalidTensor(spec.name, 'is missing from inputs');
    return tensor;
  });
  const rows = ordered[0]!.shape[0]!;
  if (ordered.some((tensor) => tensor.shape[0] !== rows)) throw invalidRequest('all inputs must have the same number of rows');
  if (maxRows !== undefined && rows > maxRows) {
    throw invalidRequest(`the request carries ${rows} rows, more than the server's max batch size of ${maxRows}; split it`);
  }
  const requested = parseRequestedOutputs(outputs, signature);
  const queueTimeoutMs = parseTimeout(parameters);
  return {
    ...(id === undefined ? {} : { id }),
    inputs: ordered,
    rows,
    ...(requested === undefined ? {} : { outputs: requested }),
    ...(queueTimeoutMs === undefined ? {} : { queueTimeoutMs }),
  };
}
