// The Open Inference Protocol (KServe V2 REST) routes: health, server and model metadata, readiness, inference.

import express, { type Request, type Response } from 'express';
import { isInfercapError, shuttingDown, unsupportedContentType } from '../../common/errors.ts';
import type { ServerOptions } from '../config/serverOptions.ts';
import type { PredictionService } from '../inference/predictionService.ts';
import type { NamedTensor } from '../inference/tensor.ts';
import type { ServerMetrics } from '../metrics/serverMetrics.ts';
import type { LoadedModel, ModelRegistry } from '../registry/modelRegistry.ts';
import { parseInferRequest } from './inferRequest.ts';
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

function outputsJson(outputs: readonly NamedTensor[], requested: readonly string[] | undefined) {
  return outputs
    .filter((output) => requested === undefined || requested.includes(output.name))
    .map((output) => ({ name: output.name, datatype: 'FP32', shape: [...output.shape], data: Array.from(output.data) }));
}

/** Resolves the model named by the route's `:name` and optional `:version` (404 errors otherwise). */
const routeModel = (registry: ModelRegistry, request: Request) =>
  registry.resolve(String(request.params.name), request.params.version === undefined ? undefined : String(request.params.version));

export function v2Router(context: V2RouteContext): express.Router {
  const { options, registry, predictions, metrics, state } = context;
  const router = express.Router();
  const jsonBody = express.json({ limit: options.bodyLimitBytes, strict: false, type: () => true });

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
    router.post(`${base}/infer`, (request, response, next) => {
      const started = performance.now();
      let labels = { model: 'unknown', version: 'unknown' };
      response.on('finish', () => {
        metrics.requests.inc({ ...labels, status: String(response.statusCode) });
        if (labels.model !== 'unknown') metrics.requestDuration.observe(labels, (performance.now() - started) / 1000);
      });
      if (state.draining) return next(shuttingDown());
      if (!request.is('application/json')) return next(unsupportedContentType(request.headers['content-type']));
      state.inFlight++;
      response.on('close', () => state.inFlight--);
      let model: LoadedModel;
      try {
        model = routeModel(registry, request);
      } catch (error) {
        return next(error);
      }
      labels = { model: model.name, version: model.version };
      jsonBody(request, response, (bodyError?: unknown) => {
        if (bodyError !== undefined) return next(bodyError);
        void answerInference(model, request, response).catch(next);
      });
    });
  }

  async function answerInference(model: LoadedModel, request: Request, response: Response): Promise<void> {
    const maxRows = options.batching ? options.maxBatchSize : undefined;
    const parsed = parseInferRequest(request.body, model.signature, maxRows);
    const prediction = await predictions.predict(model, parsed.inputs, parsed.rows, parsed.queueTimeoutMs);
    if (response.destroyed) return;
    response.setHeader('X-Infercap-Cache', prediction.cached ? 'hit' : 'miss');
    response.json({
      model_name: model.name,
      model_version: model.version,
      ...(parsed.id === undefined ? {} : { id: parsed.id }),
      outputs: outputsJson(prediction.outputs, parsed.outputs),
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

/** True when `error` came from express.json: body-parser marks its errors with `type` and a 4xx `status`. */
export function isBodyParserError(error: unknown): error is { type: string; status: number; message: string } {
  if (isInfercapError(error) || typeof error !== 'object' || error === null) return false;
  const { type, status } = error as { type?: unknown; status?: unknown };
  return typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500;
}
