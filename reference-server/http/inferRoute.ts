// POST /v2/models/{name}[/versions/{version}]/infer, on Node's http API directly: the hot path of the
// server, kept off express's router and response helpers because every microsecond here is multiplied
// by the request rate (it roughly halves the server's CPU cost of a cache hit).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathNotPercentEncoded, queueFull, shuttingDown, unsupportedContentType } from '../../common/errors.ts';
import type { Logger } from '../../common/log.ts';
import type { LoadedModel } from '../registry/modelRegistry.ts';
import { sendError } from './errorResponses.ts';
import { parseInferRequest } from './inferRequest.ts';
import { readInferBody } from './inferBody.ts';
import { encodeInferResponse } from './inferResponse.ts';
import type { V2RouteContext } from './v2Routes.ts';

const inferPath = /^\/v2\/models\/([^/?]+)(?:\/versions\/([^/?]+))?\/infer(?:\?.*)?$/;

/** The model name and version of an inference URL, or undefined for any other URL. */
export function matchInferPath(url: string): { name: string; version: string | undefined } | undefined {
  const match = inferPath.exec(url);
  if (match === null) return undefined;
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw pathNotPercentEncoded(part);
    }
  };
  return { name: decode(match[1]!), version: match[2] === undefined ? undefined : decode(match[2]) };
}

/** No Content-Type is JSON (Triton's clients send none); binary tensor data may come as octet-stream. */
const acceptedContentType = (contentType: string | undefined) =>
  contentType === undefined || /^application\/(json|octet-stream)\s*(;|$)/i.test(contentType);

/** Answers one inference request whose URL matched; every failure becomes a JSON error answer. */
export function createInferHandler(context: V2RouteContext, logger: Logger) {
  const { options, registry, predictions, metrics, state } = context;
  const jsonLimits = { maxDepth: options.maxJsonDepth, maxArrayElements: options.maxTensorElements };

  async function answer(model: LoadedModel, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readInferBody(request, options.bodyLimitBytes, jsonLimits);
    const parsed = parseInferRequest(body.json, model, options.maxTensorElements, body.binary);
    const prediction = await predictions.predict(model, parsed.inputs, parsed.rows, parsed.queueTimeoutMs);
    if (response.destroyed) return;
    const encoded = encodeInferResponse(model, parsed, prediction.outputs);
    response.setHeader('X-Infercap-Cache', prediction.cached ? 'hit' : 'miss');
    // While draining, the connection closes after this answer: saying so keeps clients from reusing it.
    if (state.draining) response.setHeader('Connection', 'close');
    if (encoded.headerLength === undefined) {
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
    } else {
      response.setHeader('Content-Type', 'application/octet-stream');
      response.setHeader('Inference-Header-Content-Length', String(encoded.headerLength));
    }
    response.end(encoded.body);
  }

  return (request: IncomingMessage, response: ServerResponse, target: { name: string; version: string | undefined }): void => {
    const started = performance.now();
    let model: LoadedModel | undefined;
    response.on('finish', () => {
      if (model === undefined) return void metrics.requests.inc({ model: 'unknown', version: 'unknown', status: String(response.statusCode) });
      const elapsedMs = performance.now() - started;
      metrics.forModel(model.name, model.version).answered(response.statusCode, elapsedMs / 1000);
      model.stats.requestFinished(response.statusCode === 200, elapsedMs);
    });
    const fail = (error: unknown) => sendError(response, error, logger, request.url ?? '');
    if (state.draining) return fail(shuttingDown());
    const contentType = request.headers['content-type'];
    if (!acceptedContentType(contentType)) return fail(unsupportedContentType(contentType!));
    let resolved: LoadedModel;
    try {
      resolved = registry.resolve(target.name, target.version);
    } catch (error) {
      return fail(error);
    }
    model = resolved;
    // Under overload, refusing before the body is read and parsed keeps each refusal cheap, so the event
    // loop keeps up with arrivals instead of queueing them in socket buffers, where no bound applies.
    if (predictions.queueFull(resolved)) return fail(queueFull(resolved.name, resolved.version, 1));
    state.inFlight++;
    response.once('close', () => state.inFlight--);
    answer(resolved, request, response).catch(fail);
  };
}
