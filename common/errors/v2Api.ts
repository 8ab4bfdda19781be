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

export const invalidRequest = (problem: string) => new InfercapError('E_INVALID_REQUEST', problem, { httpStatus: 400 });

export const invalidTensor = (tensor: string, problem: string) =>
  new InfercapError('E_INVALID_TENSOR', `input "${tensor}": ${problem}`, { httpStatus: 400 });

export const malformedJson = (problem: string) =>
  new InfercapError('E_MALFORMED_JSON', `request body is not valid JSON: ${problem}`, { httpStatus: 400 });

export const unsupportedContentType = (got: string) =>
  new InfercapError(
    'E_UNSUPPORTED_CONTENT_TYPE',
    `content-type must be application/json or application/octet-stream (binary tensor data), or absent; got "${got}"`,
    { httpStatus: 415 },
  );

/** Triton's binary tensor data extension, used wrongly. */
export const invalidBinaryBody = (problem: string) =>
  new InfercapError('E_INVALID_BINARY_BODY', `binary tensor data: ${problem}`, { httpStatus: 400 });

export const invalidBody = (problem: string, httpStatus: number) =>
  new InfercapError('E_INVALID_BODY', problem, { httpStatus });

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

export const inferenceFailed = (model: string, version: string, problem: string) =>
  new InfercapError('E_INFERENCE_FAILED', `inference on ${model}/${version} failed: ${problem}`, {
    httpStatus: 500,
    exitCode: ExitCode.runtimeFailure,
  });

