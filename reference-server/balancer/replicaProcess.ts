// Starts one replica: a full `infercap serve` child process on a free loopback port. Its log lines are
// passed on tagged with the replica id, and an IPC channel ties its life to the balancer's.

import { spawn, type ChildProcess } from 'node:child_process';
import { infercapBin } from '../../common/compiledProgram.ts';

export interface ReplicaProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves with the URL once the replica listens (it has loaded and warmed up its models by then). */
  readonly listening: Promise<string>;
  /** Resolves with the exit code, or the signal's name, when the process ends. */
  readonly exited: Promise<number | string>;
}

/**
 * Spawns `infercap serve --host 127.0.0.1 --port 0 <serveArgs>`. `writeLog` receives each stderr line
 * of the replica (its JSON log) with `"replica":id` added.
 */
export function spawnReplica(id: number, serveArgs: readonly string[], writeLog: (line: string) => void): ReplicaProcess {
  // The IPC channel closes when the balancer dies, even by SIGKILL; the replica then drains and exits.
  const child = spawn(process.execPath, [infercapBin, 'serve', ...serveArgs, '--host', '127.0.0.1', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Its own process group: a Ctrl-C at the terminal reaches the balancer, which drains first, then stops it.
    detached: true,
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  let stdout = '';
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < 64 * 1024) stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match !== null) resolve(match[1]!);
    });
    child.once('error', reject);
    void exited.then((code) => reject(new Error(`replica ${id} exited (${code}) before listening`)));
  });
  listening.catch(() => undefined);
  let pending = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (line !== '') writeLog(`${line.startsWith('{') ? `{"replica":${id},${line.slice(1)}` : `replica ${id}: ${line}`}\n`);
  });
  return { child, pid: child.pid ?? -1, listening, exited };
}
