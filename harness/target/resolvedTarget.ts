// The target a run measured, resolved once when it starts (see resolvedTargetSchema): a reference
// target's replicas and cache from its resolved server options, batching and version from what the server
// says it serves (a model's config.yaml may override the options), falling back to the options.

import type { ServerOptions } from '../../reference-server/config/serverOptions.ts';
import type { ResolvedTarget } from '../results/runResults.ts';
import type { ServedModelConfig } from './servedModelConfig.ts';

export interface ResolvedWorkload {
  readonly model: string;
  readonly version?: string | undefined;
  readonly rows: number;
}

/** `reference` is the reference server's resolved options; undefined for a URL target. */
export function resolvedTargetOf(workload: ResolvedWorkload, reference: ServerOptions | undefined, served: ServedModelConfig): ResolvedTarget {
  const common = { model: workload.model, version: workload.version ?? served.version, rows: workload.rows };
  if (reference === undefined) return { ...common, replicas: null, batching: served.batching, cache: served.cache };
  const optionsBatching: ResolvedTarget['batching'] = reference.batching
    ? { enabled: true, maxBatchSize: reference.maxBatchSize, maxQueueDelayMs: reference.maxQueueDelayMs }
    : { enabled: false };
  return { ...common, replicas: 1, batching: served.batching ?? optionsBatching, cache: reference.cache, modelsDir: reference.modelsDir };
}
