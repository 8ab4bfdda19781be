// `infercap merge a.json b.json ... --out all.json`: adds up the results of shards of one scenario
// exactly (histograms, counts, series) and judges the scenario's thresholds on the whole.

import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { evaluateRunThresholds } from '../../gate/evaluateThresholds.ts';
import { gateExitCode } from '../../gate/gateExitCode.ts';
import { mergeResults } from '../../results/mergeResults.ts';
import { readResults, writeResultsAtomic } from '../../results/resultsFile.ts';
import type { WorkloadModel } from '../../scenario/mixSchema.ts';
import type { ThresholdExpression } from '../../scenario/thresholdExpression.ts';
import { printRunSummary } from '../runSummary.ts';

const builder = (argv: Argv) =>
  argv
    .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Results files of the shards' })
    .option('out', { type: 'string', demandOption: true, describe: 'Where to write the merged results' })
    .example('$0 merge shard1.json shard2.json --out all.json', 'Merge the results of infercap run --shard 1/2 and 2/2');

type MergeArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

interface RecordedScenario {
  readonly name: string;
  readonly thresholds?: readonly ThresholdExpression[];
  readonly workload?: { readonly mix?: readonly WorkloadModel[] };
  readonly variants?: readonly { readonly name: string; readonly workload?: { readonly model?: string; readonly mix?: readonly WorkloadModel[] } }[];
}

/** The mix the recorded scenario ran (its variant's, for a variant's results: `<scenario>/<variant>`), whose models may carry thresholds. */
function recordedMix(scenario: RecordedScenario): readonly WorkloadModel[] {
  const variant = scenario.variants?.find((v) => scenario.name.endsWith(`/${v.name}`));
  if (variant?.workload?.mix !== undefined) return variant.workload.mix;
  return variant?.workload?.model !== undefined ? [] : (scenario.workload?.mix ?? []);
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  builder: builder as unknown as CommandModule<object, MergeArgs>['builder'],
  handler: async (args) => {
    const merged = mergeResults(await Promise.all(args.files.map((file) => readResults(file, ['run']))));
    // Each shard judged only its own share of the load: the thresholds are judged again on the whole.
    const scenario = merged.scenario as RecordedScenario;
    const judged = { ...merged, thresholds: evaluateRunThresholds(scenario.thresholds ?? [], recordedMix(scenario), merged.overall) };
    await writeResultsAtomic(args.out, judged);
    printRunSummary(judged, undefined, args.out);
    process.exitCode = gateExitCode(judged.thresholds);
  },
};
