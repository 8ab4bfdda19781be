// Starts a reference server (or a fleet) in a child process — the one way replicas, reference targets and
// benchmark servers are started.
// The child runs the compiled program (no TypeScript compiled at start), gets its options as JSON over IPC
// and says over IPC where it listens; its stderr (the JSON log) is passed on line by line.

import { fork, type ChildProcess } from 'node:child_process';
import { compiledModule } from '../common/compiledProgram.ts';
import { type ExitCode, relayedServerError, serverExitedBeforeListening, serverProcessFailed } from '../common/errors.ts';
import { resolveFleetOptions, type FleetOptionsInput } from './balancer/fleetOptions.ts';
import { resolveServerOptions, type ServerOptionsInput } from './config/serverOptions.ts';

/** What a server process is told to start, over IPC: a server, or a fleet of them when `fleet` is given. */
export interface ServerProcessStart {
  readonly server: ServerOptionsInput;
  readonly fleet?: FleetOptionsInput;
}

/** What a server process tells its parent over IPC. */
export type ServerProcessMessage =
  | { readonly type: 'listening'; readonly url: string }
  | { readonly type: 'failed'; readonly message: string; readonly code?: string; readonly exitCode?: ExitCode };

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves with the URL once the server listens (its models loaded and warmed up); rejects if it fails or exits first. */
  readonly listening: Promise<string>;
  /** Resolves with the exit code, or the signal's name, when the process ends. */
  readonly exited: Promise<number | string>;
  /** SIGTERM (the server drains), then SIGKILL if it has not exited within `graceMs`; resolves with how it ended. */
  stop(graceMs?: number): Promise<number | string>;
}

export interface SpawnServerOptions {
  /** Receives each stderr line of the child (its JSON log), newline included; default: this process's stderr. */
  readonly writeLog?: (line: string) => void;
  /** Its own process group, so that a Ctrl-C reaches the parent first (a fleet drains, then stops its replicas). */
  readonly detached?: boolean;
  /** Start a fleet of replicas behind a balancer instead of one server (`options` are then every replica's). */
  readonly fleet?: FleetOptionsInput;
}

/**
 * Validates `options` here (a bad option fails at once, naming the flag), then spawns the server process.
 * Its host defaults to 127.0.0.1 and its port to 0 (a free port) unless `options` says otherwise.
 */
export function spawnServer(options: ServerOptionsInput, spawnOptions: SpawnServerOptions = {}): ServerProcess {
  const input: ServerOptionsInput = { host: '127.0.0.1', port: 0, ...options };
  resolveServerOptions(input);
  if (spawnOptions.fleet !== undefined) resolveFleetOptions(spawnOptions.fleet);
  const writeLog = spawnOptions.writeLog ?? ((line: string) => void process.stderr.write(line));
  // execArgv: [] keeps a parent's loader (tsx, in tests) out of the child, which runs plain JavaScript.
  const child = fork(compiledModule('reference-server/serverProcess.ts'), [], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    execArgv: [],
    detached: spawnOptions.detached ?? false,
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const listening = new Promise<string>((resolve, reject) => {
    child.on('message', (message: ServerProcessMessage) => {
      if (message.type === 'listening') resolve(message.url);
      else if (message.code !== undefined && message.exitCode !== undefined) reject(relayedServerError(message.code, message.message, message.exitCode));
      else reject(serverProcessFailed(message.message));
    });
    child.once('error', reject);
    void exited.then((code) => reject(serverExitedBeforeListening(code)));
  });
  listening.catch(() => undefined);
  let pending = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (line !== '') writeLog(`${line}\n`);
  });
  const start: ServerProcessStart = { server: input, ...(spawnOptions.fleet === undefined ? {} : { fleet: spawnOptions.fleet }) };
  child.send(start);
  return {
    child,
    pid: child.pid ?? -1,
    listening,
    exited,
    stop: async (graceMs = 10_000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
