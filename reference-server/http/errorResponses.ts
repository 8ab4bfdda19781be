// Turns any error thrown while answering into a JSON `{"error": ..., "code": ...}` response: user errors
// keep their 4xx/503 status and message; anything unexpected is a logged 500 without internals.

import type { ErrorRequestHandler, RequestHandler } from 'express';
import { bodyTooLarge, invalidBody, type InfercapError, isInfercapError, malformedJson, methodNotAllowed, routeNotFound } from '../../common/errors.ts';
import type { Logger } from '../../common/log.ts';
import { isBodyParserError } from './v2Routes.ts';

/** Routes of the API and the methods each accepts, for 405 answers. */
const knownRoutes: readonly [RegExp, string][] = [
  [/^\/v2\/health\/(live|ready)$/, 'GET'],
  [/^\/v2$/, 'GET'],
  [/^\/v2\/repository\/index$/, 'GET, POST'],
  [/^\/v2\/models\/[^/]+(\/versions\/[^/]+)?(\/ready)?$/, 'GET'],
  [/^\/v2\/models\/[^/]+(\/versions\/[^/]+)?\/infer$/, 'POST'],
  [/^\/metrics$/, 'GET'],
];

export const notFoundHandler: RequestHandler = (request, _response, next) => {
  const known = knownRoutes.find(([pattern]) => pattern.test(request.path));
  next(known === undefined ? routeNotFound(request.method, request.path) : methodNotAllowed(request.method, request.path, known[1]));
};

function toInfercapError(error: unknown, bodyLimitBytes: number): InfercapError | undefined {
  if (isInfercapError(error)) return error;
  if (!isBodyParserError(error)) return undefined;
  if (error.type === 'entity.too.large') return bodyTooLarge(bodyLimitBytes);
  if (error.type === 'entity.parse.failed') return malformedJson(error.message);
  return invalidBody(error.message, error.status);
}

export function errorHandler(logger: Logger, bodyLimitBytes: number): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    const known = toInfercapError(error, bodyLimitBytes);
    if (response.headersSent || response.destroyed) {
      response.destroy();
      return;
    }
    if (known !== undefined) {
      if (known.httpStatus >= 500) logger.warn('request.failed', { path: request.path, code: known.code, error: known.message });
      response.status(known.httpStatus).set(known.headers).json({ error: known.message, code: known.code });
      return;
    }
    logger.error('request.crashed', { path: request.path, error: (error as Error)?.stack ?? String(error) });
    response.status(500).json({ error: 'internal server error; the server log has the details', code: 'E_INTERNAL' });
  };
}
