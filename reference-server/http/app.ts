// The express application of the reference server: V2 routes, then JSON 404/405 and error answers.

import express from 'express';
import type { Logger } from '../../common/log.ts';
import { errorHandler, notFoundHandler } from './errorResponses.ts';
import { v2Router, type V2RouteContext } from './v2Routes.ts';

export function createApp(context: V2RouteContext, logger: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(v2Router(context));
  app.use(notFoundHandler);
  app.use(errorHandler(logger, context.options.bodyLimitBytes));
  return app;
}
