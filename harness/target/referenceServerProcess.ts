// Starts `infercap serve` as a child process on a free loopback port and stops it by its own pid.

import { spawnInfercap, type InfercapProcess } from './infercapProcess.ts';

export interface ReferenceServerProcess {
  readonly url: string;
  readonly process: InfercapProcess;
  /** SIGTERM (drain), then SIGKILL if it has not exited within `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | string>;
}

/** `serveArgs` are `infercap serve` flags; `--port 0` and `--host 127.0.0.1` are added. */
export async function startReferenceServerProcess(serveArgs: readonly string[]): Promise<ReferenceServerProcess> {
  const process = spawnInfercap(['serve', '--host', '127.0.0.1', '--port', '0', ...serveArgs]);
  try {
    const [, url] = await process.waitForStdout(/listening on (http:\/\/\S+)/);
    return {
      url: url!,
      process,
      stop: async (graceMs = 10_000) => {
        process.child.kill('SIGTERM');
        const timer = setTimeout(() => void process.kill(), graceMs);
        const code = await process.exited;
        clearTimeout(timer);
        return code;
      },
    };
  } catch (error) {
    await process.kill();
    throw error;
  }
}
