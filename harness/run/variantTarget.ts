// Everything a run needs before its first request, shared by `run` and `sweep`: the target (started
// when it is a reference server, checked when it is a URL), and each model's request feed.

import { targetNotReady, targetUnreachable } from '../../common/errors.ts';
import type { Logger } from '../../common/log.ts';
import { resolveServerOptions, type ServerOptions, type ServerOptionsInput } from '../../reference-server/config/serverOptions.ts';
import type { ResolvedTarget } from '../results/runResults.ts';
import { ensureModels } from '../../models/index.ts';
import type { ModelRoute, ModelRoutes } from '../drive/modelRoutes.ts';
import { modelLabel, workloadModels, type WorkloadModel } from '../scenario/mixSchema.ts';
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
  /** The inference URL of the workload's model (and version); of its first model for a mix. */
  readonly inferUrl: string;
  /** The next request body of the workload (of its first model for a mix). */
  readonly nextBody: () => string | Buffer;
  /**
   * Headers every request carries (Authorization when an API key is known); for one model also its feed's
   * (the binary extension's), which for a mix each model's route carries.
   */
  readonly headers: Readonly<Record<string, string>>;
  /** A workload with a mix: every model's route and weight (runPhase picks among them). */
  readonly mix?: ModelRoutes;
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
  let response: Response;
  try {
    response = await fetch(`${url}/v2/health/ready`, { signal: AbortSignal.timeout(5_000) });
  } catch (error) {
    throw targetUnreachable(url, (error as Error).message);
  }
  if (!response.ok) throw targetNotReady(url, response.status);
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

function inferPathOf(model: string, version: string | undefined): string {
  return `/v2/models/${encodeURIComponent(model)}${version === undefined ? '' : `/versions/${encodeURIComponent(version)}`}/infer`;
}

/** `apiKey`, else the first key a reference target is started with. */
function authorizationHeaders(variant: ResolvedVariant, apiKey: string | undefined): Record<string, string> {
  const key = apiKey ?? ('reference' in variant.target ? variant.target.reference.apiKey?.[0] : undefined);
  return key === undefined ? {} : { authorization: `Bearer ${key}` };
}

/**
 * The route of `entry`, the `index`-th model of the workload: its own feed (the one place feeds are built),
 * seeded with the run's seed for the first model, so a run of one model sends what it always did.
 */
async function routeOf(baseUrl: string, entry: WorkloadModel, index: number, workload: ResolvedVariant['workload'], headers: Readonly<Record<string, string>>, seed: number): Promise<ModelRoute> {
  const feed = await createModelFeed({ baseUrl, model: entry.model, ...(entry.version === undefined ? {} : { version: entry.version }), headers, workload, seed: seed + index * 7919 });
  return { name: modelLabel(entry), path: inferPathOf(entry.model, entry.version), headers: feed.headers, nextBody: feed.nextBody };
}

/**
 * Starts or reaches the variant's target and builds its request feed (one per model of a mix); the caller must `stop()` it.
 * `apiKey` is sent as `Authorization: Bearer` to servers that require one.
 */
export async function prepareVariantTarget(variant: ResolvedVariant, modelsDir: string, shardIndex: number, logger: Logger, apiKey?: string): Promise<VariantTarget> {
  const target = await startTarget(variant, modelsDir, logger);
  try {
    const { workload } = variant;
    const headers = authorizationHeaders(variant, apiKey);
    const seed = workload.seed * 1009 + shardIndex;
    const models = workloadModels(workload);
    const resolvedModels: ResolvedTarget[] = [];
    const routes: ModelRoute[] = [];
    for (const [index, entry] of models.entries()) {
      resolvedModels.push(resolvedTargetOf({ ...entry, rows: workload.rows }, target.options, await fetchServedModelConfig(target.url, entry.model, entry.version, headers)));
      routes.push(await routeOf(target.url, entry, index, workload, headers, seed));
    }
    const { options: _options, ...started } = target;
    const first = routes[0]!;
    const shared = { ...started, inferUrl: `${target.url}${first.path}`, nextBody: first.nextBody, seed };
    if (workload.mix === undefined) return { ...shared, resolved: resolvedModels[0]!, headers: { ...first.headers, ...headers } };
    const mix = resolvedModels.map((resolved, i) => ({ model: resolved.model, version: resolved.version, weight: models[i]!.weight }));
    return { ...shared, resolved: { ...resolvedModels[0]!, mix }, headers, mix: { routes, weights: models.map((entry) => entry.weight) } };
  } catch (error) {
    await target.stop();
    throw error;
  }
}
