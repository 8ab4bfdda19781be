// The balancer's HTTP server: access control at the front (API keys and one rate limit per client across
// the fleet), its own routes (fleet health, /balancer/stats, /metrics with every replica's series) and every
// other request proxied to a replica; closing drains the requests in flight.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isInfercapError, shuttingDown } from '../../common/errors.ts';
import type { Logger } from '../../common/log.ts';
import type { AccessCheck } from '../http/accessControl.ts';
import { sendError } from '../http/errorResponses.ts';
import { createBalancerMetrics } from './balancerMetrics.ts';
import { BalancerProxy } from './balancerProxy.ts';
import { balancerStats, type BalancerCounters, type BalancerStats } from './balancerStats.ts';
import { mergeExpositions } from './metricsExposition.ts';
import type { EjectionPolicy } from './outlierEjection.ts';
import { isHealthy, type Replica } from './replica.ts';
import { readRequestBody } from '../http/requestBody.ts';
import type { BalancingStrategy } from './strategies/balancingStrategy.ts';

export interface BalancerServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly replicas: readonly Replica[];
  readonly strategy: BalancingStrategy;
  readonly ejection: EjectionPolicy;
  readonly bodyLimitBytes: number;
  /** How long closing waits for the requests in flight. */
  readonly drainTimeoutMs: number;
  readonly logger: Logger;
  /** Checked before every route but the health probes (none by default). */
  readonly accessCheck?: AccessCheck;
  /** `Authorization` value of the balancer's own calls to replicas (their /metrics), when they need a key. */
  readonly replicaAuthorization?: string;
}

export interface RunningBalancer {
  readonly url: string;
  readonly port: number;
  stats(): BalancerStats;
  /** Stops taking requests, waits for those in flight (at most drainTimeoutMs), closes. Idempotent. */
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
}

/** Each running replica's own /metrics (skipped when it does not answer 200 within a second). */
async function replicaExpositions(replicas: readonly Replica[], authorization: string | undefined): Promise<{ replicaId: number; text: string }[]> {
  const headerLines = authorization === undefined ? '' : `authorization: ${authorization}\r\n`;
  const texts = await Promise.all(
    replicas.map(async (replica) => {
      if (replica.connections === undefined || replica.process !== 'running') return undefined;
      try {
        const answer = await replica.connections.request({ method: 'GET', path: '/metrics', headerLines, timeoutMs: 1_000 });
        return answer.status === 200 ? { replicaId: replica.id, text: answer.body.toString('utf8') } : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  return texts.filter((text) => text !== undefined);
}

export async function startBalancerServer(options: BalancerServerOptions): Promise<RunningBalancer> {
  const { replicas, strategy, logger } = options;
  const counters: { -readonly [K in keyof BalancerCounters]: BalancerCounters[K] } = { requests: 0, inFlight: 0, retries: 0, noHealthyReplica: 0 };
  const metrics = createBalancerMetrics(replicas, now);
  const proxy = new BalancerProxy({ replicas, strategy, ejection: options.ejection, metrics, counters, logger, now });
  let draining = false;
  const stats = () => balancerStats(strategy.name, draining, replicas, counters, now());

  const answerError = (response: http.ServerResponse, path: string) => (error: unknown) => sendError(response, error, logger, path);

  async function proxyRequest(request: http.IncomingMessage, response: http.ServerResponse, path: string): Promise<void> {
    counters.requests++;
    counters.inFlight++;
    try {
      const body = await readRequestBody(request, options.bodyLimitBytes);
      const forwarded = { method: request.method ?? 'GET', path, rawHeaders: request.rawHeaders, body };
      await proxy.forward(forwarded, response, answerError(response, path));
      // In flight until the answer has been passed on (or the client went away).
      if (!response.writableFinished && !response.destroyed) await new Promise<void>((resolve) => response.once('close', resolve));
    } catch (error) {
      if (!isInfercapError(error)) logger.error('request.crashed', { path, error: (error as Error)?.stack ?? String(error) });
      answerError(response, path)(error);
    } finally {
      counters.inFlight--;
    }
  }

  const server = http.createServer((request, response) => {
    const path = request.url ?? '/';
    const route = path.split('?')[0];
    if (request.method === 'GET' && route === '/v2/health/live') return sendJson(response, 200, { live: true });
    if (request.method === 'GET' && route === '/v2/health/ready') {
      const ready = !draining && replicas.some((replica) => isHealthy(replica, now()));
      return sendJson(response, ready ? 200 : 503, { ready });
    }
    const refusal = options.accessCheck?.(request);
    if (refusal !== undefined) return answerError(response, path)(refusal);
    if (request.method === 'GET' && route === '/balancer/stats') return sendJson(response, 200, stats());
    if (request.method === 'GET' && route === '/metrics') {
      void (async () => {
        const own = await metrics.registry.metrics();
        const fleet = mergeExpositions(await replicaExpositions(replicas, options.replicaAuthorization));
        response.setHeader('Content-Type', metrics.registry.contentType);
        response.end(own + fleet);
      })().catch(answerError(response, path));
      return;
    }
    if (draining) {
      request.resume();
      return answerError(response, path)(shuttingDown());
    }
    void proxyRequest(request, response, path);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      draining = true;
      logger.info('balancer.draining', { inFlight: counters.inFlight });
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = now() + options.drainTimeoutMs;
      while (counters.inFlight > 0 && now() < deadline) await sleep(5);
      if (counters.inFlight > 0) logger.warn('balancer.drain_timeout', { inFlight: counters.inFlight, timeoutMs: options.drainTimeoutMs });
      server.closeAllConnections();
      await stopped;
      logger.info('balancer.stopped', {});
    })();
    return closing;
  };
  return { url, port, stats, close };
}
