// Messages about the arguments of one command: what is missing, what combination does not work, what a
// command-specific syntax (shards, sweep ranges, plan targets, SLOs) must look like.

import { InfercapError } from './infercapError.ts';
import { optionError } from './kinds.ts';

// ---- report, compare, convert, models ------------------------------------------------------------

export const reportNeedsResults = () => optionError('results', 'name at least one results file, e.g. "infercap report results.json --out reports"');

export const reportNeedsOutDir = () => optionError('--out', 'give the directory to write the reports into');

export const compareNeedsTwoFiles = () => optionError('files', 'give at least two results files to compare');

export const priceNotValid = (got: unknown) => optionError('--price-per-replica-hour', `must be a price of 0 or more, got ${String(got)}`);

export const conversionNotChosen = () => optionError('--fp16', 'say which conversion to make; --fp16 is the only one supported');

// ---- run and sweep ---------------------------------------------------------------------------------

export const flushEveryTooShort = (text: string) => optionError('--flush-every', `must be at least 100ms, got "${text}"`);

export const shardNotValid = (text: string) => optionError('--shard', `expected i/n with 1 ≤ i ≤ n (e.g. 1/2), got "${text}"`);

/** `--model` names neither `NAME` nor `NAME:VERSION`. */
export const modelOptionNotValid = (text: string) => optionError('--model', `expected NAME or NAME:VERSION (e.g. mnist-wide or mnist-wide:int8), got "${text}"`);

/** `--target`/`--model` replace what some variants differ by, so they would run the same load twice. */
export const overrideMakesVariantsAlike = (options: string, variants: readonly string[]) =>
  new InfercapError(
    'E_VARIANTS_ALIKE',
    `${options} replaces what variants ${variants.join(', ')} differ by (their target or model), so they would run the same load on the same server; drop ${options}, or run a scenario without those variants`,
  );

/** `--target`/`--model` and `--emit-k8s` together: the Job's pods run the scenario file as carried. */
export const overrideWithEmitK8s = (option: string) =>
  optionError(option, "cannot be used with --emit-k8s: the pods drive --k8s-target with the scenario's own model; edit the scenario's workload instead");

/** A sweep calibrates one model; the scenario's workload mixes several. */
export const sweepNeedsOneModel = (scenario: string, models: readonly string[]) =>
  new InfercapError(
    'E_SWEEP_NEEDS_ONE_MODEL',
    `scenario ${scenario} mixes models (${models.join(', ')}), and a sweep calibrates one; add --model NAME[:VERSION] to sweep one of them`,
  );

export const sweepTooFewWindows = () => optionError('--max-windows', 'must be a whole number of at least 3 (stability needs three windows)');

/** `--arrivals` on a closed-loop sweep, which offers no rate to spread. */
export const sweepArrivalsNeedRate = () => optionError('--arrivals', 'spreads the requests of a --rate sweep; a --concurrency sweep sends each request as the last returns');

/** `--extend` or `--refine`: a count of levels to add. */
export const sweepLevelCountNotValid = (flag: string, got: unknown) => optionError(flag, `must be a whole number of levels, 0 or more, got ${String(got)}`);

const sweepRangeProblems = {
  notRange: 'not a range',
  notAscending: 'the range must be positive and ascending',
  factorTooSmall: 'the factor must be above 1',
  stepNotPositive: 'the step must be positive',
  notWhole: 'connections are whole numbers',
  tooManyLevels: 'more than 100 levels',
} as const;

/** A sweep's levels (`from:to:step` or `from:to:xFactor`) that do not make a range, for the reason `kind`. */
export const sweepRangeNotValid = (option: string, text: string, kind: keyof typeof sweepRangeProblems) =>
  optionError(option, `${sweepRangeProblems[kind]}; write from:to:step (e.g. 100:1000:100) or from:to:xFactor (e.g. 1:64:x2), got "${text}"`);

// ---- plan and simulate -----------------------------------------------------------------------------

export const planTargetsNotValid = (text: string, metrics: readonly string[]) =>
  optionError('--targets', `"${text}" is not metric:list, e.g. cpu:50,60,70 (metrics: ${metrics.join(', ')})`);

export const planTargetNotPositive = (text: string) => optionError('--targets', `targets must be greater than 0 in "${text}"`);

export const minReplicasTooSmall = () => optionError('--min-replicas', 'every value must be at least 1');

export const downWindowTooLong = () => optionError('--down-windows', 'a stabilization window is at most 3600 s');

export const startupDelayNotValid = (text: string) => optionError('--startup-delay', `"${text}" is not a delay or min:max`);

const sloHint = 'write e.g. "p95 < 100ms" (p50, p95 or p99; ms or s)';

/** `parserProblem`: why the threshold grammar rejected it, when it did (else the percentile or operator is not modelled). */
export const sloNotValid = (option: string, text: string, parserProblem?: string) =>
  optionError(option, `"${text}" is not a latency SLO${parserProblem === undefined ? '' : ` (${parserProblem})`}; ${sloHint}`);

export const sloBoundNotPositive = (option: string) => optionError(option, 'the latency bound must be greater than 0');

export const objectiveNotShare = (text: string) => optionError('--objective', `"${text}" is not a share of requests; write e.g. 99% or 0.99`);
