// `infercap serve`: runs the reference inference server until SIGTERM/SIGINT, then drains and exits 0.

import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { invalidOption } from '../../../common/errors.ts';
import { createLogger, logLevels } from '../../../common/log.ts';
import { resolveServerOptions, type ServerOptionsInput } from '../../../reference-server/config/serverOptions.ts';

/** The schema's defaults, shown in --help: defaults live in the schema only. */
const defaults = resolveServerOptions({});
import { startServer } from '../../../reference-server/server.ts';
import { startFleet } from '../../../reference-server/balancer/fleet.ts';
import { resolveFleetOptions, type FleetOptions } from '../../../reference-server/balancer/fleetOptions.ts';
import { strategyNames } from '../../../reference-server/balancer/strategies/strategies.ts';

/** Parses repeated `name=value` flags such as `--default-version mnist-mlp=int8`. */
export function parseAssignments(flag: string, values: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const value of values) {
    const match = /^([^=]+)=(.+)$/.exec(value);
    if (match === null) throw invalidOption(flag, `expected name=value, got "${value}"`);
    result[match[1]!] = match[2]!;
  }
  return result;
}

const builder = (argv: Argv) =>
  argv
    .options({
      'models-dir': { type: 'string', default: defaults.modelsDir, describe: 'Directory of <model>/<version>/model.onnx' },
      models: { type: 'string', array: true, default: [] as string[], describe: 'Serve only these models' },
      'default-version': { type: 'string', array: true, default: [] as string[], describe: 'model=version default (repeatable)' },
      host: { type: 'string', default: defaults.host },
      port: { type: 'number', default: defaults.port, describe: '0 picks a free port' },
      'execution-provider': { choices: ['cpu', 'cuda'] as const, default: defaults.executionProvider },
      'intra-op-threads': { type: 'number', default: defaults.intraOpThreads, describe: 'ONNX Runtime intra-op threads (0: one per core)' },
      'inter-op-threads': { type: 'number', default: defaults.interOpThreads },
      'allow-spinning': { type: 'boolean', default: defaults.allowSpinning, describe: 'Let ONNX Runtime threads busy-wait (only on dedicated cores)' },
      'model-instances': { type: 'number', default: defaults.modelInstances, describe: 'Batches that may run at once per model version' },
      slowdown: { type: 'number', default: defaults.slowdown, describe: 'Experiments: make every batch cost this many times its inference time, computing' },
      batching: { type: 'boolean', default: defaults.batching, describe: 'Dynamic batching (--no-batching: each request alone)' },
      'max-batch-size': { type: 'number', default: defaults.maxBatchSize, describe: 'Most rows per batch (and per request)' },
      'max-queue-delay-ms': { type: 'number', default: defaults.maxQueueDelayMs, describe: 'Longest wait of the oldest request for a fuller batch' },
      'max-queue-size': { type: 'number', default: defaults.maxQueueSize, describe: 'Queued requests per model version before 503' },
      'queue-timeout-ms': { type: 'number', default: defaults.queueTimeoutMs, describe: 'Refuse requests queued longer (0: no limit)' },
      cache: { choices: ['lru', 'redis', 'off'] as const, default: defaults.cache, describe: 'Prediction cache backend' },
      'cache-max-entries': { type: 'number', default: defaults.cacheMaxEntries },
      'cache-max-bytes': { type: 'number', default: defaults.cacheMaxBytes },
      'cache-ttl-ms': { type: 'number', default: defaults.cacheTtlMs },
      'redis-url': { type: 'string', describe: 'redis://host:port for --cache redis' },
      'body-limit-bytes': { type: 'number', default: defaults.bodyLimitBytes },
      'max-json-depth': { type: 'number', default: defaults.maxJsonDepth, describe: 'Deepest nesting of a request body' },
      'max-tensor-elements': { type: 'number', default: defaults.maxTensorElements, describe: 'Most values in one request (413 beyond)' },
      'headers-timeout-ms': { type: 'number', default: defaults.headersTimeoutMs, describe: 'Longest wait for request headers (408 beyond)' },
      'request-timeout-ms': { type: 'number', default: defaults.requestTimeoutMs, describe: 'Longest wait for a whole request (408 beyond)' },
      'api-key': { type: 'string', array: true, default: [] as string[], describe: 'Require Authorization: Bearer <key> (repeatable)' },
      'api-keys-file': { type: 'string', describe: 'File of accepted API keys, one a line' },
      'rate-limit': { type: 'number', default: defaults.rateLimit, describe: 'Requests a second per client (key or address), 429 beyond (0: off)' },
      'rate-burst': { type: 'number', describe: 'Largest burst per client (default: one second of --rate-limit)' },
      'log-level': { choices: logLevels, default: defaults.logLevel },
      replicas: { type: 'number', default: 1, group: 'Replicas and balancer:', describe: 'Replica processes (each a full server on its own loopback port) behind a balancer on --port' },
      balancer: { choices: strategyNames, group: 'Replicas and balancer:', describe: 'Balancing strategy (default round-robin when --replicas > 1)' },
      weights: { type: 'string', group: 'Replicas and balancer:', describe: 'weighted-round-robin weights: 5,1,1 or 1=5,2=1' },
      'replica-slowdown': { type: 'string', array: true, default: [] as string[], group: 'Replicas and balancer:', describe: 'Make a replica slower: id=Kx, e.g. 2=4x (repeatable)' },
      'health-interval-ms': { type: 'number', default: 1_000, group: 'Replicas and balancer:', describe: 'Interval of the readiness checks of every replica' },
      'balancer-seed': { type: 'number', default: 1, group: 'Replicas and balancer:', describe: 'Seed of the random and p2c choices' },
    })
    .example('$0 serve --port 8000 --max-batch-size 32 --cache lru', 'Serve every built model on port 8000')
    .example('$0 serve --replicas 3 --balancer p2c --replica-slowdown 2=4x', 'Three replicas behind a power-of-two-choices balancer, one slowed 4x')
    .example('$0 serve --no-batching --cache redis --redis-url redis://127.0.0.1:6379', 'Batching off, shared Redis cache')
    .example('$0 serve --api-keys-file keys.txt --rate-limit 200', 'Require an API key, at most 200 requests a second per key');

type ServeArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export function serveArgsToOptions(args: ServeArgs): ServerOptionsInput {
  return {
    modelsDir: args.modelsDir,
    models: args.models,
    defaultVersions: parseAssignments('--default-version', args.defaultVersion),
    host: args.host,
    port: args.port,
    executionProvider: args.executionProvider,
    intraOpThreads: args.intraOpThreads,
    interOpThreads: args.interOpThreads,
    allowSpinning: args.allowSpinning,
    modelInstances: args.modelInstances,
    slowdown: args.slowdown,
    batching: args.batching,
    maxBatchSize: args.maxBatchSize,
    maxQueueDelayMs: args.maxQueueDelayMs,
    maxQueueSize: args.maxQueueSize,
    queueTimeoutMs: args.queueTimeoutMs,
    cache: args.cache,
    cacheMaxEntries: args.cacheMaxEntries,
    cacheMaxBytes: args.cacheMaxBytes,
    cacheTtlMs: args.cacheTtlMs,
    ...(args.redisUrl === undefined ? {} : { redisUrl: args.redisUrl }),
    bodyLimitBytes: args.bodyLimitBytes,
    maxJsonDepth: args.maxJsonDepth,
    maxTensorElements: args.maxTensorElements,
    headersTimeoutMs: args.headersTimeoutMs,
    requestTimeoutMs: args.requestTimeoutMs,
    apiKey: args.apiKey,
    ...(args.apiKeysFile === undefined ? {} : { apiKeysFile: args.apiKeysFile }),
    rateLimit: args.rateLimit,
    ...(args.rateBurst === undefined ? {} : { rateBurst: args.rateBurst }),
    logLevel: args.logLevel,
  };
}

/** The fleet's options when `--replicas` > 1 or `--balancer` asks for one; undefined for the plain server. */
export function serveArgsToFleet(args: ServeArgs): FleetOptions | undefined {
  if (args.replicas === 1 && args.balancer === undefined) {
    if (args.weights !== undefined) throw invalidOption('--weights', 'applies to a balanced fleet; add --replicas N --balancer weighted-round-robin');
    if (args.replicaSlowdown.length > 0) throw invalidOption('--replica-slowdown', 'applies to a balanced fleet; add --replicas N (or use --slowdown for this server)');
    return undefined;
  }
  return resolveFleetOptions({
    replicas: args.replicas,
    ...(args.balancer === undefined ? {} : { balancer: args.balancer }),
    ...(args.weights === undefined ? {} : { weights: args.weights }),
    replicaSlowdown: args.replicaSlowdown,
    healthIntervalMs: args.healthIntervalMs,
    balancerSeed: args.balancerSeed,
  });
}

export const serveCommand: CommandModule<object, ServeArgs> = {
  builder: builder as unknown as CommandModule<object, ServeArgs>['builder'],
  handler: async (args) => {
    const options = serveArgsToOptions(args);
    const fleet = serveArgsToFleet(args);
    const logger = createLogger(args.logLevel, { component: fleet === undefined ? 'server' : 'balancer' });
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
      // A replica of a balanced fleet: its IPC channel closes when the balancer's process ends, however it ends.
      if (process.send !== undefined) {
        process.channel?.unref();
        process.once('disconnect', () => stop('balancer gone'));
      }
    });
  },
};
