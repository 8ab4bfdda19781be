// Runs a scenario: for each variant, start (or reach) the target, build the request feed, run the
// phases in order, and judge the thresholds; returns one results document per variant.

import { invalidConfig, targetUnreachable } from '../../common/errors.ts';
import { silentLogger, type Logger } from '../../common/log.ts';
import { resolveServerOptions, type ServerOptionsInput } from '../../reference-server/config/serverOptions.ts';
import { defaultModelsDir, ensureModels, loadMnistTestSplit, mnistPixelCount } from '../../reference-server/modelBuild/index.ts';
import { evaluateThresholds } from '../gate/evaluateThresholds.ts';
import { aggregatePhases } from '../results/aggregatePhases.ts';
import { describeEnvironment } from '../results/environment.ts';
import type { RunResults } from '../results/runResults.ts';
import { resolveVariants, type ResolvedVariant } from '../scenario/resolveVariants.ts';
import type { Phase, Scenario } from '../scenario/scenarioSchema.ts';
import type { PhaseStats } from '../stats/phaseStats.ts';
import type { PhaseSnapshot } from '../stats/phaseRecorder.ts';
import { fetchModelInput } from '../target/modelSignature.ts';
import { startReferenceServerProcess } from '../target/referenceServerProcess.ts';
import { serveArguments } from '../target/serveArguments.ts';
import { createRequestFeed, randomRowPool } from '../workload/requestFeed.ts';
import { runPhase } from './runPhase.ts';
import { shardPhases, type ShardSpec } from './shard.ts';

export interface RunOptions {
  readonly scenarioFile: string;
  /** Where reference targets find their models (built there first if missing). */
  readonly modelsDir?: string;
  readonly shard?: ShardSpec;
  /** Live figures, about once a second. */
  readonly onProgress?: (variant: string | undefined, phase: Phase, index: number, snapshot: PhaseSnapshot) => void;
  /** Partial results (`complete: false`) after every phase, to be written for durability. */
  readonly onPartial?: (results: RunResults) => void;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
}

interface RunningTarget {
  readonly url: string;
  readonly kind: 'url' | 'reference';
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

async function startTarget(variant: ResolvedVariant, modelsDir: string, logger: Logger): Promise<RunningTarget> {
  if ('url' in variant.target) {
    const url = variant.target.url.replace(/\/+$/, '');
    await assertReady(url);
    return { url, kind: 'url', stop: async () => undefined };
  }
  // Validated before anything starts, so a bad option is exit 2 with the option's name.
  // The scenario is deep-frozen; the server's option schema takes mutable arrays.
  const reference = { ...(structuredClone(variant.target.reference) as ServerOptionsInput), modelsDir };
  resolveServerOptions({ ...reference, port: 0 });
  await ensureModels(modelsDir, logger);
  const server = await startReferenceServerProcess(['--log-level', 'warn', ...serveArguments(reference)]);
  return { url: server.url, kind: 'reference', stop: async () => void (await server.stop()) };
}

function inputPool(variant: ResolvedVariant, width: number, seed: number) {
  if (variant.workload.inputs === 'random') return randomRowPool(width, 1024, seed);
  if (width !== mnistPixelCount) {
    throw invalidConfig('workload', 'inputs', `mnist needs a model whose rows have ${mnistPixelCount} values; model ${variant.workload.model} takes ${width}: use inputs: random`);
  }
  const split = loadMnistTestSplit();
  return { rows: split.rows, count: split.count };
}

function inferUrl(base: string, model: string, version: string | undefined): string {
  return `${base}/v2/models/${encodeURIComponent(model)}${version === undefined ? '' : `/versions/${encodeURIComponent(version)}`}/infer`;
}

async function runVariant(scenario: Scenario, variant: ResolvedVariant, options: RunOptions): Promise<RunResults> {
  const logger = options.logger ?? silentLogger;
  const shard = options.shard ?? { index: 1, count: 1 };
  const startedAt = new Date();
  const started = performance.now();
  const target = await startTarget(variant, options.modelsDir ?? defaultModelsDir, logger);
  const phases: PhaseStats[] = [];
  const document = (complete: boolean): RunResults => {
    const overall = aggregatePhases(phases);
    return {
      version: 1,
      tool: 'infercap',
      complete,
      scenario: { ...scenario, name: variant.name === undefined ? scenario.name : `${scenario.name}/${variant.name}` },
      target: { url: target.url, kind: target.kind },
      environment: describeEnvironment(shard.count > 1 ? shard : undefined),
      startedAt: startedAt.toISOString(),
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      phases: [...phases],
      overall,
      thresholds: complete ? evaluateThresholds(scenario.thresholds, overall) : [],
    };
  };
  try {
    const { workload } = variant;
    const input = await fetchModelInput(target.url, workload.model, workload.version);
    const seed = workload.seed * 1009 + shard.index;
    const feed = createRequestFeed({
      inputName: input.name,
      width: input.width,
      rowsPerRequest: workload.rows,
      pool: inputPool(variant, input.width, seed),
      repeatRatio: workload.repeatRatio,
      seed,
    });
    const url = inferUrl(target.url, workload.model, workload.version);
    const planned = shardPhases(scenario.phases, shard);
    for (const [index, phase] of planned.entries()) {
      if (options.signal?.aborted) break;
      phases.push(
        await runPhase(phase, {
          url,
          nextBody: () => feed().body,
          timeoutMs: workload.timeout,
          seed: seed * 31 + index,
          onProgress: (current, snapshot) => options.onProgress?.(variant.name, current, index, snapshot),
          ...(options.signal ? { signal: options.signal } : {}),
        }),
      );
      options.onPartial?.(document(false));
    }
    return document(!(options.signal?.aborted ?? false));
  } finally {
    await target.stop();
  }
}

/** Runs every variant of `scenario` in turn (each against a fresh target) and returns their results. */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<RunResults[]> {
  const results: RunResults[] = [];
  for (const variant of resolveVariants(scenario)) {
    if (options.signal?.aborted) break;
    results.push(await runVariant(scenario, variant, options));
  }
  return results;
}
