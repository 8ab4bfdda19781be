// The server under test in the reliability runs: `infercap serve` as a child process, so that a crash
// is seen (it exits), its memory can be read by pid, and signals reach it as they would in production.

import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { serveFlagsToOptions } from '../../harness/cli/commands/serve.ts';
import { startReferenceServerProcess } from '../../harness/target/referenceServerProcess.ts';

export interface SuiteServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** True once the process has exited. */
  crashed(): boolean;
  readonly exited: Promise<number | string>;
  signal(name: NodeJS.Signals): void;
  /** SIGTERM, SIGKILL after `graceMs`; resolves with the exit code. Safe to call after it exited. */
  stop(graceMs?: number): Promise<number | string>;
}

/** Starts a reference server described by `infercap serve` flags on a free loopback port. */
export async function startSuiteServer(serveArgs: readonly string[]): Promise<SuiteServer> {
  const { server: options, fleet } = serveFlagsToOptions(['--log-level', 'error', ...serveArgs]);
  const server = await startReferenceServerProcess(options, fleet);
  let exited = false;
  void server.process.exited.then(() => (exited = true));
  return {
    url: server.url,
    port: Number(new URL(server.url).port),
    pid: server.process.child.pid!,
    crashed: () => exited,
    exited: server.process.exited,
    signal: (name) => void server.process.child.kill(name),
    stop: (graceMs) => (exited ? server.process.exited : server.stop(graceMs)),
  };
}

/**
 * A models directory holding only `model`/`version` (its files symlinked from `modelsDir`), so that a
 * server loads that one version and not its siblings (the huge fp32 of mnist-wide, say).
 */
export function singleVersionModelsDir(modelsDir: string, model: string, version: string, into: string): string {
  const dir = path.join(into, model, version);
  mkdirSync(dir, { recursive: true });
  for (const file of ['model.onnx', 'metadata.json']) symlinkSync(path.join(modelsDir, model, version, file), path.join(dir, file));
  return into;
}
