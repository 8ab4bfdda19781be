// Runs the real `infercap` CLI as a child process: the reference server for the harness and benchmarks,
// and every command for the CLI tests.

import { spawn, type ChildProcess } from 'node:child_process';
import { infercapBin } from '../../common/compiledProgram.ts';

export interface InfercapProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout match of `pattern`; rejects if the process exits first. */
  waitForStdout(pattern: RegExp): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
  /** SIGKILL if still running; safe to call in `after` hooks whatever happened. */
  kill(): Promise<void>;
}

export function spawnInfercap(args: readonly string[]): InfercapProcess {
  const child = spawn(process.execPath, [infercapBin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const listener of listeners) listener();
  });
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  let ended = false;
  void exited.then(() => {
    ended = true;
    for (const listener of listeners) listener();
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStdout: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = out.match(pattern);
          if (match !== null) {
            listeners.delete(check);
            resolve(match);
          } else if (ended) {
            listeners.delete(check);
            reject(new Error(`infercap exited before printing ${pattern}; stderr:\n${err}`));
          }
        };
        listeners.add(check);
        check();
      }),
    kill: async () => {
      if (!ended && child.pid !== undefined) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs a command to completion and returns its exit code and output. */
export async function runInfercap(args: readonly string[]): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const run = spawnInfercap(args);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}
