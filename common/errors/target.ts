// Messages about the target server the harness drives: its answers, and losing it during a run.

import { InfercapError } from './infercapError.ts';
import { runtime } from './kinds.ts';

/** `reason`: the error the target sent, or what a reader of its answer found wrong. */
export const targetError = (what: string, status: number, reason: string) =>
  new InfercapError('E_TARGET_ERROR', `${what} answered ${status}: ${reason}`, runtime);

export const targetAnsweredWithoutOutputs = (what: string, status: number) => targetError(what, status, 'no outputs');

/** `reason`: the network's (fetch's) error. */
export const targetUnreachable = (url: string, reason: string) =>
  new InfercapError('E_TARGET_UNREACHABLE', `cannot reach the target ${url}: ${reason}; is the server running?`, runtime);

export const targetNotReady = (url: string, status: number) => targetUnreachable(url, `GET /v2/health/ready answered ${status}`);

export const targetDied = (url: string, exit: number | string) =>
  new InfercapError(
    'E_TARGET_DIED',
    `the reference server at ${url} exited (${exit}) during the run; the results so far were written, marked incomplete`,
    runtime,
  );

export const targetLost = (url: string, reason: string) =>
  new InfercapError(
    'E_TARGET_LOST',
    `the target ${url} stopped answering during the run (${reason}); the results so far were written, marked incomplete`,
    runtime,
  );

