// The reference server's options: one zod schema that is the type, the defaults and the validation.

import { z } from 'zod';
import { invalidOption } from '../../common/errors.ts';
import { logLevels } from '../../common/log.ts';
import { deepFreeze } from '../../common/deepFreeze.ts';
import { requireRedisUrl } from '../cache/createPredictionCache.ts';
import { defaultModelsDir } from '../../models/modelsLayout.ts';
import { loadApiKeys } from '../security/apiKeys.ts';

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

export const serverOptionsSchema = z.strictObject({
  modelsDir: z.string().min(1).default(defaultModelsDir),
  /** Only these models (all found in modelsDir when empty). */
  models: z.array(z.string().min(1)).default([]),
  /** Default version per model name; a model's own model.json, then "fp32", then its only version otherwise. */
  defaultVersions: z.record(z.string(), z.string().min(1)).default({}),
  host: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65535).default(8000),
  executionProvider: z.enum(['cpu', 'cuda']).default('cpu'),
  /** 0 lets ONNX Runtime choose (one per core). */
  intraOpThreads: nonNegativeInt.default(0),
  interOpThreads: nonNegativeInt.default(0),
  /** ORT pool threads busy-wait for work (lower latency on dedicated cores, stolen CPU on shared ones). */
  allowSpinning: z.boolean().default(false),
  /** Concurrent executions per model version (Triton's instance count). */
  modelInstances: positiveInt.max(64).default(1),
  /**
   * For experiments on heterogeneous fleets: each batch costs this many times its real inference time, the
   * extra spent computing (busy) in the model's worker thread, as a slower machine would. 1 is full speed.
   */
  slowdown: z.number().min(1).max(100).default(1),
  batching: z.boolean().default(true),
  /** Most rows in one batch; a request with more rows is refused, as Triton does. */
  maxBatchSize: positiveInt.max(65536).default(32),
  maxQueueDelayMs: z.number().nonnegative().max(60_000).default(2),
  /** Most requests waiting per model version; more get 503 with Retry-After. */
  maxQueueSize: positiveInt.default(256),
  /** 0 means requests wait in the queue as long as needed. */
  queueTimeoutMs: z.number().nonnegative().default(0),
  cache: z.enum(['lru', 'redis', 'off']).default('lru'),
  cacheMaxEntries: positiveInt.default(10_000),
  cacheMaxBytes: positiveInt.default(256 * 1024 * 1024),
  cacheTtlMs: z.number().positive().default(300_000),
  redisUrl: z.string().optional(),
  /** Largest accepted request body in bytes. */
  bodyLimitBytes: positiveInt.default(32 * 1024 * 1024),
  /** Deepest nesting of arrays and objects in a request body. */
  maxJsonDepth: positiveInt.max(1024).default(64),
  /** Most tensor (and JSON array) elements in one request; more get 413 before anything that size is allocated. */
  maxTensorElements: positiveInt.default(4 * 1024 * 1024),
  /** Longest time to receive a request's headers, and its whole body: a slow client cannot hold a socket longer. */
  headersTimeoutMs: positiveInt.default(10_000),
  requestTimeoutMs: positiveInt.default(30_000),
  /** Accepted API keys (Authorization: Bearer); none and no keys file means no authentication. */
  apiKey: z.array(z.string().min(1)).default([]),
  /** A file of API keys, one a line. */
  apiKeysFile: z.string().min(1).optional(),
  /** Requests a second per client (API key, or remote address); 0 turns rate limiting off. */
  rateLimit: z.number().nonnegative().default(0),
  /** Most requests a client may send at once after an idle spell (default: one second's worth). */
  rateBurst: positiveInt.optional(),
  /** How long SIGTERM waits for in-flight work before giving up. */
  drainTimeoutMs: positiveInt.default(30_000),
  logLevel: z.enum(logLevels).default('info'),
});

/** Options as the caller writes them: every field optional. */
export type ServerOptionsInput = z.input<typeof serverOptionsSchema>;
/** Validated, defaulted and frozen options. */
export type ServerOptions = Readonly<z.output<typeof serverOptionsSchema>>;

/** Flag names for messages, so that errors name what the user typed. */
const flagOf = (field: string) => `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Validates once, fills defaults, checks cross-field rules and freezes. Throws E_INVALID_OPTION. */
export function resolveServerOptions(input: ServerOptionsInput = {}): ServerOptions {
  const parsed = serverOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length > 0 ? flagOf(String(issue.path[0])) : 'options';
    throw invalidOption(field, issue.code === 'unrecognized_keys' ? `unknown option(s) ${issue.keys.join(', ')}` : issue.message);
  }
  const options = parsed.data;
  if (options.cache === 'redis') requireRedisUrl(options.redisUrl);
  if (options.headersTimeoutMs > options.requestTimeoutMs) {
    throw invalidOption('--headers-timeout-ms', `must not exceed --request-timeout-ms (${options.requestTimeoutMs})`);
  }
  // Read now, before any model loads, so a bad keys file fails at once (the server reads it again at start).
  loadApiKeys(options.apiKey, options.apiKeysFile);
  return deepFreeze(options);
}
