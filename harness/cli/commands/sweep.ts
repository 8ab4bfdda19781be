// `infercap sweep <scenario> --concurrency 1:64:x2 | --rate 100:1000:100`: the throughput-latency curve,
// its knee under --p99-budget, a calibration file for the autoscaler simulator and the sweep's HTML report.

import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { optionNotParsed, optionsExclusive, sweepArrivalsNeedRate, sweepLevelCountNotValid, sweepTooFewWindows } from '../../../common/errors.ts';
import { writeJsonAtomic } from '../../../common/jsonFile.ts';
import { createLogger } from '../../../common/log.ts';
import { defaultModelsDir } from '../../../models/index.ts';
import { formatMs, formatRate } from '../../gate/figureFormat.ts';
import { writeSweepReport } from '../../../report/sweep/writeSweepReport.ts';
import { loadScenario, resolveScenarioPath } from '../../scenario/loadScenario.ts';
import { tryParseDuration } from '../../scenario/duration.ts';
import { overrideScenario } from '../../scenario/scenarioOverrides.ts';
import { scenarioOverrideOptions } from '../scenarioOverrideOptions.ts';
import { calibrationOf } from '../../sweep/calibration.ts';
import { extensionFactor, runSweep, type SweepResult } from '../../sweep/runSweep.ts';
import { parseSweepLevels } from '../../sweep/sweepLevels.ts';

const builder = (argv: Argv) =>
  argv
    .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario file or shipped name: its target and workload are swept (its phases are not run)' })
    .options({
      concurrency: { type: 'string', describe: 'Closed-loop levels, from:to:step or from:to:xFactor (e.g. 1:64:x2)' },
      rate: { type: 'string', describe: 'Open-loop levels in req/s (e.g. 100:1000:100)' },
      arrivals: { choices: ['constant', 'poisson'] as const, describe: 'How a --rate level spreads its requests in time (default constant; poisson as independent users send)' },
      extend: {
        type: 'number',
        default: 0,
        describe: `While the highest level is still sustainable, measure up to this many more, each ${extensionFactor}x the last, until one is not (otherwise the knee is only a lower bound)`,
      },
      refine: {
        type: 'number',
        default: 0,
        describe: 'Then measure up to this many levels halving the gap between the knee and the lowest level above it that was not sustainable (a binary search for the knee)',
      },
      window: { type: 'string', default: '5s', describe: 'Length of one measurement window' },
      'max-windows': { type: 'number', default: 6, describe: 'Windows per level before giving up on stability' },
      'p99-budget': { type: 'string', default: '100ms', describe: 'Latency budget: the knee is the highest throughput with p99 within it' },
      out: { type: 'string', describe: 'Sweep results JSON (default reports/sweeps/<scenario>.json)' },
      calibration: { type: 'string', describe: 'Calibration JSON for the simulator (default reports/calibration/<scenario>.json)' },
      report: {
        type: 'string',
        describe: 'Write the HTML report of the sweep (curve, knee, budget) here (default reports/sweeps/<scenario>; --no-report: none)',
      },
      'models-dir': { type: 'string', default: defaultModelsDir },
      ...scenarioOverrideOptions,
    })
    .example('$0 sweep steady --concurrency 1:64:x2 --p99-budget 200ms', 'Closed-loop sweep of the steady scenario\'s target')
    .example('$0 sweep steady --rate 100:600:100 --window 3s', 'Open-loop request-rate sweep')
    .example('$0 sweep steady --rate 100:400:100 --arrivals poisson --extend 6 --refine 2', 'Poisson arrivals, past 400 req/s until a level no longer keeps up, then two levels bisecting the knee')
    .example('$0 sweep steady --concurrency 1:32:x2 --target http://127.0.0.1:8000 --model my-model', 'Sweep your own server and model with the steady scenario\'s workload');

type SweepArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

function printCurve(sweep: SweepResult): void {
  const unit = sweep.mode === 'concurrency' ? 'connections' : 'req/s';
  process.stdout.write(`\n| ${unit} | throughput | p50 | p95 | p99 | errors | dropped | sustainable | windows |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: |\n`);
  for (const point of sweep.points) {
    const mark = point === sweep.knee ? ' ◀ knee' : '';
    const nullable = (ms: number | null) => (ms === null ? '–' : formatMs(ms));
    process.stdout.write(
      `| ${point.level} | ${formatRate(point.throughput)} | ${nullable(point.p50)} | ${nullable(point.p95)} | ${nullable(point.p99)} | ` +
        `${point.errorRate === null ? '–' : `${(point.errorRate * 100).toFixed(2)}%`} | ${point.dropped} | ${point.sustainable ? 'yes' : 'no'} | ${point.windows}${point.stable ? '' : ' (unstable)'}${mark} |\n`,
    );
  }
  process.stdout.write(
    sweep.knee === undefined
      ? `\nno level was sustainable (throughput ≥ 99 % of offered, or ≤ 1 % errors in a closed loop; nothing dropped; p99 within ${formatMs(sweep.p99BudgetMs)})\n`
      : `\nknee (highest sustainable level): ${sweep.knee.level} ${unit}, ${formatRate(sweep.knee.throughput)} with p99 ${formatMs(sweep.knee.p99!)} (budget ${formatMs(sweep.p99BudgetMs)})\n`,
  );
  if (sweep.knee !== undefined && sweep.knee === sweep.points.at(-1)) {
    process.stdout.write(`the highest level measured kept up, so the knee is only a lower bound of the capacity: sweep higher, or add --extend N to go on until a level does not\n`);
  }
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  builder: builder as unknown as CommandModule<object, SweepArgs>['builder'],
  handler: async (args) => {
    if ((args.concurrency === undefined) === (args.rate === undefined)) throw optionsExclusive('--concurrency', '--rate');
    const mode = args.concurrency !== undefined ? 'concurrency' : 'rate';
    const levels = parseSweepLevels(`--${mode}`, (args.concurrency ?? args.rate)!, mode === 'concurrency');
    const durationOf = (flag: string, text: string) => {
      const parsed = tryParseDuration(text);
      if (!parsed.ok) throw optionNotParsed(flag, parsed.problem);
      return parsed.ms;
    };
    const scenarioFile = resolveScenarioPath(args.scenario);
    const scenario = overrideScenario(loadScenario(scenarioFile), { target: args.target, model: args.model });
    const name = path.basename(scenarioFile, path.extname(scenarioFile));
    if (!Number.isInteger(args.maxWindows) || args.maxWindows < 3) throw sweepTooFewWindows();
    if (args.arrivals !== undefined && mode !== 'rate') throw sweepArrivalsNeedRate();
    for (const [flag, count] of [['--extend', args.extend], ['--refine', args.refine]] as const) {
      if (!Number.isInteger(count) || count < 0) throw sweepLevelCountNotValid(flag, count);
    }
    const sweep = await runSweep(scenario, {
      mode,
      levels,
      windowMs: durationOf('--window', args.window),
      maxWindows: args.maxWindows,
      p99BudgetMs: durationOf('--p99-budget', args.p99Budget),
      ...(args.arrivals === undefined ? {} : { arrivals: args.arrivals }),
      extend: { levels: args.extend },
      refine: args.refine,
      modelsDir: args.modelsDir,
      logger: createLogger('warn', { component: 'sweep' }),
      onWindow: (level, window, stats) =>
        process.stderr.write(`level ${level}: window ${window} throughput ${formatRate(stats.throughput)} p95 ${stats.latency.p95 === null ? '–' : formatMs(stats.latency.p95)}\n`),
    });
    printCurve(sweep);
    const out = args.out ?? path.join('reports', 'sweeps', `${name}.json`);
    const calibrationFile = args.calibration ?? path.join('reports', 'calibration', `${name}.json`);
    await writeJsonAtomic(out, sweep);
    await writeJsonAtomic(calibrationFile, calibrationOf(sweep));
    process.stdout.write(`sweep: ${out}\ncalibration: ${calibrationFile}\n`);
    // `--no-report` reaches here as report: false (yargs negates any option so named).
    const report = args.report as string | false | undefined;
    if (report !== false) {
      const page = await writeSweepReport(sweep, report ?? path.join(path.dirname(out), path.basename(out, path.extname(out))));
      process.stdout.write(`report: ${page}\n`);
    }
  },
};
