// A reference server, or a fleet of them behind a balancer, in a child process (a fleet's replica, a
// harness's reference target, a benchmark's server). It receives
// its options as JSON over IPC, reports where it listens (or why it could not start) over IPC, and
// drains and exits on SIGTERM, SIGINT, or when its parent goes (the IPC channel closes, even on SIGKILL).

import { isInfercapError } from '../common/errors.ts';
import { createLogger } from '../common/log.ts';
import { startServer } from './server.ts';
import type { ServerProcessMessage, ServerProcessStart } from './spawnServer.ts';

/** Resolves once the message has been handed to the channel (so that exiting next does not lose it). */
const send = (message: ServerProcessMessage) => new Promise<void>((resolve) => process.send!(message, undefined, {}, () => resolve()));

process.once('message', ({ server: options, fleet }: ServerProcessStart) => {
  void (async () => {
    let server: { readonly url: string; close(): Promise<void> };
    try {
      const logger = createLogger(options.logLevel ?? 'info', { component: fleet === undefined ? 'server' : 'balancer' });
      // A replica (the common case) does not load the balancer's modules.
      server =
        fleet === undefined
          ? await startServer(options, logger)
          : await (await import('./balancer/fleet.ts')).startFleet((await import('./balancer/fleetOptions.ts')).resolveFleetOptions(fleet), options, logger);
    } catch (error) {
      if (isInfercapError(error)) {
        await send({ type: 'failed', message: error.message, code: error.code, exitCode: error.exitCode });
        process.exit(error.exitCode);
      }
      await send({ type: 'failed', message: `unexpected failure (a bug): ${(error as Error)?.stack ?? String(error)}` });
      process.exit(1);
    }
    await send({ type: 'listening', url: server.url });
    // The channel must not keep the process alive once the server has closed.
    process.channel?.unref();
    const stop = () => void server.close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    process.once('disconnect', stop);
  })();
});
