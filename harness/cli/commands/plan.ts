// `infercap plan --trace T --instance I --slo "p95 < 100ms"`: the capacity plan — fixed fleet sized for the
// peak and the 99th-percentile load, the cheapest HPA policy meeting the SLO (grid search in worker threads),
// the Pareto frontier, the recommendation with its reasons, and Kubernetes manifests (--emit-k8s DIR).

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { downWindowTooLong, minReplicasTooSmall, optionNotCount, optionNotNumberList, optionUnknownChoice, planTargetNotPositive, planTargetsNotValid } from '../../../common/errors.ts';
import { clusterFlagOptions, clusterFromFlags } from '../../../simulator/cluster/clusterFlags.ts';
import { writeJsonAtomic } from '../../../common/jsonFile.ts';
import type { PlanMetric } from '../../../simulator/plan/candidateGrid.ts';
import { defaultWorkerCount } from '../../../simulator/plan/evaluateInWorkers.ts';
import { deploymentManifest, hpaManifest, manifestsYaml, serviceManifest, type ManifestOptions } from '../../../simulator/plan/kubernetesManifests.ts';
import type { PlanResults } from '../../../simulator/plan/planResults.ts';
import { runPlan } from '../../../simulator/plan/runPlan.ts';
import type { HpaPolicyDeclaration } from '../../../simulator/policy/hpaPolicySchema.ts';
import { loadInstanceProfile } from '../../../simulator/simulate/instanceProfile.ts';
import { parseSlo } from '../../../simulator/simulate/sloExpression.ts';
import { loadTraceFile } from '../../../simulator/trace/loadTrace.ts';
import { describeReading } from '../../../simulator/trace/readingDescription.ts';
import { traceFlagOptions, traceOptionsFromFlags } from '../../../simulator/trace/traceFlags.ts';

const planMetrics = ['cpu', 'rps', 'inflight', 'p95'] as const;

const builder = (argv: Argv) =>
  argv
    .options({
      trace: { type: 'string', demandOption: true, describe: 'Load trace: CSV (timestamp,rps; timestamp,count; or an arrival log) or YAML (a CSV with options, or synthetic)' },
      instance: { type: 'string', demandOption: true, describe: 'Instance profile (YAML): price, requests, calibration or service model' },
      slo: { type: 'string', default: 'p95 < 100ms', describe: 'Latency SLO: p50, p95 or p99 below a bound' },
      objective: { type: 'string', default: '99%', describe: 'Share of requests that must be within the SLO' },
      metrics: { type: 'string', default: 'cpu', describe: `HPA metrics to search, comma-separated: ${planMetrics.join(', ')}` },
      targets: { type: 'array', string: true, describe: 'Targets of one metric, e.g. cpu:50,60,70 or rps:60,80 (repeatable)' },
      'min-replicas': { type: 'string', describe: 'minReplicas values to search, e.g. 1,2,4 (default from the trough and p99 load)' },
      'max-replicas': { type: 'number', describe: 'maxReplicas of every candidate (default twice the fixed fleet at peak)' },
      'down-windows': { type: 'string', default: '60,300', describe: 'Scale-down stabilization windows to search (seconds)' },
      workers: { type: 'number', default: defaultWorkerCount(), describe: 'Worker threads for the search' },
      search: { type: 'string', choices: ['pruned', 'exhaustive'] as const, default: 'pruned' as const, describe: 'pruned: stop a policy once it cannot be the recommendation (same recommendation, faster); exhaustive: simulate every policy to the end' },
      ...traceFlagOptions,
      ...clusterFlagOptions,
      name: { type: 'string', default: 'infercap', describe: 'Name of the Deployment, Service and HPA' },
      image: { type: 'string', default: 'infercap:latest', describe: 'Container image whose entrypoint is infercap' },
      'emit-k8s': { type: 'string', describe: 'Write deployment.yaml, service.yaml and hpa.yaml for the recommendation into this directory' },
      'max-points': { type: 'number', default: 2000, describe: 'Points of the downsampled series in the results file' },
      out: { type: 'string', describe: 'Plan results JSON (default reports/plans/<trace>.json)' },
      json: { type: 'boolean', default: false, describe: 'Print the recommendation as JSON instead of text' },
    })
    .example('$0 plan --trace simulator/trace/examples/diurnal-week.yaml --instance scenarios/instances/cpu-small.yaml --slo "p95 < 100ms" --emit-k8s k8s/', 'Cheapest policy meeting the SLO, with manifests');

type PlanArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

function numberList(flag: string, text: string, integer: boolean): number[] {
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.length === 0 || values.some((v) => !Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v))))
    throw optionNotNumberList(flag, text, integer);
  return values;
}

function parseMetrics(text: string): PlanMetric[] {
  const metrics = text.split(',').map((m) => m.trim());
  for (const metric of metrics) if (!(planMetrics as readonly string[]).includes(metric)) throw optionUnknownChoice('--metrics', 'metric', metric, planMetrics);
  return metrics as PlanMetric[];
}

function parseTargets(values: readonly string[] | undefined): Partial<Record<PlanMetric, number[]>> | undefined {
  if (values === undefined) return undefined;
  const targets: Partial<Record<PlanMetric, number[]>> = {};
  for (const value of values) {
    const [metric, list] = value.split(':');
    if (list === undefined || !(planMetrics as readonly string[]).includes(metric!)) throw planTargetsNotValid(value, planMetrics);
    const numbers = numberList('--targets', list, false);
    if (numbers.some((n) => n <= 0)) throw planTargetNotPositive(value);
    targets[metric as PlanMetric] = numbers;
  }
  return targets;
}

export function formatPlan(results: PlanResults): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  const money = (x: number) => `${x.toFixed(2)} ${results.instance.currency}`;
  const { atPeak, atP99 } = results.fixedFleet;
  const lines = [
    `trace ${results.trace.name}: ${results.trace.seconds} s, peak ${results.trace.peakRps.toFixed(0)} req/s, p99 ${results.trace.p99Rps.toFixed(0)} req/s; SLO ${results.slo.text} for ${pct(results.slo.objective)} of requests`,
    `fixed fleet at peak: ${atPeak.replicas} replicas, ${money(atPeak.outcome.cost)}, ${pct(atPeak.outcome.attainment.requests)} of requests within the SLO`,
    `fixed fleet at p99 load: ${atP99.replicas} replicas, ${money(atP99.outcome.cost)}, ${pct(atP99.outcome.attainment.requests)} of requests within the SLO`,
    ...(results.trace.reading === undefined ? [] : [describeReading(results.trace.reading)]),
    `searched ${results.candidates.length + results.search.pruned.length} HPA policies in ${(results.search.elapsedMs / 1000).toFixed(1)} s on ${results.search.workers} worker threads` +
      (results.search.pruned.length === 0 ? '' : ` (${results.search.pruned.length} stopped early: they could no longer meet the SLO or cost less)`) +
      `; ${results.candidates.filter((c) => c.pareto).length} on the cost/attainment Pareto frontier of those evaluated to the end`,
  ];
  if (results.recommended === null) lines.push('no recommendation:', ...results.notes.map((n) => `  ${n}`));
  else lines.push(`recommended: ${results.recommended.label}`, ...results.recommended.reasons.map((r) => `  - ${r}`), ...results.notes.map((n) => `note: ${n}`));
  return lines.join('\n');
}

async function emitManifests(dir: string, results: PlanResults, policy: HpaPolicyDeclaration | undefined, manifest: Omit<ManifestOptions, 'replicas' | 'instance'>): Promise<string[]> {
  const fixedReplicas = results.recommended?.candidateId === 'fixed-p99' ? results.fixedFleet.atP99.replicas : results.fixedFleet.atPeak.replicas;
  const options: ManifestOptions = { ...manifest, instance: results.instance, replicas: policy?.spec.minReplicas ?? fixedReplicas };
  await mkdir(dir, { recursive: true });
  const files: [string, object][] = [
    ['deployment.yaml', deploymentManifest(options)],
    ['service.yaml', serviceManifest(options)],
    ...(policy === undefined ? [] : ([['hpa.yaml', hpaManifest(options, policy.spec)]] as [string, object][])),
  ];
  for (const [file, object] of files) await writeFile(path.join(dir, file), manifestsYaml([object]));
  return files.map(([file]) => path.join(dir, file));
}

export const planCommand: CommandModule<object, PlanArgs> = {
  builder: builder as unknown as CommandModule<object, PlanArgs>['builder'],
  handler: async (args) => {
    const slo = parseSlo(args.slo, args.objective);
    const cluster = clusterFromFlags(args);
    const metrics = parseMetrics(args.metrics);
    const targets = parseTargets(args.targets);
    const minReplicas = args.minReplicas === undefined ? undefined : numberList('--min-replicas', args.minReplicas, true);
    if (minReplicas?.some((m) => m < 1)) throw minReplicasTooSmall();
    if (args.maxReplicas !== undefined && !(Number.isInteger(args.maxReplicas) && args.maxReplicas >= 1)) throw optionNotCount('--max-replicas', args.maxReplicas);
    if (!(Number.isInteger(args.workers) && args.workers >= 1)) throw optionNotCount('--workers', args.workers);
    const scaleDownWindows = numberList('--down-windows', args.downWindows, true);
    if (scaleDownWindows.some((w) => w > 3600)) throw downWindowTooLong();
    const instance = loadInstanceProfile(args.instance);
    const trace = loadTraceFile(args.trace, traceOptionsFromFlags(args));
    const manifest = { name: args.name, image: args.image };
    const { results, recommendedPolicy } = await runPlan({
      trace,
      instance,
      cluster,
      slo,
      metrics,
      ...(targets === undefined ? {} : { targets }),
      ...(minReplicas === undefined ? {} : { minReplicas }),
      ...(args.maxReplicas === undefined ? {} : { maxReplicas: args.maxReplicas }),
      scaleDownWindows,
      workers: args.workers,
      search: args.search,
      manifest,
      maxPoints: args.maxPoints,
      onProgress: (done, total) => {
        if (!args.json && process.stderr.isTTY) process.stderr.write(`\rsearching: ${done}/${total} policies`);
      },
    });
    if (!args.json && process.stderr.isTTY) process.stderr.write('\n');
    const out = args.out ?? path.join('reports', 'plans', `${results.trace.name}.json`);
    await writeJsonAtomic(out, results);
    const written = args.emitK8s === undefined ? [] : await emitManifests(args.emitK8s, results, recommendedPolicy, manifest);
    if (args.json) process.stdout.write(`${JSON.stringify({ fixedFleet: results.fixedFleet, recommended: results.recommended, notes: results.notes })}\n`);
    else process.stdout.write(`${formatPlan(results)}\nresults: ${out}\n${written.map((file) => `manifest: ${file}\n`).join('')}`);
  },
};
