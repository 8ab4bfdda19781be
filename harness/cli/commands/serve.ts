// `infercap serve`: runs the reference inference server until SIGTERM/SIGINT, then drains and exits 0.

import yargs, { type ArgumentsCamelCase, type Argv, type CommandModule } from 'yargs';
import { optionNotNameValue, replicaSlowdownWithoutFleet, serveFlagsRejected, weightsWithoutFleet } from '../../../common/errors.ts';
import { createLogger } from '../../../common/log.ts';
import { fleetOptionsSchema, resolveFleetOptions, type FleetOptionsInput } from '../../../reference-server/balancer/fleetOptions.ts';
import { startFleet } from '../../../reference-server/balancer/fleet.ts';
import { serverOptionsSchema, type ServerOptionsInput } from '../../../reference-server/config/serverOptions.ts';
import { startServer } from '../../../reference-server/server.ts';
import { optionsFromSchema, schemaInput } from '../schemaOptions.ts';

/** Parses repeated `name=value` flags such as `--default-version mnist-mlp=int8`. */
export function parseAssignments(flag: string, values: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const value of values) {
    const match = /^([^=]+)=(.+)$/.exec(value);
    if (match === null) throw optionNotNameValue(flag, value);
    result[match[1]!] = match[2]!;
  }
  return result;
}

const fleetGroup = 'Replicas and balancer:';

// Every flag is generated from the server's and the fleet's option schemas (names, types, defaults, help).
const builder = (argv: Argv) =>
  argv
    .options(optionsFromSchema(serverOptionsSchema, { defaultVersions: { flag: 'default-version', type: 'string', array: true, default: [] } }))
    .options(
      optionsFromSchema(
        fleetOptionsSchema,
        // --replicas 1 without --balancer is the plain server, so neither takes its fleet default here.
        { replicas: { default: 1 }, balancer: { default: undefined, describe: 'Balancing strategy (default round-robin when --replicas > 1)' } },
        fleetGroup,
      ),
    )
    .example('$0 serve --port 8000 --max-batch-size 32 --cache lru', 'Serve every built model on port 8000')
    .example('$0 serve --replicas 3 --balancer p2c --replica-slowdown 2=4x', 'Three replicas behind a power-of-two-choices balancer, one slowed 4x')
    .example('$0 serve --no-batching --cache redis --redis-url redis://127.0.0.1:6379', 'Batching off, shared Redis cache')
    .example('$0 serve --api-keys-file keys.txt --rate-limit 200', 'Require an API key, at most 200 requests a second per key');

type ServeArgs = ArgumentsCamelCase<Record<string, unknown>>;

export function serveArgsToOptions(args: ServeArgs): ServerOptionsInput {
  const input = schemaInput(serverOptionsSchema, args);
  input['defaultVersions'] = parseAssignments('--default-version', (args['defaultVersion'] as string[] | undefined) ?? []);
  return input as ServerOptionsInput;
}

/** The fleet's options when `--replicas` > 1 or `--balancer` asks for one; undefined for the plain server. */
export function serveArgsToFleetInput(args: ServeArgs): FleetOptionsInput | undefined {
  const input = schemaInput(fleetOptionsSchema, args) as FleetOptionsInput;
  if (input.replicas === 1 && input.balancer === undefined) {
    if (input.weights !== undefined) throw weightsWithoutFleet();
    if ((input.replicaSlowdown ?? []).length > 0) throw replicaSlowdownWithoutFleet();
    return undefined;
  }
  return input;
}

/**
 * `infercap serve` flags as the options of spawnServer(), parsed by the command's own generated options:
 * for benchmarks and suites that describe their servers as a user would type them.
 */
export function serveFlagsToOptions(flags: readonly string[]): { readonly server: ServerOptionsInput; readonly fleet: FleetOptionsInput | undefined } {
  const args = builder(yargs([...flags]))
    .strict()
    .fail((message, error) => {
      throw error ?? serveFlagsRejected(message);
    })
    .parseSync() as ServeArgs;
  // Where it listens is spawnServer's to choose (loopback, a free port) unless the flags say otherwise.
  const { host, port, ...server } = serveArgsToOptions(args);
  const placed = { ...(flags.includes('--host') ? { host } : {}), ...(flags.includes('--port') ? { port } : {}) };
  return { server: { ...server, ...placed }, fleet: serveArgsToFleetInput(args) };
}

export const serveCommand: CommandModule<object, ServeArgs> = {
  builder: builder as unknown as CommandModule<object, ServeArgs>['builder'],
  handler: async (args) => {
    const options = serveArgsToOptions(args);
    const fleetInput = serveArgsToFleetInput(args);
    const fleet = fleetInput === undefined ? undefined : resolveFleetOptions(fleetInput);
    const logger = createLogger(options.logLevel ?? 'info', { component: fleet === undefined ? 'server' : 'balancer' });
    const server = fleet === undefined ? await startServer(options, logger) : await startFleet(fleet, options, logger);
    const what = fleet === undefined ? '' : ` (balancer ${fleet.strategy}, ${fleet.replicas} replicas)`;
    process.stdout.write(`infercap serve${what}: listening on ${server.url}\n`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        logger.info('server.signal', { signal });
        server.close().then(resolve, resolve);
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
  },
};
