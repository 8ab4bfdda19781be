// `infercap merge a.json b.json ... --out all.json`: adds up the results of shards of one scenario
// exactly (histograms, counts, series) and judges the scenario's thresholds on the whole.

import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { evaluateThresholds } from '../../gate/evaluateThresholds.ts';
import { gateExitCode } from '../../gate/gateExitCode.ts';
import { mergeResults } from '../../results/mergeResults.ts';
import { readResults, writeResultsAtomic } from '../../results/resultsFile.ts';
import type { ThresholdExpression } from '../../scenario/thresholdExpression.ts';
import { printRunSummary } from '../runSummary.ts';

const builder = (argv: Argv) =>
  argv
    .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Results files of the shards' })
    .option('out', { type: 'string', demandOption: true, describe: 'Where to write the merged results' })
    .example('$0 merge shard1.json shard2.json --out all.json', 'Merge the results of infercap run --shard 1/2 and 2/2');

type MergeArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const mergeCommand: CommandModule<object, MergeArgs> = {
  builder: builder as unknown as CommandModule<object, MergeArgs>['builder'],
  handler: async (args) => {
    const merged = mergeResults(await Promise.all(args.files.map((file) => readResults(file, ['run']))));
    // Each shard judged only its own share of the load: the thresholds are judged again on the whole.
    const thresholds = (merged.scenario as { thresholds?: ThresholdExpression[] }).thresholds ?? [];
    const judged = { ...merged, thresholds: evaluateThresholds(thresholds, merged.overall) };
    await writeResultsAtomic(args.out, judged);
    printRunSummary(judged, undefined, args.out);
    process.exitCode = gateExitCode(judged.thresholds);
  },
};
