// Reads an inference request's body: JSON, or with Triton's binary tensor data extension a JSON header
// of `Inference-Header-Content-Length` bytes followed by the inputs' raw bytes. The JSON part is checked
// against the depth and array-element limits on its raw bytes before JSON.parse.

import type { IncomingMessage } from 'node:http';
import { binaryHeaderLengthNotCount, binaryHeaderLengthTooLong, bodyTooManyElements, jsonTooDeep, malformedJson } from '../../common/errors.ts';
import { checkJsonLimits, type JsonLimits } from '../security/jsonLimits.ts';
import { readRequestBody } from './requestBody.ts';

export interface InferBody {
  readonly json: unknown;
  /** The bytes after the JSON header; undefined without the binary extension. */
  readonly binary?: Uint8Array;
}

/** The JSON header's length from `Inference-Header-Content-Length`, or undefined when absent. */
export function inferenceHeaderLength(value: string | string[] | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value[0]! : value;
  if (!/^\d+$/.test(text.trim())) throw binaryHeaderLengthNotCount(text.slice(0, 40));
  return Number(text.trim());
}

/** Splits and parses a body already read. */
export function parseInferBody(bytes: Buffer, headerLength: number | undefined, jsonLimits: JsonLimits): InferBody {
  if (headerLength !== undefined && headerLength > bytes.length) {
    throw binaryHeaderLengthTooLong(headerLength, bytes.length);
  }
  const json = headerLength === undefined ? bytes : bytes.subarray(0, headerLength);
  const violation = checkJsonLimits(json, jsonLimits);
  if (violation !== undefined) throw violation.kind === 'depth' ? jsonTooDeep(violation.limit) : bodyTooManyElements(violation.limit);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch (error) {
    throw malformedJson((error as Error).message);
  }
  return headerLength === undefined ? { json: parsed } : { json: parsed, binary: bytes.subarray(headerLength) };
}

export async function readInferBody(request: IncomingMessage, limitBytes: number, jsonLimits: JsonLimits): Promise<InferBody> {
  const headerLength = inferenceHeaderLength(request.headers['inference-header-content-length']);
  return parseInferBody(await readRequestBody(request, limitBytes), headerLength, jsonLimits);
}
