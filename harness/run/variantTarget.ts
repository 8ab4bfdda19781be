// Everything a run needs before its first request, shared by `run` and `sweep`: the target (started
// when it is a reference server, checked when it is a URL), the model's input, and the request feed.

import { targetUnreachable } from '../../common/errors.ts';
import type { Logger } from '../../common/log.ts';
import { resolveServerOptions, type ServerOptions, type ServerOptionsInput } from '../../reference-server/config/serverOptions.ts';
import type { ResolvedTarget } from '../results/runResults.ts';
import { ensureModels } from '../../models/index.ts';
import type { ResolvedVariant } from '../scenario/resolveVariants.ts';
import { resolvedTargetOf } from '../target/resolvedTarget.ts';
import { fetchServedModelConfig } from '../target/servedModelConfig.ts';
import { startReferenceServerProcess } from '../target/referenceServerProcess.ts';
import { watchTarget } from './targetWatch.ts';
import { createModelFeed } from '../workload/modelFeed.ts';

export interface VariantTarget {
  /** The server's base URL. */
  readonly url: string;
  readonly kind: 'url' | 'reference';
  /** What the run measured: model, version, rows, replicas, batching, cache (recorded in its results). */
  readonly resolved: ResolvedTarget;
  /** The inference URL of the workload's model (and version). */
  readonly inferUrl: string;
  /** The next request body of the workload. */
  readonly nextBody: () => string | Buffer;
  /** Headers every request carries (Authorization when an API key is known; the binary extension's). */
  readonly headers: Readonly<Record<string, string>>;
  /** Seed for this variant and shard; phases derive theirs from it. */
  readonly seed: number;
  /**
   * Resolves if a reference server this started exits before `stop()` (it crashed or was killed), or
   * a URL target refuses connections for several seconds (targetWatch.ts).
   */
  readonly died: Promise<number | string>;
  /** Stops the reference server this started (nothing for a URL target). */
  stop(): Promise<void>;
}

async function assertReady(url: string): Promise<void> {
  try {
    const response = await fetch(`${url}/v2/health/ready`, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`GET /v2/health/ready answered ${response.status}`);
  } catch (error) {
    throw targetUnreachable(url, (error as Error).message);
  }
}

type StartedTarget = Pick<VariantTarget, 'url' | 'kind' | 'died' | 'stop'> & { readonly options?: ServerOptions };

async function startTarget(variant: ResolvedVariant, modelsDir: string, logger: Logger): Promise<StartedTarget> {
  if ('url' in variant.target) {
    const url = variant.target.url.replace(/\/+$/, '');
    await assertReady(url);
    const watch = watchTarget(url);
    return { url, kind: 'url', died: watch.lost, stop: async () => watch.stop() };
  }
  // The scenario is deep-frozen; the server's option schema takes mutable arrays. Validated before
  // anything starts, so a bad option is exit 2 with the option's name.
  const reference = { ...(structuredClone(variant.target.reference) as ServerOptionsInput), modelsDir };
  const options = resolveServerOptions({ ...reference, port: 0 });
  await ensureModels(modelsDir, logger);
  const server = await startReferenceServerProcess({ logLevel: 'warn', ...reference });
  let stopping = false;
  const died = server.process.exited.then((code) => (stopping ? new Promise<never>(() => undefined) : code));
  return {
    url: server.url,
    kind: 'reference',
    options,
    died,
    stop: async () => {
      stopping = true;
      await server.stop();
    },
  };
}

function inferUrlOf(base: string, model: string, version: string | undefined): string {
  return `${base}/v2/models/${encodeURIComponent(model)}${version === undefined ? '' : `/versions/${encodeURIComponent(version)}`}/infer`;
}

/** `apiKey`, else the first key a reference target is started with. */
function authorizationHeaders(variant: ResolvedVariant, apiKey: string | undefined): Record<string, string> {
  const key = apiKey ?? ('reference' in variant.target ? variant.target.reference.apiKey?.[0] : undefined);
  return key === undefined ? {} : { authorization: `Bearer ${key}` };
}

/**
 * Starts or reaches the variant's target and builds its request feed; the caller must `stop()` it.
 * `apiKey` is sent as `Authorization: Bearer` to servers that require one.
 */
export async function prepareVariantTarget(variant: ResolvedVariant, modelsDir: string, shardIndex: number, logger: Logger, apiKey?: string): Promise<VariantTarget> {
  const target = await startTarget(variant, modelsDir, logger);
  try {
    const { workload } = variant;
    const headers = authorizationHeaders(variant, apiKey);
    const resolved = resolvedTargetOf(workload, target.options, await fetchServedModelConfig(target.url, workload.model, workload.version, headers));
    const seed = workload.seed * 1009 + shardIndex;
    const feed = await createModelFeed({ baseUrl: target.url, model: workload.model, version: workload.version, headers, workload, seed });
    const allHeaders = { ...feed.headers, ...headers };
    const { options: _options, ...started } = target;
    return { ...started, resolved, inferUrl: inferUrlOf(target.url, workload.model, workload.version), nextBody: feed.nextBody, headers: allHeaders, seed };
  } catch (error) {
    await target.stop();
    throw error;
  }
}
