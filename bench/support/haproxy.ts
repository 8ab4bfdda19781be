// HAProxy (Debian package `haproxy`) on loopback in front of running replicas, `balance leastconn`, for
// bench:balancer: the proxy our users would compare the balancer with. Started in the foreground, stopped
// by its own pid.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { locateProgram } from '../../test/support/requiredPrograms.ts';

/** How to get HAProxy when it is missing. */
export const haproxyInstallHint = 'haproxy not found: install it with "apt-get install -y haproxy" (Debian/Ubuntu) or "brew install haproxy" (macOS)';

export interface RunningHaproxy {
  readonly url: string;
  readonly pid: number;
  /** SIGTERM to its pid, SIGKILL after 5 s; resolves once it exited. */
  stop(): Promise<void>;
}

/** The haproxy executable on PATH (or /usr/sbin, where Debian puts it), or undefined. */
export function findHaproxy(): string | undefined {
  return locateProgram('haproxy');
}

/** A free loopback port (the OS picks it; HAProxy binds it a moment later). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** HAProxy's configuration: HTTP mode, keep-alive on both sides, least connections over the replicas. */
export function haproxyConfig(port: number, replicaUrls: readonly string[]): string {
  const servers = replicaUrls.map((url, i) => `  server replica${i + 1} ${new URL(url).host}`).join('\n');
  return [
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  option http-keep-alive',
    '  timeout connect 5s',
    '  timeout client 60s',
    '  timeout server 60s',
    'frontend balancer',
    `  bind 127.0.0.1:${port}`,
    '  default_backend replicas',
    'backend replicas',
    '  balance leastconn',
    servers,
    '',
  ].join('\n');
}

/** Starts HAProxy in front of `replicaUrls` and resolves once its port accepts connections. */
export async function startHaproxy(binary: string, replicaUrls: readonly string[]): Promise<RunningHaproxy> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'infercap-haproxy-'));
  const port = await freePort();
  const config = path.join(dir, 'haproxy.cfg');
  writeFileSync(config, haproxyConfig(port, replicaUrls));
  // -db: foreground, no daemon, so the pid is HAProxy's own.
  const child = spawn(binary, ['-db', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => (running = false));
  const stop = async () => {
    if (running) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = performance.now() + 10_000;
  while (!(await accepts(port))) {
    if (!running || performance.now() > deadline) {
      await stop();
      throw new Error(`haproxy did not start listening on 127.0.0.1:${port}: ${errors.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
