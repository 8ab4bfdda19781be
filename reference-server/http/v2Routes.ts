// The Open Inference Protocol (KServe V2 REST) routes on express: health, server and model metadata,
// readiness, metrics. Inference itself is inferRoute.ts, on the hot path.

import express, { type Request } from 'express';
import type { ServerOptions } from '../config/serverOptions.ts';
import type { PredictionService } from '../inference/predictionService.ts';
import type { ServerMetrics } from '../metrics/serverMetrics.ts';
import type { LoadedModel, ModelRegistry } from '../registry/modelRegistry.ts';
import type { ServerState } from './serverState.ts';

export const serverName = 'infercap-reference-server';
export const serverVersion = '0.1.0';

export interface V2RouteContext {
  readonly options: ServerOptions;
  readonly registry: ModelRegistry;
  readonly predictions: PredictionService;
  readonly metrics: ServerMetrics;
  readonly state: ServerState;
}

function modelMetadata(registry: ModelRegistry, model: LoadedModel) {
  const tensors = (specs: LoadedModel['signature']['inputs']) =>
    specs.map(({ name, datatype, shape }) => ({ name, datatype, shape: [...shape] }));
  return {
    name: model.name,
    versions: registry.versionsOf(model.name),
    platform: 'onnxruntime_onnx',
    inputs: tensors(model.signature.inputs),
    outputs: tensors(model.signature.outputs),
  };
}

/** Resolves the model named by the route's `:name` and optional `:version` (404 errors otherwise). */
const routeModel = (registry: ModelRegistry, request: Request) =>
  registry.resolve(String(request.params.name), request.params.version === undefined ? undefined : String(request.params.version));

export function v2Router(context: V2RouteContext): express.Router {
  const { registry, metrics, state } = context;
  const router = express.Router();

  router.get('/v2/health/live', (_request, response) => {
    response.json({ live: true });
  });
  router.get('/v2/health/ready', (_request, response) => {
    response.status(state.ready ? 200 : 503).json({ ready: state.ready });
  });
  router.get('/v2', (_request, response) => {
    response.json({ name: serverName, version: serverVersion, extensions: ['model_repository'] });
  });
  router.all('/v2/repository/index', (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'POST') return next();
    response.json(registry.models.map((model) => ({ name: model.name, version: model.version, state: 'READY' })));
  });

  for (const base of ['/v2/models/:name', '/v2/models/:name/versions/:version']) {
    router.get(base, (request, response) => {
      response.json(modelMetadata(registry, routeModel(registry, request)));
    });
    router.get(`${base}/ready`, (request, response) => {
      routeModel(registry, request);
      response.status(state.ready ? 200 : 503).json({ ready: state.ready });
    });
  }

  router.get('/metrics', async (_request, response, next) => {
    try {
      response.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    } catch (error) {
      next(error);
    }
  });
  return router;
}
