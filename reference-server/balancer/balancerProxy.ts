// Forwards a client request to the replica the strategy picks, retrying once on another replica when the
// first could not be reached or refused before doing any work (inference is idempotent), and keeps the
// books every strategy, the outlier detector, the stats and the metrics read.

import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { noHealthyReplica, replicaUnreachable } from '../../common/errors.ts';
import type { Logger } from '../../common/log.ts';
import type { BalancerMetrics } from './balancerMetrics.ts';
import type { BalancerCounters } from './balancerStats.ts';
import { recordOutcome, type EjectionPolicy } from './outlierEjection.ts';
import { replicaViews, STATS_TAU_MS, type Replica } from './replica.ts';
import { attemptOn, type Attempt, type ForwardedRequest } from './replicaAttempt.ts';
import type { BalancingStrategy } from './strategies/balancingStrategy.ts';
import { observePeakEwma } from './strategies/leastResponseTime.ts';

/** Response headers that belong to the replica's connection, not to the client's. */
const hopByHopResponse = new Set(['connection', 'keep-alive', 'transfer-encoding', 'trailer', 'upgrade', 'proxy-authenticate']);

export interface ProxyContext {
  readonly replicas: readonly Replica[];
  readonly strategy: BalancingStrategy;
  readonly ejection: EjectionPolicy;
  readonly metrics: BalancerMetrics;
  readonly counters: { -readonly [K in keyof BalancerCounters]: BalancerCounters[K] };
  readonly logger: Logger;
  readonly now: () => number;
}

export class BalancerProxy {
  readonly #c: ProxyContext;

  constructor(context: ProxyContext) {
    this.#c = context;
  }

  /** Answers the client with a replica's answer, or through `sendError` with a JSON error. */
  async forward(request: ForwardedRequest, response: ServerResponse, sendError: (error: unknown) => void): Promise<void> {
    const { replicas, counters, metrics } = this.#c;
    const first = this.#pick(undefined);
    if (first === undefined) {
      counters.noHealthyReplica++;
      metrics.noHealthyReplica.inc();
      return sendError(noHealthyReplica(replicas.length));
    }
    let attempt = await this.#attempt(first, request);
    let answeredBy = first;
    if (attempt.kind !== 'answered') {
      const second = this.#pick(first.id);
      if (second !== undefined) {
        counters.retries++;
        first.retried++;
        metrics.retries.inc({ replica: String(first.id) });
        this.#c.logger.debug('request.retry', { from: first.id, to: second.id, reason: attempt.kind === 'unreached' ? attempt.problem : 'refused' });
        const retry = await this.#attempt(second, request);
        // A refusal says more to the client than the second replica's being unreachable.
        if (retry.kind !== 'unreached' || attempt.kind === 'unreached') {
          attempt = retry;
          answeredBy = second;
        }
      }
    }
    if (attempt.kind === 'unreached') return sendError(replicaUnreachable(answeredBy.id, attempt.problem));
    this.#deliver(answeredBy, attempt, response);
  }

  #pick(exclude: number | undefined): Replica | undefined {
    const id = this.#c.strategy.pick(replicaViews(this.#c.replicas, this.#c.now(), exclude), this.#c.now());
    return id === undefined ? undefined : this.#c.replicas.find((r) => r.id === id);
  }

  /** One attempt on `replica`: in-flight and counts around it; its end is booked when its answer ends. */
  async #attempt(replica: Replica, request: ForwardedRequest): Promise<Attempt> {
    const url = replica.url;
    const agent = replica.agent;
    if (url === undefined || agent === undefined) return { kind: 'unreached', problem: 'not running' };
    replica.inFlight++;
    replica.requests++;
    const startedMs = this.#c.now();
    const attempt = await attemptOn(url, agent, request);
    if (attempt.kind === 'unreached') {
      this.#end(replica, startedMs, 'error', true);
    } else if (attempt.body !== undefined) {
      this.#end(replica, startedMs, String(attempt.response.statusCode), attempt.response.statusCode! >= 500);
    } else {
      // Booked when the body has been passed on (or the transfer failed).
      const response = attempt.response;
      let booked = false;
      const book = (failed: boolean) => {
        if (booked) return;
        booked = true;
        this.#end(replica, startedMs, String(response.statusCode), failed || response.statusCode! >= 500);
      };
      // An error is the replica's connection breaking; a close without one may be the client going away.
      response.once('error', () => book(true));
      response.once('close', () => book(false));
    }
    return attempt;
  }

  #end(replica: Replica, startedMs: number, status: string, failed: boolean): void {
    const nowMs = this.#c.now();
    const latencyMs = nowMs - startedMs;
    replica.inFlight--;
    const label = String(replica.id);
    this.#c.metrics.requests.inc({ replica: label, status });
    if (status !== 'error') {
      this.#c.metrics.requestDuration.observe({ replica: label }, latencyMs / 1000);
      replica.latency = observePeakEwma(replica.latency, latencyMs, nowMs, STATS_TAU_MS);
    }
    // A failed connection says nothing about how fast the replica answers; strategies learn from answers.
    if (status !== 'error') this.#c.strategy.onRequestEnd?.(replica.id, latencyMs, nowMs);
    if (failed) replica.failures++;
    const before = replica.outlier.ejections;
    replica.outlier = recordOutcome(replica.outlier, failed, nowMs, this.#c.ejection);
    if (replica.outlier.ejections !== before) {
      this.#c.logger.warn('replica.ejected', { replica: replica.id, untilMs: Math.round(replica.outlier.ejectedUntilMs - nowMs), ejections: replica.outlier.ejections });
    }
  }

  #deliver(replica: Replica, attempt: Exclude<Attempt, { kind: 'unreached' }>, response: ServerResponse): void {
    const upstream = attempt.response;
    const raw = upstream.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!;
      const lower = name.toLowerCase();
      if (hopByHopResponse.has(lower) || (attempt.body !== undefined && lower === 'content-length')) continue;
      response.appendHeader(name, raw[i + 1]!);
    }
    response.setHeader('X-Infercap-Replica', String(replica.id));
    response.statusCode = upstream.statusCode!;
    if (attempt.body !== undefined) {
      response.setHeader('Content-Length', attempt.body.length);
      response.end(attempt.body);
      return;
    }
    // A replica that dies mid-answer cannot be retried (the client has the status already): the client's
    // connection is cut, so it sees a failure rather than a truncated body.
    pipeline(upstream, response, () => undefined);
  }
}
