// Messages of the V2 (Open Inference Protocol) REST API of the reference server, each with its HTTP status.

import { ExitCode, InfercapError } from './infercapError.ts';

export const unknownModel = (model: string) =>
  new InfercapError('E_UNKNOWN_MODEL', `unknown model "${model}"; GET /v2/repository/index lists the loaded models`, {
    httpStatus: 404,
  });

export const unknownModelVersion = (model: string, version: string, known: readonly string[]) =>
  new InfercapError(
    'E_UNKNOWN_MODEL_VERSION',
    `model "${model}" has no version "${version}"; known versions: ${known.join(', ')}`,
    { httpStatus: 404 },
  );

/** The version exists but could not load (corrupt file, unsupported op, config that does not fit). */
export const modelNotReady = (model: string, version: string, reason: string) =>
  new InfercapError('E_MODEL_NOT_READY', `model ${model} version ${version} is not ready: ${reason}`, { httpStatus: 503 });

const invalidRequest = (problem: string) => new InfercapError('E_INVALID_REQUEST', problem, { httpStatus: 400 });

const invalidTensor = (tensor: string, problem: string) =>
  new InfercapError('E_INVALID_TENSOR', `input "${tensor}": ${problem}`, { httpStatus: 400 });

/** `parserProblem` is JSON.parse's. */
export const malformedJson = (parserProblem: string) =>
  new InfercapError('E_MALFORMED_JSON', `request body is not valid JSON: ${parserProblem}`, { httpStatus: 400 });

export const unsupportedContentType = (got: string) =>
  new InfercapError(
    'E_UNSUPPORTED_CONTENT_TYPE',
    `content-type must be application/json or application/octet-stream (binary tensor data), or absent; got "${got}"`,
    { httpStatus: 415 },
  );

/** Triton's binary tensor data extension, used wrongly. */
const invalidBinaryBody = (problem: string) =>
  new InfercapError('E_INVALID_BINARY_BODY', `binary tensor data: ${problem}`, { httpStatus: 400 });

export const bodyIncomplete = () => new InfercapError('E_INVALID_BODY', 'the request body ended before it was complete', { httpStatus: 400 });

export const bodyTooLarge = (limitBytes: number) =>
  new InfercapError('E_BODY_TOO_LARGE', `request body exceeds the limit of ${limitBytes} bytes`, {
    httpStatus: 413,
    // The rest of the body is never read, so the connection cannot carry another request.
    headers: { Connection: 'close' },
  });

export const routeNotFound = (method: string, path: string) =>
  new InfercapError('E_ROUTE_NOT_FOUND', `no route ${method} ${path}; the API is the Open Inference Protocol (/v2/...)`, {
    httpStatus: 404,
  });

export const methodNotAllowed = (method: string, path: string, allowed: string) =>
  new InfercapError('E_METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}; use ${allowed}`, {
    httpStatus: 405,
    headers: { Allow: allowed },
  });

export const queueFull = (model: string, version: string, retryAfterSeconds: number) =>
  new InfercapError(
    'E_QUEUE_FULL',
    `the request queue of ${model}/${version} is full; retry after ${retryAfterSeconds} s`,
    { httpStatus: 503, headers: { 'Retry-After': String(retryAfterSeconds) } },
  );

export const queueTimeout = (timeoutMs: number) =>
  new InfercapError('E_QUEUE_TIMEOUT', `the request waited more than ${timeoutMs} ms in the queue`, {
    httpStatus: 503,
    headers: { 'Retry-After': '1' },
  });

export const shuttingDown = () =>
  new InfercapError('E_SHUTTING_DOWN', 'the server is shutting down and accepts no new requests', {
    httpStatus: 503,
    headers: { 'Retry-After': '1', Connection: 'close' },
  });

export const notReady = () =>
  new InfercapError('E_NOT_READY', 'the server is still loading its models', {
    httpStatus: 503,
    headers: { 'Retry-After': '1' },
  });

/** `reason` is ONNX Runtime's, or why the model worker is gone. */
export const inferenceFailed = (model: string, version: string, reason: string) =>
  new InfercapError('E_INFERENCE_FAILED', `inference on ${model}/${version} failed: ${reason}`, {
    httpStatus: 500,
    exitCode: ExitCode.runtimeFailure,
  });

export const modelWorkerGone = (model: string, version: string) => inferenceFailed(model, version, 'the model worker thread is gone');

export const modelWorkerExited = (model: string, version: string, code: number) =>
  inferenceFailed(model, version, `the model worker thread exited (code ${code})`);

// ---- the body of an inference request -------------------------------------------------------------

export const pathNotPercentEncoded = (part: string) => invalidRequest(`"${part}" in the path is not valid percent-encoding`);

/** `got` describes what came instead (`an array`, `null`, `"text"`). */
export const requestBodyNotObject = (got: string) => invalidRequest(`the request body must be a JSON object, got ${got}`);

export const requestFieldNotObject = (field: string) => invalidRequest(`${field} must be an object`);

export const requestFieldNotString = (field: string) => invalidRequest(`${field} must be a string`);

export const requestFieldNotBoolean = (field: string) => invalidRequest(`${field} must be true or false`);

export const requestInputNotObject = (position: number) => invalidRequest(`inputs[${position}] must be an object with name, shape, datatype and data`);

export const requestWithoutInputs = () => invalidRequest('inputs must be a non-empty array of tensors');

export const requestOutputsNotArray = () => invalidRequest('outputs must be an array of {"name": ...} objects');

export const requestOutputUnknown = (position: number, name: string, outputs: readonly string[]) =>
  invalidRequest(`outputs[${position}]: the model has no output "${name}"; its outputs are ${outputs.map((o) => `"${o}"`).join(', ')}`);

export const requestTimeoutNotValid = () => invalidRequest('parameters.timeout must be a positive integer number of microseconds');

export const requestBatchTooLarge = (rows: number, maxBatchSize: number) =>
  invalidRequest(`the request carries ${rows} rows, more than the model's max batch size of ${maxBatchSize}; split it`);

// ---- its input tensors --------------------------------------------------------------------------------

export const tensorUnknown = (name: string, inputs: readonly string[]) =>
  invalidTensor(name, `the model has no such input; its inputs are ${inputs.map((i) => `"${i}"`).join(', ')}`);

export const tensorTwice = (name: string) => invalidTensor(name, 'appears more than once');

export const tensorMissing = (name: string) => invalidTensor(name, 'is missing from inputs');

/** `got` describes what came instead. */
export const tensorDatatypeWrong = (name: string, wanted: string, got: string) => invalidTensor(name, `datatype must be "${wanted}", got ${got}`);

export const tensorParametersNotObject = (name: string) => invalidTensor(name, 'parameters must be an object');

/** `got` is the shape as sent, as JSON. */
export const tensorShapeNotValid = (name: string, got: string) => invalidTensor(name, `shape must be an array of non-negative integers, got ${got}`);

/** `wanted` is the model's shape, `batch` for its batch dimension and -1 for any size. */
export const tensorShapeMismatch = (name: string, shape: readonly number[], wanted: readonly (number | string)[]) =>
  invalidTensor(name, `shape [${shape.join(', ')}] does not match the model's [${wanted.join(', ')}] (-1 is any size)`);

export const tensorWithoutRows = (name: string) => invalidTensor(name, 'shape has 0 rows; send at least one row');

export const tensorNestingLengthWrong = (name: string, level: number, length: number, wanted: number | undefined) =>
  invalidTensor(name, `data nesting level ${level} has ${length} elements, shape says ${wanted}`);

/** `got` describes what came instead of an array. */
export const tensorNestingNotArray = (name: string, level: number, got: string) =>
  invalidTensor(name, `data at nesting level ${level} must be an array, got ${got}`);

/** `problem` is what the datatype's reader (reference-server/tensors) says of the value. */
export const tensorValueNotValid = (name: string, index: number, problem: string) => invalidTensor(name, `data[${index}] ${problem}`);

export const tensorDataNotArray = (name: string, got: string) => invalidTensor(name, `data must be an array, got ${got}`);

export const tensorDataSizeWrong = (name: string, length: number, shape: readonly number[], size: number) =>
  invalidTensor(name, `data has ${length} elements but shape [${shape.join(', ')}] needs ${size}`);

export const tensorDataRowsWrong = (name: string, length: number, shape: readonly number[], rows: number | undefined) =>
  invalidTensor(name, `data has ${length} rows but shape [${shape.join(', ')}] needs ${rows}`);

export const tensorDataAndBinary = (name: string) => invalidTensor(name, 'has both data and parameters.binary_data_size; send one');

export const tensorBinarySizeNotValid = (name: string) => invalidTensor(name, 'parameters.binary_data_size must be a non-negative integer');

/** `problem` is what the datatype's reader (reference-server/tensors) says of the bytes. */
export const tensorBinaryDataNotValid = (name: string, problem: string) => invalidTensor(name, `binary data ${problem}`);

export const tensorRowsDiffer = (name: string, rows: number | undefined, firstName: string, firstRows: number) =>
  invalidTensor(name, `has ${rows} rows but "${firstName}" has ${firstRows}; every batched input needs the same number of rows`);

// ---- Triton's binary tensor data extension ------------------------------------------------------------------

/** `got` is the header as sent (cut to 40 characters). */
export const binaryHeaderLengthNotCount = (got: string) =>
  invalidBinaryBody(`Inference-Header-Content-Length must be a byte count, got "${got}"`);

export const binaryHeaderLengthTooLong = (headerLength: number, bodyBytes: number) =>
  invalidBinaryBody(`Inference-Header-Content-Length is ${headerLength}, but the body has only ${bodyBytes} bytes`);

export const binaryDataWithoutBody = (name: string) =>
  invalidBinaryBody(`input "${name}" has binary_data_size but the request has no binary data (send Inference-Header-Content-Length)`);

export const binaryDataTooShort = (name: string, size: number, available: number) =>
  invalidBinaryBody(`input "${name}" needs ${size} bytes, only ${available} remain after the JSON header`);

export const binaryDataLeftOver = (bytes: number) => invalidBinaryBody(`${bytes} bytes after the JSON header belong to no input's binary_data_size`);
