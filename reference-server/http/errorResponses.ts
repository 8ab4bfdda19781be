// Turns any error thrown while answering into a JSON `{"error": ..., "code": ...}` response: user errors
// keep their 4xx/503 status and message; anything unexpected is a logged 500 without internals.

import type { ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isInfercapError, methodNotAllowed, routeNotFound } from '../../common/errors.ts';
import type { Logger } from '../../common/log.ts';

/** Routes of the API and the methods each accepts, for 405 answers. */
const knownRoutes: readonly [RegExp, string][] = [
  [/^\/v2\/health\/(live|ready)$/, 'GET'],
  [/^\/v2$/, 'GET'],
  [/^\/v2\/repository\/index$/, 'GET, POST'],
  [/^\/v2\/models\/stats$/, 'GET'],
  [/^\/v2\/models\/[^/]+(\/versions\/[^/]+)?(\/ready|\/config|\/stats)?$/, 'GET'],
  [/^\/v2\/models\/[^/]+(\/versions\/[^/]+)?\/infer$/, 'POST'],
  [/^\/metrics$/, 'GET'],
];

export const notFoundHandler: RequestHandler = (request, _response, next) => {
  const known = knownRoutes.find(([pattern]) => pattern.test(request.path));
  next(known === undefined ? routeNotFound(request.method, request.path) : methodNotAllowed(request.method, request.path, known[1]));
};

/** Writes `error` as a JSON answer: user errors with their status, anything else as a logged 500. */
export function sendError(response: ServerResponse, error: unknown, logger: Logger, path: string): void {
  if (response.headersSent || response.destroyed) {
    response.destroy();
    return;
  }
  let status = 500;
  let body: { error: string; code: string } = { error: 'internal server error; the server log has the details', code: 'E_INTERNAL' };
  if (isInfercapError(error)) {
    status = error.httpStatus;
    body = { error: error.message, code: error.code };
    for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
    if (status >= 500) logger.warn('request.failed', { path, code: error.code, error: error.message });
  } else {
    logger.error('request.crashed', { path, error: (error as Error)?.stack ?? String(error) });
  }
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
}

/** express's last error middleware, answering through sendError. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => sendError(response, error, logger, request.path);
}
