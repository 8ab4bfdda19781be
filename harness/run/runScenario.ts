// Runs a scenario: for each variant, prepare the target and its request feed, run the phases in order,
// and judge the thresholds; returns one results document per variant.

import { targetDied, targetLost } from '../../common/errors.ts';
import { silentLogger, type Logger } from '../../common/log.ts';
import { defaultModelsDir } from '../../models/index.ts';
import { evaluateRunThresholds } from '../gate/evaluateThresholds.ts';
import { workloadModels } from '../scenario/mixSchema.ts';
import { aggregatePhases } from '../results/aggregatePhases.ts';
import { envelopeOf } from '../results/resultsEnvelope.ts';
import { runSchemaVersion, type RunResults } from '../results/runResults.ts';
import { resolveVariants, type ResolvedVariant } from '../scenario/resolveVariants.ts';
import type { Phase, Scenario } from '../scenario/scenarioSchema.ts';
import type { PhaseStats } from '../stats/phaseStats.ts';
import type { PhaseSnapshot } from '../stats/phaseRecorder.ts';
import { redactSecrets } from './redactSecrets.ts';
import { runPhase } from './runPhase.ts';
import { shardPhases, type ShardSpec } from './shard.ts';
import { prepareVariantTarget } from './variantTarget.ts';

export interface RunOptions {
  readonly scenarioFile: string;
  /** Where reference targets find their models (built there first if missing). */
  readonly modelsDir?: string;
  readonly shard?: ShardSpec;
  /** Live figures, about once a second. */
  readonly onProgress?: (variant: string | undefined, phase: Phase, index: number, snapshot: PhaseSnapshot) => void;
  /**
   * Partial results (`complete: false`) after every phase and every `partialEveryMs` during one, to be
   * written for durability: a harness killed mid-run leaves the results so far.
   */
  readonly onPartial?: (results: RunResults) => void;
  /** How often partial results are produced during a phase; only after phases when undefined. */
  readonly partialEveryMs?: number;
  /** Sent as `Authorization: Bearer` to servers that require an API key. */
  readonly apiKey?: string;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
}

async function runVariant(scenario: Scenario, variant: ResolvedVariant, options: RunOptions): Promise<RunResults> {
  const logger = options.logger ?? silentLogger;
  const shard = options.shard ?? { index: 1, count: 1 };
  const startedAt = new Date();
  const started = performance.now();
  const target = await prepareVariantTarget(variant, options.modelsDir ?? defaultModelsDir, shard.index, logger, options.apiKey);
  // A reference server that dies mid-run ends the run (exit 1) with the results so far, not a hang.
  const abort = new AbortController();
  let deathCode: number | string | undefined;
  void target.died.then((code) => {
    deathCode = code;
    abort.abort();
  });
  options.signal?.addEventListener('abort', () => abort.abort(), { once: true });
  const phases: PhaseStats[] = [];
  let current: (() => PhaseStats) | undefined;
  const document = (complete: boolean, inProgress?: PhaseStats): RunResults => {
    const all = inProgress === undefined ? phases : [...phases, inProgress];
    const overall = aggregatePhases(all);
    return {
      ...envelopeOf('run', runSchemaVersion, { ...(shard.count > 1 ? { shard } : {}) }),
      complete,
      scenario: { ...redactSecrets(scenario), name: variant.name === undefined ? scenario.name : `${scenario.name}/${variant.name}` },
      target: { url: target.url, kind: target.kind, resolved: target.resolved },
      startedAt: startedAt.toISOString(),
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      phases: [...all],
      overall,
      thresholds: complete ? evaluateRunThresholds(scenario.thresholds, workloadModels(variant.workload), overall) : [],
    };
  };
  const flush =
    options.onPartial === undefined || options.partialEveryMs === undefined
      ? undefined
      : setInterval(() => {
          if (current !== undefined) options.onPartial?.(document(false, current()));
        }, options.partialEveryMs);
  try {
    const planned = shardPhases(scenario.phases, shard);
    for (const [index, phase] of planned.entries()) {
      if (abort.signal.aborted) break;
      phases.push(
        await runPhase(phase, {
          url: target.inferUrl,
          nextBody: target.nextBody,
          ...(target.mix === undefined ? {} : { mix: target.mix }),
          timeoutMs: variant.workload.timeout,
          headers: target.headers,
          onStart: (statsSoFar) => (current = statsSoFar),
          seed: target.seed * 31 + index,
          onProgress: (current, snapshot) => options.onProgress?.(variant.name, current, index, snapshot),
          signal: abort.signal,
        }),
      );
      current = undefined;
      options.onPartial?.(document(false));
    }
    if (deathCode !== undefined) throw target.kind === 'url' ? targetLost(target.url, String(deathCode)) : targetDied(target.url, deathCode);
    return document(!abort.signal.aborted);
  } finally {
    clearInterval(flush);
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
