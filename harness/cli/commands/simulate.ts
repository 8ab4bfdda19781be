// `infercap simulate --trace T --policy P --instance I`: replays a load trace against an autoscaling policy
// on a modelled fleet and writes the results (summary over every second, downsampled series).

import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { clusterFlagOptions, clusterFromFlags } from '../../../simulator/cluster/clusterFlags.ts';
import { writeJsonAtomic } from '../../../common/jsonFile.ts';
import { loadPolicyFile } from '../../../simulator/policy/loadPolicy.ts';
import { loadInstanceProfile } from '../../../simulator/simulate/instanceProfile.ts';
import { simulate } from '../../../simulator/simulate/simulate.ts';
import type { SimulationResults } from '../../../simulator/simulate/simulationResults.ts';
import { parseSlo } from '../../../simulator/simulate/sloExpression.ts';
import { loadTraceFile } from '../../../simulator/trace/loadTrace.ts';
import { describeReading } from '../../../simulator/trace/readingDescription.ts';
import { traceFlagOptions, traceOptionsFromFlags } from '../../../simulator/trace/traceFlags.ts';

const builder = (argv: Argv) =>
  argv
    .options({
      trace: { type: 'string', demandOption: true, describe: 'Load trace: CSV (timestamp,rps; timestamp,count; or an arrival log) or YAML (a CSV with options, or synthetic)' },
      policy: { type: 'string', demandOption: true, describe: 'Policy file (YAML): kind fixed, hpa or knative' },
      instance: { type: 'string', demandOption: true, describe: 'Instance profile (YAML): price, requests, calibration or service model' },
      slo: { type: 'string', default: 'p95 < 100ms', describe: 'Latency SLO: p50, p95 or p99 below a bound' },
      objective: { type: 'string', default: '99%', describe: 'Share of requests that must be within the SLO' },
      ...traceFlagOptions,
      ...clusterFlagOptions,
      'max-points': { type: 'number', default: 2000, describe: 'Points of the downsampled series in the results file' },
      out: { type: 'string', describe: 'Results JSON (default reports/simulations/<trace>-<policy>.json)' },
      json: { type: 'boolean', default: false, describe: 'Print the summary as JSON instead of a table' },
    })
    .example('$0 simulate --trace simulator/trace/examples/diurnal-week.yaml --policy scenarios/policies/hpa-cpu-60.yaml --instance scenarios/instances/cpu-small.yaml', 'A week of diurnal load under an HPA on CPU');

type SimulateArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export function formatSimulationSummary(results: SimulationResults): string {
  const s = results.summary;
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  const ms = (x: number | null) => (x === null ? '–' : `${x.toFixed(1)} ms`);
  const money = (x: number | null) => (x === null ? '–' : `${x.toFixed(2)} ${results.instance.currency}`);
  return [
    `policy ${results.policy.name} (${results.policy.kind}) on ${results.instance.name} over ${results.trace.name}: ${s.seconds} s, ${Math.round(s.requests)} requests (peak ${results.trace.peakRps.toFixed(0)} req/s)`,
    `SLO ${results.slo.text}: ${pct(s.attainment.requests)} of requests, ${pct(s.attainment.seconds)} of seconds (objective ${pct(results.slo.objective)}) — ${s.meetsSlo ? 'met' : 'NOT met'}`,
    `latency p50 ${ms(s.latencyMs.p50)}, p95 ${ms(s.latencyMs.p95)}, p99 ${ms(s.latencyMs.p99)}; rejected ${Math.round(s.rejected)} (${pct(s.rejectedShare)})`,
    `replicas ${s.replicas.min}–${s.replicas.max} (mean ${s.replicas.mean.toFixed(2)}), ${s.replicaHours.toFixed(1)} replica-hours, cost ${money(s.cost)}, ${money(s.costPerMillionRequests)} per million requests`,
    `scale events: ${s.scaleEvents.up} up, ${s.scaleEvents.down} down`,
    ...(results.trace.reading === undefined ? [] : [describeReading(results.trace.reading)]),
  ].join('\n');
}

export const simulateCommand: CommandModule<object, SimulateArgs> = {
  builder: builder as unknown as CommandModule<object, SimulateArgs>['builder'],
  handler: async (args) => {
    const slo = parseSlo(args.slo, args.objective);
    const cluster = clusterFromFlags(args);
    const policy = loadPolicyFile(args.policy);
    const instance = loadInstanceProfile(args.instance);
    const trace = loadTraceFile(args.trace, traceOptionsFromFlags(args));
    const results = simulate({ trace, policy, instance, cluster, slo, maxPoints: args.maxPoints });
    const out = args.out ?? path.join('reports', 'simulations', `${results.trace.name}-${policy.name}.json`);
    await writeJsonAtomic(out, results);
    if (args.json) process.stdout.write(`${JSON.stringify(results.summary)}\n`);
    else process.stdout.write(`${formatSimulationSummary(results)}\nresults: ${out}\n`);
  },
};
