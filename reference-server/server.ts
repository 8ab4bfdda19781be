// The reference server's lifecycle: load and warm every model, listen, and drain gracefully on close.

import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { createLogger, type Logger } from '../common/log.ts';
import { createPredictionCache } from './cache/createPredictionCache.ts';
import { resolveServerOptions, type ServerOptions, type ServerOptionsInput } from './config/serverOptions.ts';
import { createRequestListener } from './http/app.ts';
import { answerClientError } from './http/clientErrors.ts';
import { assertExecutionProviderInstalled } from './inference/ortSession.ts';
import { createServerState, type ServerState } from './http/serverState.ts';
import { PredictionService } from './inference/predictionService.ts';
import { createServerMetrics, type ServerMetrics } from './metrics/serverMetrics.ts';
import { discoverModels } from './registry/modelDirectory.ts';
import { loadModelRegistry, type ModelRegistry } from './registry/modelRegistry.ts';

export interface RunningServer {
  /** http://host:port, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  readonly options: ServerOptions;
  readonly state: Readonly<ServerState>;
  readonly registry: ModelRegistry;
  readonly metrics: ServerMetrics;
  /**
   * Drains: readiness turns false, new inference requests get 503, requests in flight and queued
   * batches finish, then connections, sessions and the cache are closed. Idempotent.
   */
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for in-flight requests and queued batches to finish, at most `timeoutMs`; true if they did. */
async function waitUntilDrained(state: ServerState, predictions: PredictionService, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (state.inFlight > 0 && performance.now() < deadline) await sleep(5);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - performance.now()))));
  await Promise.race([predictions.whenIdle(), timedOut]);
  clearTimeout(timer);
  return state.inFlight === 0;
}

/** How long a drained server waits for clients to close their keep-alive connections before cutting them. */
const drainGraceMs = 500;

/** Resolves once `server` has no open connection, or after `timeoutMs`. */
async function connectionsClosed(server: http.Server, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  const count = () => new Promise<number>((resolve) => server.getConnections((error, n) => resolve(error ? 0 : n)));
  while ((await count()) > 0 && performance.now() < deadline) await sleep(10);
}

/** Starts a reference server; resolves once every model is loaded, warmed up and the port is listening. */
export async function startServer(input: ServerOptionsInput = {}, logger?: Logger): Promise<RunningServer> {
  const options = resolveServerOptions(input);
  const log = logger ?? createLogger(options.logLevel, { component: 'server' });
  // Before anything is loaded: a missing execution provider is a configuration error, found at once.
  assertExecutionProviderInstalled(options.executionProvider);
  const discovered = discoverModels(options.modelsDir, options.models, options.defaultVersions);
  const registry = await loadModelRegistry(discovered, options, log);
  const cache = await createPredictionCache({
    backend: options.cache,
    maxEntries: options.cacheMaxEntries,
    maxBytes: options.cacheMaxBytes,
    ttlMs: options.cacheTtlMs,
    ...(options.redisUrl === undefined ? {} : { redisUrl: options.redisUrl }),
    logger: log,
  });
  const metrics = createServerMetrics(options.maxBatchSize);
  const state = createServerState();
  const predictions = new PredictionService(registry, options, cache, metrics, log);
  const listener = createRequestListener({ options, registry, predictions, metrics, state }, log);

  // Slow clients (slow-loris) get 408 once headers or body take longer than these; checked every second.
  const server = http.createServer(
    { headersTimeout: options.headersTimeoutMs, requestTimeout: options.requestTimeoutMs, connectionsCheckingInterval: 1_000 },
    listener,
  );
  server.on('clientError', answerClientError);
  // Inference can queue behind large batches; Node's 5 s keep-alive default would cut idle pooled clients early.
  server.keepAliveTimeout = 65_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await Promise.allSettled([registry.close(), cache.close()]);
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  state.ready = true;
  log.info('server.ready', { url, models: registry.models.map((m) => `${m.name}/${m.version}`), cache: cache.kind });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      state.ready = false;
      state.draining = true;
      log.info('server.draining', { inFlight: state.inFlight });
      // Stop accepting, but do not cut idle keep-alive connections yet (http.Server.close would): a client
      // may be sending on one right now. Every answer while draining says Connection: close instead, so
      // clients let go of their connections one answer at a time; what is still open at the end is cut.
      const stopped = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
      const drained = await waitUntilDrained(state, predictions, options.drainTimeoutMs);
      if (!drained) log.warn('server.drain_timeout', { inFlight: state.inFlight, timeoutMs: options.drainTimeoutMs });
      await connectionsClosed(server, drainGraceMs);
      server.closeAllConnections();
      await stopped;
      await Promise.allSettled([registry.close(), cache.close()]);
      log.info('server.stopped', {});
    })();
    return closing;
  };
  return { url, port, options, state, registry, metrics, close };
}
