// Forwards a client request to the replica the strategy picks, retrying once on another replica when the
// first could not be reached or refused before doing any work (inference is idempotent), and keeps the
// books every strategy, the outlier detector, the stats and the metrics read.

import type { ServerResponse } from 'node:http';
import { noHealthyReplica, replicaAnswerBroken, replicaUnreachable } from '../../common/errors.ts';
import type { Logger } from '../../common/log.ts';
import type { BalancerMetrics } from './balancerMetrics.ts';
import type { BalancerCounters } from './balancerStats.ts';
import { recordOutcome, type EjectionPolicy } from './outlierEjection.ts';
import { replicaViews, STATS_TAU_MS, type Replica } from './replica.ts';
import { attemptOn, forwardableHeaderLines, type Attempt, type ForwardedRequest } from './replicaAttempt.ts';
import type { HttpAnswer } from '../../common/http/httpConnections.ts';
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
    const headerLines = forwardableHeaderLines(request.rawHeaders);
    let attempt = await this.#attempt(first, request, headerLines);
    let answeredBy = first;
    if (attempt.kind === 'unreached' || attempt.kind === 'refused') {
      const second = this.#pick(first.id);
      if (second !== undefined) {
        counters.retries++;
        first.retried++;
        metrics.retries.inc({ replica: String(first.id) });
        this.#c.logger.debug('request.retry', { from: first.id, to: second.id, reason: attempt.kind === 'unreached' ? attempt.problem : 'refused' });
        const retry = await this.#attempt(second, request, headerLines);
        // A refusal says more to the client than the second replica's being unreachable.
        if (retry.kind !== 'unreached' || attempt.kind === 'unreached') {
          attempt = retry;
          answeredBy = second;
        }
      }
    }
    if (attempt.kind === 'unreached') return sendError(replicaUnreachable(answeredBy.id, attempt.problem));
    if (attempt.kind === 'broken') return sendError(replicaAnswerBroken(answeredBy.id, attempt.problem));
    this.#deliver(answeredBy, attempt.answer, request.method, response);
  }

  #pick(exclude: number | undefined): Replica | undefined {
    const nowMs = this.#c.now();
    const id = this.#c.strategy.pick(replicaViews(this.#c.replicas, nowMs, exclude), nowMs);
    return id === undefined ? undefined : this.#c.replicas.find((r) => r.id === id);
  }

  /** One attempt on `replica`, with its in-flight count and books around it. */
  async #attempt(replica: Replica, request: ForwardedRequest, headerLines: string): Promise<Attempt> {
    const connections = replica.connections;
    if (connections === undefined) return { kind: 'unreached', problem: 'not running' };
    replica.inFlight++;
    replica.requests++;
    const startedMs = this.#c.now();
    const attempt = await attemptOn(connections, request, headerLines);
    if (attempt.kind === 'unreached' || attempt.kind === 'broken') this.#end(replica, startedMs, 'error', true);
    else this.#end(replica, startedMs, String(attempt.answer.status), attempt.answer.status >= 500);
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

  #deliver(replica: Replica, answer: HttpAnswer, method: string, response: ServerResponse): void {
    const raw = answer.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!;
      const lower = name.toLowerCase();
      // The body is sent whole, with its own length; an answer to HEAD keeps the length the replica declared.
      if (hopByHopResponse.has(lower) || (lower === 'content-length' && method !== 'HEAD')) continue;
      response.appendHeader(name, raw[i + 1]!);
    }
    response.setHeader('X-Infercap-Replica', String(replica.id));
    response.statusCode = answer.status;
    if (method !== 'HEAD') response.setHeader('Content-Length', answer.body.length);
    response.end(answer.body);
  }
}
