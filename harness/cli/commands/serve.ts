// `infercap serve`: runs the reference inference server until SIGTERM/SIGINT, then drains and exits 0.

import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { invalidOption } from '../../../common/errors.ts';
import { createLogger, logLevels } from '../../../common/log.ts';
import { resolveServerOptions, type ServerOptionsInput } from '../../../reference-server/config/serverOptions.ts';

/** The schema's defaults, shown in --help: defaults live in the schema only. */
const defaults = resolveServerOptions({});
import { startServer } from '../../../reference-server/server.ts';

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
      'log-level': { choices: logLevels, default: defaults.logLevel },
    })
    .example('$0 serve --port 8000 --max-batch-size 32 --cache lru', 'Serve every built model on port 8000')
    .example('$0 serve --no-batching --cache redis --redis-url redis://127.0.0.1:6379', 'Batching off, shared Redis cache');

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
    logLevel: args.logLevel,
  };
}

export const serveCommand: CommandModule<object, ServeArgs> = {
  command: 'serve',
  describe: 'Run the reference inference server (Open Inference Protocol / KServe V2 REST)',
  builder: builder as unknown as CommandModule<object, ServeArgs>['builder'],
  handler: async (args) => {
    const options = serveArgsToOptions(args);
    const logger = createLogger(args.logLevel, { component: 'server' });
    const server = await startServer(options, logger);
    process.stdout.write(`infercap serve: listening on ${server.url}\n`);
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
