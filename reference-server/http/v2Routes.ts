// The Open Inference Protocol (KServe V2 REST) routes on express: health, server and model metadata,
// readiness, and Triton's model configuration and statistics extensions; metrics. Inference itself is
// inferRoute.ts, on the hot path.

import express, { type Request } from 'express';
import type { ServerOptions } from '../config/serverOptions.ts';
import type { PredictionService } from '../inference/predictionService.ts';
import type { ServerMetrics } from '../metrics/serverMetrics.ts';
import { modelNotReady } from '../../common/errors.ts';
import type { LoadedModel, ModelRegistry, ModelVersion } from '../registry/modelRegistry.ts';
import { tritonModelConfig } from './tritonModelConfig.ts';
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

function modelMetadata(registry: ModelRegistry, model: ModelVersion) {
  const base = { name: model.name, versions: registry.versionsOf(model.name), platform: 'onnxruntime_onnx' };
  if (model.state !== 'READY') return { ...base, inputs: [], outputs: [], state: model.state, reason: model.reason };
  const tensors = (specs: LoadedModel['signature']['inputs']) => specs.map(({ name, datatype, shape }) => ({ name, datatype, shape: [...shape] }));
  return { ...base, inputs: tensors(model.signature.inputs), outputs: tensors(model.signature.outputs) };
}

/** Resolves the model named by the route's `:name` and optional `:version`, ready or not (404 errors otherwise). */
const routeModel = (registry: ModelRegistry, request: Request) =>
  registry.lookup(String(request.params.name), request.params.version === undefined ? undefined : String(request.params.version));

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
    response.json({ name: serverName, version: serverVersion, extensions: ['model_repository', 'model_configuration', 'statistics', 'binary_tensor_data'] });
  });
  router.all('/v2/repository/index', (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'POST') return next();
    response.json(registry.all.map((model) => ({ name: model.name, version: model.version, state: model.state, ...(model.state === 'READY' ? {} : { reason: model.reason }) })));
  });

  // Before /v2/models/:name, which would take "stats" for a model name.
  router.get('/v2/models/stats', (_request, response) => {
    response.json({ model_stats: registry.all.map((model) => model.stats.toJson(model.name, model.version)) });
  });

  for (const base of ['/v2/models/:name', '/v2/models/:name/versions/:version']) {
    router.get(base, (request, response) => {
      response.json(modelMetadata(registry, routeModel(registry, request)));
    });
    router.get(`${base}/ready`, (request, response) => {
      const model = routeModel(registry, request);
      if (model.state !== 'READY') return void response.status(503).json({ ready: false, reason: model.reason });
      response.status(state.ready ? 200 : 503).json({ ready: state.ready });
    });
    router.get(`${base}/config`, (request, response) => {
      const model = routeModel(registry, request);
      if (model.state !== 'READY') throw modelNotReady(model.name, model.version, model.reason);
      response.json(tritonModelConfig(model));
    });
    router.get(`${base}/stats`, (request, response) => {
      const params = request.params as Record<string, string | undefined>;
      const name = String(params.name);
      const versions = params.version === undefined ? registry.versionsOf(name) : [routeModel(registry, request).version];
      const models = versions.map((version) => registry.lookup(name, version));
      response.json({ model_stats: models.map((model) => model.stats.toJson(model.name, model.version)) });
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
