// `infercap report <results...> --out DIR`: a self-contained HTML report per file (run results, sweep,
// calibration, simulation or plan; charts as inline SVG, their vega-lite specs and data next to them)
// and an index page linking them.

import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { reportNeedsOutDir, reportNeedsResults } from '../../../common/errors.ts';
import { writeReports, type WrittenReports } from '../../../report/writeReport.ts';

const builder = (argv: Argv) =>
  argv
    .positional('results', { type: 'string', array: true, describe: 'Files written by infercap run, sweep (sweep or calibration), simulate or plan' })
    .options({
      out: { type: 'string', default: 'reports', describe: 'Directory to write the reports into' },
    })
    .example('$0 report results.json --out reports', 'Write reports/results/index.html and reports/index.html')
    .example('$0 report reports/sweeps/steady.json plan.json --out reports', 'A sweep report and a capacity-plan report, linked from reports/index.html');

type ReportArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

/**
 * Writes the reports of the files `paths` into `outDir`. Throws an InfercapError (exit code 2) when no
 * file is named or a file is missing or not a valid infercap file.
 */
export async function report(paths: readonly string[], outDir: string): Promise<WrittenReports> {
  if (paths.length === 0) throw reportNeedsResults();
  if (outDir.trim() === '') throw reportNeedsOutDir();
  return writeReports(paths, outDir);
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  builder: builder as unknown as CommandModule<object, ReportArgs>['builder'],
  handler: async (args) => {
    const written = await report((args.results ?? []).map(String), args.out);
    for (const page of written.reports) process.stdout.write(`report: ${page}\n`);
    process.stdout.write(`index: ${written.index}\n`);
  },
};
