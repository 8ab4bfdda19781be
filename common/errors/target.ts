// Messages about the target server the harness drives: its answers, and losing it during a run.

import { InfercapError } from './infercapError.ts';
import { runtime } from './kinds.ts';

export const targetError = (what: string, status: number, problem: string) =>
  new InfercapError('E_TARGET_ERROR', `${what} answered ${status}: ${problem}`, runtime);

export const targetUnreachable = (url: string, problem: string) =>
  new InfercapError('E_TARGET_UNREACHABLE', `cannot reach the target ${url}: ${problem}; is the server running?`, runtime);

export const targetDied = (url: string, exit: number | string) =>
  new InfercapError(
    'E_TARGET_DIED',
    `the reference server at ${url} exited (${exit}) during the run; the results so far were written, marked incomplete`,
    runtime,
  );

export const targetLost = (url: string, problem: string) =>
  new InfercapError(
    'E_TARGET_LOST',
    `the target ${url} stopped answering during the run (${problem}); the results so far were written, marked incomplete`,
    runtime,
  );

