// The fuzz part of the reliability suite: thousands of hostile requests (hostileRequests.ts) on raw
// sockets, mixed into a steady stream of valid traffic whose p99 is measured before and during the fuzz.

import type { HostileContext, HostileKind } from './hostileRequests.ts';
import { hostileRequests } from './hostileRequests.ts';
import { rawExchange, type RawReply } from './rawExchange.ts';
import { runOpenProbe, ProbeTally, type ProbeTarget } from '../support/probeTraffic.ts';

export interface FuzzOptions {
  /** The server's loopback port (hostile requests go there on raw sockets). */
  readonly port: number;
  readonly context: HostileContext;
  /** Valid traffic. */
  readonly valid: ProbeTarget;
  readonly validRate: number;
  /** Valid traffic alone before the fuzz, the p99 baseline. */
  readonly baselineMs: number;
  readonly hostileCount: number;
  readonly seed: number;
  /** Hostile sockets open at once. */
  readonly concurrency: number;
  /** Longest wait for one hostile exchange (beyond the server's request timeout). */
  readonly exchangeWaitMs: number;
  /** True once the server process has exited: a crash. */
  readonly crashed: () => boolean;
}

export interface KindFigures {
  sent: number;
  /** Answered with a 4xx status. */
  answered4xx: number;
  /** Answered with a JSON body carrying an "error" message. */
  withMessage: number;
  /** Answered with a status other than the one a correct server gives. */
  unexpected: number;
  fiveHundreds: number;
  /** Closed, or left open past the wait, without any answer. */
  unanswered: number;
}

export interface FuzzFigures {
  readonly hostile: number;
  readonly crashes: number;
  /** 5xx answers to hostile and valid requests together. */
  readonly fiveHundreds: number;
  readonly hostileAnswered4xx: number;
  readonly hostileWithMessage: number;
  readonly hostileUnexpected: number;
  readonly byKind: Readonly<Record<string, KindFigures>>;
  /** A few unexpected exchanges, for the report. */
  readonly examples: readonly string[];
  readonly valid: { readonly before: ValidFigures; readonly during: ValidFigures };
  /** valid p99 during the fuzz / before it. */
  readonly p99Ratio: number | null;
  readonly fuzzMs: number;
}

export interface ValidFigures {
  readonly sent: number;
  readonly ok: number;
  readonly failed: number;
  readonly p99Ms: number | null;
}

const validFigures = (tally: ProbeTally): ValidFigures => ({ sent: tally.sent, ok: tally.count(200), failed: tally.sent - tally.count(200), p99Ms: tally.ok.percentile(99) });

function hasErrorMessage(reply: RawReply): boolean {
  try {
    const body = JSON.parse(reply.body) as { error?: unknown };
    return typeof body.error === 'string' && body.error.length > 0;
  } catch {
    return false;
  }
}

/** Runs the baseline, then the fuzz with valid traffic alongside; resolves with the figures. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzFigures> {
  const maxInFlight = 64;
  const before = await runOpenProbe(options.valid, { rate: options.validRate, durationMs: options.baselineMs, maxInFlight });

  const byKind: Record<string, KindFigures> = {};
  const examples: string[] = [];
  let crashes = 0;
  const stopValid = new AbortController();
  const during = runOpenProbe(options.valid, { rate: options.validRate, durationMs: 24 * 3_600_000, maxInFlight, signal: stopValid.signal });
  const started = performance.now();
  const requests = hostileRequests(options.seed, options.hostileCount, options.context);
  const worker = async () => {
    for (let next = requests.next(); !next.done; next = requests.next()) {
      const request = next.value;
      const reply = await rawExchange(options.port, request.bytes, request.delivery, options.exchangeWaitMs);
      const figures = (byKind[request.kind as HostileKind] ??= { sent: 0, answered4xx: 0, withMessage: 0, unexpected: 0, fiveHundreds: 0, unanswered: 0 });
      figures.sent++;
      if (reply.status === undefined) figures.unanswered++;
      else if (reply.status >= 400 && reply.status < 500) figures.answered4xx++;
      else if (reply.status >= 500) figures.fiveHundreds++;
      if (hasErrorMessage(reply)) figures.withMessage++;
      if (reply.status === undefined || !request.expected.includes(reply.status)) {
        figures.unexpected++;
        if (examples.length < 10) {
          examples.push(`${request.kind}: expected ${request.expected.join('|')}, got ${reply.status ?? (reply.error ?? 'no answer')}: ${request.bytes.subarray(0, 120).toString('latin1').replace(/\r\n/g, ' | ')}`);
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    stopValid.abort();
  }
  const fuzzMs = performance.now() - started;
  const duringTally = await during;
  if (options.crashed()) crashes = 1;

  const kinds = Object.values(byKind);
  const sum = (pick: (k: KindFigures) => number) => kinds.reduce((total, k) => total + pick(k), 0);
  const validFiveHundreds = (tally: ProbeTally) => Object.entries(tally.byStatus).reduce((total, [status, n]) => total + (Number(status) >= 500 ? n : 0), 0);
  const beforeFigures = validFigures(before);
  const duringFigures = validFigures(duringTally);
  return {
    hostile: sum((k) => k.sent),
    crashes,
    fiveHundreds: sum((k) => k.fiveHundreds) + validFiveHundreds(before) + validFiveHundreds(duringTally),
    hostileAnswered4xx: sum((k) => k.answered4xx),
    hostileWithMessage: sum((k) => k.withMessage),
    hostileUnexpected: sum((k) => k.unexpected),
    byKind,
    examples,
    valid: { before: beforeFigures, during: duringFigures },
    p99Ratio: beforeFigures.p99Ms === null || duringFigures.p99Ms === null || beforeFigures.p99Ms === 0 ? null : duringFigures.p99Ms / beforeFigures.p99Ms,
    fuzzMs,
  };
}
