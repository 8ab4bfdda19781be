// `infercap gate --baseline base.json --current cur.json`: the regression gate on two results files;
// exits 99 on a significant regression beyond the allowed margins, 2 when the runs cannot be compared,
// 0 otherwise.

import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { writeCiOutputs } from '../../gate/ciOutputs.ts';
import { gateExitCode } from '../../gate/gateExitCode.ts';
import { readResults } from '../../results/resultsFile.ts';
import { gateVerdict, printRunSummary } from '../runSummary.ts';

const builder = (argv: Argv) =>
  argv
    .options({
      baseline: { type: 'string', demandOption: true, describe: 'Results of the reference run' },
      current: { type: 'string', demandOption: true, describe: 'Results of the run under test' },
      'max-regression': { type: 'string', default: '10%', describe: 'Allowed regression of p50/p95/p99/p99.9 and throughput (the whole confidence interval must lie beyond it to fail)' },
      'max-error-increase': { type: 'string', default: '1%', describe: 'Allowed rise of the error rate and of the dropped share, in percentage points' },
      junit: { type: 'string', describe: 'Write a JUnit XML report' },
      'summary-md': { type: 'string', describe: 'Write a Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set)' },
      json: { type: 'boolean', default: false, describe: 'Print the verdict as JSON' },
    })
    .example('$0 gate --baseline base.json --current cur.json --max-regression 10%', 'Fail (99) only on a significant regression above 10 %');

type GateArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const gateCommand: CommandModule<object, GateArgs> = {
  builder: builder as unknown as CommandModule<object, GateArgs>['builder'],
  handler: async (args) => {
    const baseline = await readResults(args.baseline, ['run']);
    const current = await readResults(args.current, ['run']);
    const verdict = gateVerdict(baseline, current, args.maxRegression, args.maxErrorIncrease);
    if (args.json) process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
    else {
      for (const line of verdict.lines) process.stdout.write(`${line}\n`);
      printRunSummary(current, verdict, undefined);
    }
    await writeCiOutputs(current, verdict, { ...(args.junit ? { junit: args.junit } : {}), ...(args.summaryMd ? { summaryMarkdown: args.summaryMd } : {}) });
    process.exitCode = gateExitCode([], verdict);
  },
};
