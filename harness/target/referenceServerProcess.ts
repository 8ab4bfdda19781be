// A reference server in a child process on a free loopback port, for the harness's reference targets and
// the benchmarks: started by the server's one spawnServer(), stopped by its own pid.

import type { ServerOptionsInput } from '../../reference-server/config/serverOptions.ts';
import type { FleetOptionsInput } from '../../reference-server/balancer/fleetOptions.ts';
import { spawnServer, type ServerProcess } from '../../reference-server/spawnServer.ts';

export interface ReferenceServerProcess {
  readonly url: string;
  readonly process: ServerProcess;
  /** SIGTERM (drain), then SIGKILL if it has not exited within `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | string>;
}

/** Starts a server with `options` (host 127.0.0.1, a free port), or a `fleet` of them, and resolves once it listens. */
export async function startReferenceServerProcess(options: ServerOptionsInput, fleet?: FleetOptionsInput): Promise<ReferenceServerProcess> {
  const process = spawnServer(options, fleet === undefined ? {} : { fleet });
  try {
    const url = await process.listening;
    return { url, process, stop: (graceMs) => process.stop(graceMs) };
  } catch (error) {
    await process.stop(0);
    throw error;
  }
}
