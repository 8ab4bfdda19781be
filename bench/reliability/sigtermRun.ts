// Fault: SIGTERM of the whole server under load. A graceful drain answers every request it accepted
// (200, or 503 once draining); only connections it no longer accepts may be refused.

import { runClosedProbe, type ProbeTarget } from '../support/probeTraffic.ts';
import type { SuiteServer } from './suiteServer.ts';
import { within } from './within.ts';

export interface SigtermOptions {
  readonly server: SuiteServer;
  readonly target: ProbeTarget;
  readonly connections: number;
  /** Load before the signal. */
  readonly beforeMs: number;
  /** Longest wait for the server to exit after SIGTERM. */
  readonly exitWaitMs: number;
}

export interface SigtermFigures {
  readonly sent: number;
  readonly answered200: number;
  /** 503 answers while draining (refused politely, with Retry-After). */
  readonly answered503: number;
  /** Requests sent on an accepted connection that got no answer: dropped in flight. */
  readonly dropped: number;
  /** New connections refused after the listener closed (never accepted, so never in flight). */
  readonly refused: number;
  readonly exitCode: number | string;
  readonly drainMs: number;
  /** Requests without an answer, by socket error. */
  readonly errors: Readonly<Record<string, number>>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runSigtermUnderLoad(options: SigtermOptions): Promise<SigtermFigures> {
  const stop = new AbortController();
  const load = runClosedProbe(options.target, { connections: options.connections, signal: stop.signal });
  await sleep(options.beforeMs);
  const signalled = performance.now();
  options.server.signal('SIGTERM');
  const exitCode = await within(options.server.exited, options.exitWaitMs, 'did not exit');
  const drainMs = performance.now() - signalled;
  // A little more load after the exit shows that nothing hangs on a dead server.
  await sleep(200);
  stop.abort();
  const tally = await load;
  const refused = tally.errors['ECONNREFUSED'] ?? 0;
  return {
    sent: tally.sent,
    answered200: tally.count(200),
    answered503: tally.count(503),
    dropped: tally.sent - tally.answered - refused,
    refused,
    exitCode,
    drainMs,
    errors: { ...tally.errors },
  };
}
