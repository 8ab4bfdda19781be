// `infercap compare A.json B.json ... --out DIR`: one comparison of several runs (variants of a scenario,
// models, settings), computed once into DIR/comparison.json and rendered beside it: overlaid distributions
// and p99 over time, ratios, for two runs the regression gate's verdict, each model's outputs against the
// first's (top-1 agreement and accuracy, or error and cosine), cost per million predictions, and which to ship.

import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { compareNeedsTwoFiles } from '../../../common/errors.ts';
import { defaultModelsDir } from '../../../models/index.ts';
import { compareRuns } from '../../compare/compareRuns.ts';
import type { ComparisonOptions } from '../../compare/computeComparison.ts';
import { readResults } from '../../results/resultsFile.ts';
import { comparisonFlagOptions, comparisonOptionsOf } from '../comparisonFlags.ts';

const builder = (argv: Argv) =>
  argv
    .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Results files; the first is the reference of the ratios' })
    .options({
      out: { type: 'string', default: path.join('reports', 'compare'), describe: 'Directory of the comparison.json and its report' },
      'models-dir': { type: 'string', default: defaultModelsDir, describe: 'Model files of reference targets (when a run does not name its own)' },
      json: { type: 'boolean', default: false, describe: 'Print the comparison results (JSON) instead of the report path' },
      ...comparisonFlagOptions,
    })
    .example('$0 compare reports/results/fp32-vs-int8.fp32.json reports/results/fp32-vs-int8.int8.json', 'Compare fp32 and int8 under the same load')
    .example('$0 compare base.json int8.json --model-file base=my/1/model.onnx --model-file int8=my/2/model.onnx --quality-data inputs.json', 'Runs against URL targets: give their model files and the inputs to compare them on');

type CompareArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

/** Reads every file first, so a bad one fails the command (exit 2) before anything is written. */
export async function compare(files: readonly string[], outDir: string, options: ComparisonOptions = {}) {
  if (files.length < 2) throw compareNeedsTwoFiles();
  const results = await Promise.all(files.map(async (file) => ({ label: path.basename(file, path.extname(file)), results: await readResults(file, ['run']) })));
  return compareRuns(results, outDir, options);
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  builder: builder as unknown as CommandModule<object, CompareArgs>['builder'],
  handler: async (args) => {
    const written = await compare(args.files, args.out, comparisonOptionsOf(args, args.modelsDir));
    if (args.json) process.stdout.write(`${JSON.stringify(written.comparison, null, 2)}\n`);
    else process.stdout.write(`${written.comparison.headline}\nreport: ${written.page}\nresults: ${written.file}\n`);
  },
};
