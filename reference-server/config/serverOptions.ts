// The reference server's options: one zod schema that is the type, the defaults and the validation.

import { z } from 'zod';
import { optionIssue } from '../../common/config/zodIssues.ts';
import { headersTimeoutTooLong, optionSchemaIssue } from '../../common/errors.ts';
import { logLevels } from '../../common/log.ts';
import { deepFreeze } from '../../common/deepFreeze.ts';
import { cacheBackendHelp, cacheBackendNames, requireBackendOptions } from '../cache/cacheBackends.ts';
import { defaultModelsDir } from '../../models/modelsLayout.ts';
import { loadApiKeys } from '../security/apiKeys.ts';

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

export const serverOptionsSchema = z.strictObject({
  modelsDir: z.string().min(1).default(defaultModelsDir).describe('Directory of <model>/<version>/model.onnx'),
  models: z.array(z.string().min(1)).default([]).describe('Serve only these models (every model found when none)'),
  defaultVersions: z
    .record(z.string(), z.string().min(1))
    .default({})
    .describe("Default version of a model, as model=version (else the model's model.json, then fp32, then its only version)"),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8000).describe('0 picks a free port'),
  executionProvider: z.enum(['cpu', 'cuda']).default('cpu'),
  intraOpThreads: nonNegativeInt.default(0).describe('ONNX Runtime intra-op threads (0: one per core)'),
  interOpThreads: nonNegativeInt.default(0).describe('ONNX Runtime inter-op threads (0: ONNX Runtime chooses)'),
  allowSpinning: z
    .boolean()
    .default(false)
    .describe('Let ONNX Runtime threads busy-wait for work (lower latency on dedicated cores, stolen CPU on shared ones)'),
  modelInstances: positiveInt.max(64).default(1).describe("Batches that may run at once per model version (Triton's instance count)"),
  // For experiments on heterogeneous fleets: the extra is spent computing in the model's worker thread, as a
  // slower machine would.
  slowdown: z.number().min(1).max(100).default(1).describe('Experiments: make every batch cost this many times its inference time, computing'),
  batching: z.boolean().default(true).describe('Dynamic batching (--no-batching: each request alone)'),
  maxBatchSize: positiveInt.max(65536).default(32).describe('Most rows per batch (and per request, as Triton refuses more)'),
  maxQueueDelayMs: z.number().nonnegative().max(60_000).default(2).describe('Longest wait of the oldest request for a fuller batch'),
  maxQueueSize: positiveInt.default(256).describe('Queued requests per model version before 503 with Retry-After'),
  queueTimeoutMs: z.number().nonnegative().default(0).describe('Refuse requests queued longer (0: no limit)'),
  cache: z.enum(cacheBackendNames).default('lru').describe(cacheBackendHelp),
  cacheMaxEntries: positiveInt.default(10_000).describe('lru: most entries held'),
  cacheMaxBytes: positiveInt.default(256 * 1024 * 1024).describe('lru: most bytes held'),
  cacheTtlMs: z.number().positive().default(300_000).describe('lru and redis: entry lifetime'),
  redisUrl: z.string().optional().describe('redis://host:port for --cache redis'),
  bodyLimitBytes: positiveInt.default(32 * 1024 * 1024).describe('Largest accepted request body'),
  maxJsonDepth: positiveInt.max(1024).default(64).describe('Deepest nesting of a request body'),
  maxTensorElements: positiveInt
    .default(4 * 1024 * 1024)
    .describe('Most values in one request (413 beyond, before anything that size is allocated)'),
  headersTimeoutMs: positiveInt.default(10_000).describe('Longest wait for request headers (408 beyond)'),
  requestTimeoutMs: positiveInt.default(30_000).describe('Longest wait for a whole request (408 beyond)'),
  apiKey: z.array(z.string().min(1)).default([]).describe('Require Authorization: Bearer <key> (repeatable)'),
  apiKeysFile: z.string().min(1).optional().describe('File of accepted API keys, one a line'),
  rateLimit: z.number().nonnegative().default(0).describe('Requests a second per client (key or address), 429 beyond (0: off)'),
  rateBurst: positiveInt.optional().describe('Largest burst per client (default: one second of --rate-limit)'),
  drainTimeoutMs: positiveInt.default(30_000).describe('How long SIGTERM waits for requests in flight before giving up'),
  logLevel: z.enum(logLevels).default('info'),
});

/** Options as the caller writes them: every field optional. */
export type ServerOptionsInput = z.input<typeof serverOptionsSchema>;
/** Validated, defaulted and frozen options. */
export type ServerOptions = Readonly<z.output<typeof serverOptionsSchema>>;


/** Validates once, fills defaults, checks cross-field rules and freezes. Throws E_INVALID_OPTION. */
export function resolveServerOptions(input: ServerOptionsInput = {}): ServerOptions {
  const parsed = serverOptionsSchema.safeParse(input);
  if (!parsed.success) {
    throw optionSchemaIssue(...optionIssue(parsed.error));
  }
  const options = parsed.data;
  requireBackendOptions(options.cache, options);
  if (options.headersTimeoutMs > options.requestTimeoutMs) {
    throw headersTimeoutTooLong(options.requestTimeoutMs);
  }
  // Read now, before any model loads, so a bad keys file fails at once (the server reads it again at start).
  loadApiKeys(options.apiKey, options.apiKeysFile);
  return deepFreeze(options);
}
