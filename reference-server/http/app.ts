// The reference server's request listener: access control first (accessControl.ts), then inference on
// the hot path (inferRoute.ts), every other V2 route on express, then JSON 404/405 and error answers.

import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import type { Logger } from '../../common/log.ts';
import { createAccessCheck } from './accessControl.ts';
import { errorHandler, notFoundHandler, sendError } from './errorResponses.ts';
import { createInferHandler, matchInferPath } from './inferRoute.ts';
import { v2Router, type V2RouteContext } from './v2Routes.ts';

export function createRequestListener(context: V2RouteContext, logger: Logger): (request: IncomingMessage, response: ServerResponse) => void {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(v2Router(context));
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  const infer = createInferHandler(context, logger);
  const refused = createAccessCheck(context.options);
  return (request, response) => {
    const refusal = refused(request);
    if (refusal !== undefined) return sendError(response, refusal, logger, request.url ?? '');
    if (request.method === 'POST') {
      let target: ReturnType<typeof matchInferPath>;
      try {
        target = matchInferPath(request.url ?? '');
      } catch (error) {
        return sendError(response, error, logger, request.url ?? '');
      }
      if (target !== undefined) return infer(request, response, target);
    }
    app(request, response);
  };
}
