// Runs wrk (the C HTTP benchmark, Debian package `wrk`) against a URL with a POST body, to measure the
// maximum request rate that an efficient closed-loop client gets from an endpoint.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findExecutable } from './executable.ts';

/** How to get wrk when it is missing. */
export const wrkInstallHint = 'wrk not found: install it with "apt-get install -y wrk" (Debian/Ubuntu) or "brew install wrk" (macOS)';

/** The wrk executable on PATH, or undefined. */
export function findWrk(): string | undefined {
  return findExecutable('wrk');
}

export interface WrkOptions {
  readonly url: string;
  readonly body: string;
  readonly connections: number;
  readonly seconds: number;
}

/** Requests per second that wrk (one thread) sustained against `url`, POSTing `body` as JSON. */
export async function wrkRequestsPerSecond(binary: string, options: WrkOptions): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'infercap-wrk-'));
  try {
    const script = path.join(dir, 'post.lua');
    writeFileSync(script, `wrk.method = "POST"\nwrk.body = [==[${options.body}]==]\nwrk.headers["Content-Type"] = "application/json"\n`);
    const args = ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--timeout', '5s', '-s', script, options.url];
    const { stdout } = await promisify(execFile)(binary, args, { timeout: (options.seconds + 30) * 1000 });
    const match = /Requests\/sec:\s+([\d.]+)/.exec(stdout);
    if (match === null) throw new Error(`unexpected wrk output:\n${stdout}`);
    return Number(match[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
