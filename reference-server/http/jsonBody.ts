// Reads a request body as JSON within a byte limit, and within depth and array-element limits checked on
// the raw bytes before JSON.parse. Leaner than a general body parser on the hot path of inference, and
// its errors are the catalogue's: 413 over a size limit, 400 for malformed or too deeply nested JSON.

import type { IncomingMessage } from 'node:http';
import { jsonTooDeep, malformedJson, tooManyElements } from '../../common/errors.ts';
import { checkJsonLimits, type JsonLimits } from '../security/jsonLimits.ts';
import { readRequestBody } from './requestBody.ts';

/** Resolves with the parsed body; refuses before reading when Content-Length already exceeds the limit. */
export async function readJsonBody(request: IncomingMessage, limitBytes: number, jsonLimits?: JsonLimits): Promise<unknown> {
  const bytes = await readRequestBody(request, limitBytes);
  const violation = jsonLimits === undefined ? undefined : checkJsonLimits(bytes, jsonLimits);
  if (violation !== undefined) throw violation.kind === 'depth' ? jsonTooDeep(violation.limit) : tooManyElements('the request body', violation.limit);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw malformedJson((error as Error).message);
  }
}
