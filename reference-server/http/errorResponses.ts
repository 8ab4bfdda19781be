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

/** The JSON answer to `error`: a user error with its status, message and headers; anything else a logged 500. */
export function errorAnswer(error: unknown, logger: Logger, path: string): { status: number; headers: Readonly<Record<string, string>>; body: string } {
  if (isInfercapError(error)) {
    if (error.httpStatus >= 500) logger.warn('request.failed', { path, code: error.code, error: error.message });
    return { status: error.httpStatus, headers: error.headers, body: JSON.stringify({ error: error.message, code: error.code }) };
  }
  logger.error('request.crashed', { path, error: (error as Error)?.stack ?? String(error) });
  return { status: 500, headers: {}, body: JSON.stringify({ error: 'internal server error; the server log has the details', code: 'E_INTERNAL' }) };
}

/** Writes `error` as a JSON answer (errorAnswer), or drops the connection when an answer had begun. */
export function sendError(response: ServerResponse, error: unknown, logger: Logger, path: string): void {
  if (response.headersSent || response.destroyed) {
    response.destroy();
    return;
  }
  const { status, headers, body } = errorAnswer(error, logger, path);
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(body);
}

/** express's last error middleware, answering through sendError. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => sendError(response, error, logger, request.path);
}
