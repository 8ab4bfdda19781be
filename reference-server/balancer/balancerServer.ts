// The balancer's HTTP server: access control at the front (API keys and one rate limit per client across
// the fleet), its own routes (fleet health, /balancer/stats, /metrics with every replica's series) and every
// other request proxied to a replica; closing drains the requests in flight.

import net from 'node:net';
import { isInfercapError, shuttingDown } from '../../common/errors.ts';
import type { Logger } from '../../common/log.ts';
import type { AccessCheck } from '../http/accessControl.ts';
import { errorAnswer } from '../http/errorResponses.ts';
import { createBalancerMetrics } from './balancerMetrics.ts';
import { BalancerProxy } from './balancerProxy.ts';
import { balancerStats, type BalancerCounters, type BalancerStats } from './balancerStats.ts';
import { ClientConnection, httpDate, keepAliveTimeoutMs, type Answer, type ClientRequest } from './clientConnection.ts';
import { mergeExpositions } from './metricsExposition.ts';
import type { EjectionPolicy } from './outlierEjection.ts';
import { isHealthy, type Replica } from './replica.ts';
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

/** node:http's headersTimeout: a request still arriving after this is answered 408, and its connection closes. */
const receiveTimeoutMs = 60_000;

/** Header lines of the balancer's own answers (a replica's answer carries the replica's Date). */
const ownHeaderLines = (contentType: string) => `Content-Type: ${contentType}\r\nDate: ${httpDate()}\r\n`;
const json = 'application/json; charset=utf-8';
const jsonAnswer = (status: number, body: unknown): Answer => ({ status, headerLines: ownHeaderLines(json), body: Buffer.from(JSON.stringify(body)) });

/** The error's JSON answer; a `Connection: close` among its headers closes the connection. */
function errorAnswerOf(error: unknown, logger: Logger, path: string): Answer {
  const { status, headers, body } = errorAnswer(error, logger, path);
  let headerLines = ownHeaderLines(json);
  let close = false;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'connection') close ||= value.toLowerCase() === 'close';
    else headerLines += `${name}: ${value}\r\n`;
  }
  return { status, headerLines, body: Buffer.from(body), close };
}

/** The first value of header `lowerName` among raw headers. */
function headerValue(rawHeaders: readonly string[], lowerName: string): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === lowerName) return rawHeaders[i + 1];
  return undefined;
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

  function proxyRequest(request: ClientRequest, reply: (answer: Answer) => void): void {
    counters.requests++;
    counters.inFlight++;
    // In flight until the answer has been passed on (once: an error after the answer goes only to the log).
    let answered = false;
    const answer = (result: Answer) => {
      if (answered) return;
      answered = true;
      counters.inFlight--;
      reply(result);
    };
    const fail = (error: unknown) => answer(errorAnswerOf(error, logger, request.url));
    proxy.forward({ method: request.method, path: request.url, rawHeaders: request.rawHeaders, body: request.body }, answer, fail).catch((error: unknown) => {
      if (!isInfercapError(error)) logger.error('request.crashed', { path: request.url, error: (error as Error)?.stack ?? String(error) });
      fail(error);
    });
  }

  function handle(request: ClientRequest, reply: (answer: Answer) => void): void {
    const path = request.url;
    const query = path.indexOf('?');
    const route = query < 0 ? path : path.slice(0, query);
    const get = request.method === 'GET';
    if (get && route === '/v2/health/live') return reply(jsonAnswer(200, { live: true }));
    if (get && route === '/v2/health/ready') {
      const ready = !draining && replicas.some((replica) => isHealthy(replica, now()));
      return reply(jsonAnswer(ready ? 200 : 503, { ready }));
    }
    if (options.accessCheck !== undefined) {
      const refusal = options.accessCheck({ url: path, headers: { authorization: headerValue(request.rawHeaders, 'authorization') }, socket: { remoteAddress: request.remoteAddress } });
      if (refusal !== undefined) return reply(errorAnswerOf(refusal, logger, path));
    }
    if (get && route === '/balancer/stats') return reply(jsonAnswer(200, stats()));
    if (get && route === '/metrics') {
      void (async () => {
        const own = await metrics.registry.metrics();
        const fleet = mergeExpositions(await replicaExpositions(replicas, options.replicaAuthorization));
        reply({ status: 200, headerLines: ownHeaderLines(metrics.registry.contentType), body: Buffer.from(own + fleet) });
      })().catch((error: unknown) => reply(errorAnswerOf(error, logger, path)));
      return;
    }
    if (draining) return reply(errorAnswerOf(shuttingDown(), logger, path));
    proxyRequest(request, reply);
  }

  const connections = new Set<ClientConnection>();
  const events = {
    handle: (request: ClientRequest, reply: (answer: Answer) => void) => {
      try {
        handle(request, reply);
      } catch (error) {
        reply(errorAnswerOf(error, logger, request.url));
      }
    },
    refuse: (error: unknown) => errorAnswerOf(error, logger, ''),
    closed: (connection: ClientConnection) => connections.delete(connection),
  };
  // Half-open allowed, as node:http's server: a client that closes its side after its request still gets the answer.
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    const connection = new ClientConnection(socket, options.bodyLimitBytes, events);
    connections.add(connection);
    if (draining) connection.closeWhenDone();
  });
  // One sweep for every connection instead of a timer each: idle ones close after the keep-alive timeout,
  // requests that take too long to arrive (a slow client, or one that stalls) are dropped.
  const sweep = setInterval(() => {
    const nowMs = performance.now();
    for (const connection of connections) {
      if (connection.receivingSinceMs !== undefined && nowMs - connection.receivingSinceMs > receiveTimeoutMs) {
        connection.socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
        connection.socket.destroySoon();
      } else if (connection.idle && nowMs - connection.idleSinceMs > keepAliveTimeoutMs) connection.socket.destroy();
    }
  }, 1_000);
  sweep.unref();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as net.AddressInfo;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      draining = true;
      logger.info('balancer.draining', { inFlight: counters.inFlight });
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle connections close now, the others after their answer.
      for (const connection of connections) connection.closeWhenDone();
      const deadline = now() + options.drainTimeoutMs;
      while (counters.inFlight > 0 && now() < deadline) await sleep(5);
      if (counters.inFlight > 0) logger.warn('balancer.drain_timeout', { inFlight: counters.inFlight, timeoutMs: options.drainTimeoutMs });
      // Answers written are flushed before the connections end; whatever is left (a client that keeps
      // its side open, a request still arriving) is dropped.
      for (const connection of connections) connection.socket.end();
      await Promise.race([stopped, sleep(1_000)]);
      for (const connection of connections) connection.socket.destroy();
      clearInterval(sweep);
      await stopped;
      logger.info('balancer.stopped', {});
    })();
    return closing;
  };
  return { url, port, stats, close };
}
