// `infercap compare A.json B.json ... --out DIR`: one comparison report of several runs (variants of a
// scenario, models, settings): overlaid distributions and p99 over time, ratios, for two runs the
// regression gate's statistical verdict, model accuracy and agreement, and cost per million predictions.

import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { invalidOption } from '../../../common/errors.ts';
import { defaultModelsDir } from '../../../models/index.ts';
import { defaultPricePerReplicaHour } from '../../../report/compare/predictionCost.ts';
import type { ComparisonOptions } from '../../../report/compare/computeComparison.ts';
import { compareRuns } from '../../../report/compare/writeComparisonReport.ts';
import { readResults } from '../../results/resultsFile.ts';

const builder = (argv: Argv) =>
  argv
    .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Results files; the first is the reference of the ratios' })
    .options({
      out: { type: 'string', default: path.join('reports', 'compare'), describe: 'Directory of the report' },
      'price-per-replica-hour': {
        type: 'number',
        default: defaultPricePerReplicaHour,
        describe: 'Price of one replica for an hour (USD by default, about one 2-vCPU VM): the cost per million predictions',
      },
      replicas: { type: 'number', describe: 'Replicas behind each run\'s target, for the cost (default: what the run recorded, 1 for a reference target, else 1)' },
      'models-dir': { type: 'string', default: defaultModelsDir, describe: 'Model files, for the accuracy of compared models (when a run does not name its own)' },
      'accuracy-rows': { type: 'number', describe: 'Measure accuracy on the first N of the 2,000 MNIST test digits (all by default)' },
      accuracy: { type: 'boolean', default: true, describe: 'Measure each compared model\'s accuracy and agreement (--no-accuracy skips it)' },
    })
    .example('$0 compare reports/results/fp32-vs-int8.fp32.json reports/results/fp32-vs-int8.int8.json', 'Compare fp32 and int8 under the same load');

type CompareArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

/** Reads every file first, so a bad one fails the command (exit 2) before anything is written. */
export async function compare(files: readonly string[], outDir: string, options: ComparisonOptions = {}): Promise<string> {
  if (files.length < 2) throw invalidOption('files', 'give at least two results files to compare');
  const price = options.pricePerReplicaHour;
  if (price !== undefined && !(Number.isFinite(price) && price >= 0)) throw invalidOption('--price-per-replica-hour', `must be a price of 0 or more, got ${String(price)}`);
  if (options.replicas !== undefined && !(Number.isInteger(options.replicas) && options.replicas > 0)) throw invalidOption('--replicas', `must be a whole number above 0, got ${String(options.replicas)}`);
  if (options.rows !== undefined && !(Number.isInteger(options.rows) && options.rows > 0)) throw invalidOption('--accuracy-rows', `must be a whole number above 0, got ${String(options.rows)}`);
  const results = await Promise.all(files.map(async (file) => ({ label: path.basename(file, path.extname(file)), results: await readResults(file, ['run']) })));
  return (await compareRuns(results, outDir, options)).page;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  builder: builder as unknown as CommandModule<object, CompareArgs>['builder'],
  handler: async (args) => {
    const options: ComparisonOptions = {
      pricePerReplicaHour: args.pricePerReplicaHour,
      modelsDir: args.modelsDir,
      evaluateModels: args.accuracy,
      ...(args.accuracyRows === undefined ? {} : { rows: args.accuracyRows }),
      ...(args.replicas === undefined ? {} : { replicas: args.replicas }),
    };
    process.stdout.write(`report: ${await compare(args.files, args.out, options)}\n`);
  },
};
