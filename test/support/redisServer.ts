// Starts a real, throwaway redis-server for tests: loopback only, no persistence, its own port,
// stopped by its own pid (never by name), so tests exercise the Redis that users run.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { locateProgram, requireProgram } from './requiredPrograms.ts';

export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** SIGTERM, then wait for the exit (SIGKILL after 5 s). Safe to call twice. */
  stop(): Promise<void>;
  /** SIGKILL, as an outage would: no goodbye to connected clients. */
  kill(): Promise<void>;
  /** Starts a fresh (empty) server on the same port; stops the running one first. */
  restart(): Promise<void>;
  /** SIGSTOP: the server keeps its connections but answers nothing, as a hung Redis does. */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
}

/** Servers still running, killed when the test process exits even if a test forgot (or failed) to stop one. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Whether startRedisServer() can work on this machine. */
export function redisServerAvailable(): boolean {
  return locateProgram('redis-server') !== undefined;
}

/**
 * Spawns redis-server on a free loopback port and resolves once it answers PING.
 * @throws Error saying how to install redis-server when it is absent.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const binary = requireProgram('redis-server');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'infercap-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined = await spawnRedis(binary, port, dir);

  const stopWith = async (signal: NodeJS.Signals) => {
    const current = child;
    child = undefined;
    if (current === undefined) return;
    if (signal === 'SIGTERM') current.kill('SIGCONT'); // a paused server would never act on SIGTERM
    await terminate(current, signal);
  };

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await stopWith('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    kill: () => stopWith('SIGKILL'),
    restart: async () => {
      await stopWith('SIGTERM');
      child = await spawnRedis(binary, port, dir);
    },
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
  };
}

async function spawnRedis(binary: string, port: number, dir: string): Promise<ChildProcess> {
  mkdirSync(dir, { recursive: true }); // stop() removed it, should a test restart after stopping
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  // Keep the tail of its output: the only clue when it refuses to start (e.g. port taken).
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis-server on port ${port} exited at start-up:\n${output}`);
    }
    if (await answersPing(port)) return child;
    await sleep(20);
  }
  await terminate(child, 'SIGKILL');
  throw new Error(`redis-server on port ${port} did not answer PING within 10 s:\n${output}`);
}

/** Sends the inline command PING and waits for +PONG. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/** Sends `signal` and waits for the exit; SIGKILL if a SIGTERM is not obeyed within 5 s. */
function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const escalate = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(escalate);
      resolve();
    });
    child.kill(signal);
  });
}

/** A port the OS says is free now; redis-server takes it a moment later. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
