// Forwards a client request to the replica the strategy picks, retrying once on another replica when the
// first could not be reached or refused before doing any work (inference is idempotent), and keeps the
// books every strategy, the outlier detector, the stats and the metrics read.

import { noHealthyReplica, replicaAnswerBroken, replicaUnreachable } from '../../common/errors.ts';
import type { Logger } from '../../common/log.ts';
import type { BalancerMetrics } from './balancerMetrics.ts';
import type { Answer } from './clientConnection.ts';
import type { BalancerCounters } from './balancerStats.ts';
import { recordOutcome, type EjectionPolicy } from './outlierEjection.ts';
import { replicaViews, STATS_TAU_MS, type Replica } from './replica.ts';
import { attemptOn, forwardableHeaderLines, type Attempt, type ForwardedRequest } from './replicaAttempt.ts';
import type { HttpAnswer } from '../../common/http/httpConnections.ts';
import type { BalancingStrategy } from './strategies/balancingStrategy.ts';
import { observePeakEwma } from './strategies/leastResponseTime.ts';

/** Response headers that belong to the replica's connection, not to the client's. */
const hopByHopResponse = new Set(['connection', 'keep-alive', 'transfer-encoding', 'trailer', 'upgrade', 'proxy-authenticate']);

/** An attempt with the replica it went to and when; `booked` once its books are kept. */
interface TimedAttempt {
  readonly attempt: Attempt;
  readonly replica: Replica;
  readonly startedMs: number;
  readonly endedMs: number;
  booked: boolean;
}

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

  /** Answers the client through `reply` with a replica's answer, or through `sendError` with a JSON error. */
  async forward(request: ForwardedRequest, reply: (answer: Answer) => void, sendError: (error: unknown) => void): Promise<void> {
    const { replicas, counters, metrics } = this.#c;
    const first = this.#pick(undefined);
    if (first === undefined) {
      counters.noHealthyReplica++;
      metrics.noHealthyReplica.inc();
      return sendError(noHealthyReplica(replicas.length));
    }
    const headerLines = forwardableHeaderLines(request.rawHeaders);
    let last = await this.#attempt(first, request, headerLines);
    const firstAttempt = last.attempt;
    if (firstAttempt.kind === 'unreached' || firstAttempt.kind === 'refused') {
      this.#book(last);
      const second = this.#pick(first.id);
      if (second !== undefined) {
        counters.retries++;
        first.retried++;
        metrics.retries.inc({ replica: String(first.id) });
        this.#c.logger.debug('request.retry', { from: first.id, to: second.id, reason: firstAttempt.kind === 'unreached' ? firstAttempt.problem : 'refused' });
        const retry = await this.#attempt(second, request, headerLines);
        // A refusal says more to the client than the second replica's being unreachable.
        if (retry.attempt.kind !== 'unreached' || firstAttempt.kind === 'unreached') last = retry;
        else this.#book(retry);
      }
    }
    const { attempt, replica } = last;
    if (attempt.kind === 'unreached') sendError(replicaUnreachable(replica.id, attempt.problem));
    else if (attempt.kind === 'broken') sendError(replicaAnswerBroken(replica.id, attempt.problem));
    else reply(relayedAnswer(replica.id, attempt.answer, request.method));
    // The books after the answer has gone out: they cost ~35 µs a request on an idle CPU (measured with
    // timestamps in the balancer at 100 req/s), time the client need not wait for.
    if (!last.booked) this.#book(last);
  }

  #pick(exclude: number | undefined): Replica | undefined {
    const nowMs = this.#c.now();
    const id = this.#c.strategy.pick(replicaViews(this.#c.replicas, nowMs, exclude), nowMs);
    return id === undefined ? undefined : this.#c.replicas.find((r) => r.id === id);
  }

  /** One attempt on `replica`, counted in flight while under way; its books are kept by #book. */
  async #attempt(replica: Replica, request: ForwardedRequest, headerLines: string): Promise<TimedAttempt> {
    const connections = replica.connections;
    const startedMs = this.#c.now();
    if (connections === undefined) return { attempt: { kind: 'unreached', problem: 'not running' }, replica, startedMs, endedMs: startedMs, booked: true };
    replica.inFlight++;
    replica.requests++;
    const attempt = await attemptOn(connections, request, headerLines);
    replica.inFlight--;
    return { attempt, replica, startedMs, endedMs: this.#c.now(), booked: false };
  }

  /** Counts an ended attempt in the metrics, the latency estimates, the strategy and the outlier detector (once). */
  #book(timed: TimedAttempt): void {
    if (timed.booked) return;
    timed.booked = true;
    const { attempt, replica, startedMs, endedMs: nowMs } = timed;
    const reached = attempt.kind === 'answered' || attempt.kind === 'refused';
    const status = reached ? String(attempt.answer.status) : 'error';
    const failed = !reached || attempt.answer.status >= 500;
    const latencyMs = nowMs - startedMs;
    const label = String(replica.id);
    this.#c.metrics.requests.inc({ replica: label, status });
    // A failed connection says nothing about how fast the replica answers; strategies learn from answers.
    if (reached) {
      this.#c.metrics.requestDuration.observe({ replica: label }, latencyMs / 1000);
      replica.latency = observePeakEwma(replica.latency, latencyMs, nowMs, STATS_TAU_MS);
      this.#c.strategy.onRequestEnd?.(replica.id, latencyMs, nowMs);
    }
    if (failed) replica.failures++;
    const before = replica.outlier.ejections;
    replica.outlier = recordOutcome(replica.outlier, failed, nowMs, this.#c.ejection);
    if (replica.outlier.ejections !== before) {
      this.#c.logger.warn('replica.ejected', { replica: replica.id, untilMs: Math.round(replica.outlier.ejectedUntilMs - nowMs), ejections: replica.outlier.ejections });
    }
  }
}

/** The replica's answer as the client gets it: its status, headers and body, naming the replica. */
function relayedAnswer(replicaId: number, answer: HttpAnswer, method: string): Answer {
  const raw = answer.rawHeaders;
  const status = answer.status;
  // An answer to HEAD keeps the length the replica declared; any other is sent whole, with its own length.
  const bodiless = method === 'HEAD' || status === 204 || status === 304;
  let headerLines = '';
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (hopByHopResponse.has(lower) || (lower === 'content-length' && method !== 'HEAD')) continue;
    headerLines += `${name}: ${raw[i + 1]}\r\n`;
  }
  headerLines += `X-Infercap-Replica: ${replicaId}\r\n`;
  return bodiless ? { status, headerLines } : { status, headerLines, body: answer.body };
}
