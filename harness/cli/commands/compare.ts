// `infercap compare A.json B.json ... --out DIR`: one comparison report of several runs (variants of a
// scenario, models, settings): overlaid distributions and p99 over time, ratios, and for two runs the
// regression gate's statistical verdict.

import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { invalidOption } from '../../../common/errors.ts';
import { writeComparisonReport } from '../../report/compare/writeComparisonReport.ts';
import { readResults } from '../../results/resultsFile.ts';

const builder = (argv: Argv) =>
  argv
    .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Results files; the first is the reference of the ratios' })
    .option('out', { type: 'string', default: path.join('reports', 'compare'), describe: 'Directory of the report' })
    .example('$0 compare reports/results/fp32-vs-int8.fp32.json reports/results/fp32-vs-int8.int8.json', 'Compare fp32 and int8 under the same load');

type CompareArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

/** Reads every file first, so a bad one fails the command (exit 2) before anything is written. */
export async function compare(files: readonly string[], outDir: string): Promise<string> {
  if (files.length < 2) throw invalidOption('files', 'give at least two results files to compare');
  const results = await Promise.all(files.map(async (file) => ({ label: path.basename(file, path.extname(file)), results: await readResults(file) })));
  return writeComparisonReport(results, outDir);
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <files..>',
  describe: 'Compare the results of several runs in one HTML report',
  builder: builder as unknown as CommandModule<object, CompareArgs>['builder'],
  handler: async (args) => {
    process.stdout.write(`report: ${await compare(args.files, args.out)}\n`);
  },
};
