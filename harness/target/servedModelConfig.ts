// What a V2 server says about how it serves a model, from Triton's model configuration extension
// (GET /v2/models/{model}[/versions/{v}]/config): the version served, dynamic batching and the response
// cache. Triton and infercap's reference server answer it; other servers may not, and then nothing is known.

import type { ResolvedTarget } from '../results/runResults.ts';
import { fetchModelConfigJson } from './modelSignature.ts';

/** What a model config says, each null when it does not say. */
export interface ServedModelConfig {
  readonly version: string | null;
  readonly batching: ResolvedTarget['batching'];
  /** `off` only when the config disables the response cache; which cache serves is not in a model config. */
  readonly cache: 'off' | null;
}

const unknown: ServedModelConfig = { version: null, batching: null, cache: null };

/**
 * Reads a Triton model config (JSON, as `GET .../config` answers). max_batch_size 0 means the model is not
 * batched; dynamic_batching present means requests are merged, waiting at most max_queue_delay_microseconds
 * (Triton's default 0); a version_policy naming one specific version is the version served.
 */
export function servedModelConfigOf(config: unknown): ServedModelConfig {
  if (!isRecord(config)) return unknown;
  const maxBatchSize = config['max_batch_size'];
  const dynamic = config['dynamic_batching'];
  let batching: ResolvedTarget['batching'] = null;
  if (maxBatchSize === 0 || (Number.isInteger(maxBatchSize) && (maxBatchSize as number) > 0 && dynamic === undefined)) batching = { enabled: false };
  else if (Number.isInteger(maxBatchSize) && (maxBatchSize as number) > 0 && isRecord(dynamic)) {
    const delayUs = dynamic['max_queue_delay_microseconds'];
    batching = { enabled: true, maxBatchSize: maxBatchSize as number, maxQueueDelayMs: typeof delayUs === 'number' && delayUs >= 0 ? delayUs / 1000 : 0 };
  }
  const policy = config['version_policy'];
  const specific = isRecord(policy) && isRecord(policy['specific']) ? policy['specific']['versions'] : undefined;
  const version = Array.isArray(specific) && specific.length === 1 && ['string', 'number'].includes(typeof specific[0]) ? String(specific[0]) : null;
  const responseCache = config['response_cache'];
  const cache = isRecord(responseCache) && responseCache['enable'] === false ? 'off' : null;
  return { version, batching, cache };
}

/** Fetches and reads the model's config; everything unknown when the server does not answer it. */
export async function fetchServedModelConfig(baseUrl: string, model: string, version: string | undefined, headers: Readonly<Record<string, string>>): Promise<ServedModelConfig> {
  // Not answering the config extension is allowed (KServe, MLServer): the results say "unknown".
  return servedModelConfigOf(await fetchModelConfigJson(baseUrl, model, version, headers));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
