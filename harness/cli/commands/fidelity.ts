// `infercap fidelity --trace T --model M [--replicas N | --target URL --replicas N] [--calibration C]`:
// replays a time-compressed window of a trace against a real fleet and simulates the same requests with the
// same calibration and cluster settings; writes the fidelity results and their HTML report.

import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { fidelityCalibrationModel, fidelityNeedsReplicas, optionNegative, optionNotCount, optionNotParsed } from '../../../common/errors.ts';
import { readConfigFile } from '../../../common/config/configFile.ts';
import { createLogger } from '../../../common/log.ts';
import { defaultModelsDir } from '../../../models/index.ts';
import { writeFidelityReport } from '../../../report/fidelity/writeFidelityReport.ts';
import { clusterConfigSchema, defaultClusterConfig } from '../../../simulator/cluster/clusterConfig.ts';
import { readCalibration } from '../../../simulator/simulate/instanceProfile.ts';
import { defaultFidelityGoals } from '../../fidelity/compareFidelity.ts';
import { formatFidelitySummary } from '../../fidelity/fidelitySummary.ts';
import { parseWindow } from '../../fidelity/replayWindow.ts';
import { runFidelity } from '../../fidelity/runFidelity.ts';
import { writeResultsAtomic } from '../../results/resultsFile.ts';
import { parseDuration } from '../../scenario/duration.ts';

const builder = (argv: Argv) =>
  argv
    .options({
      trace: { type: 'string', demandOption: true, describe: 'Trace file: CSV (timestamp,rps; timestamp,count; arrival log) or YAML (a CSV with options, or synthetic)' },
      window: { type: 'string', describe: 'Replay START:END of the trace (seconds or durations from its start, e.g. 2h:4h); default the whole trace' },
      speedup: { type: 'number', default: 1, describe: 'Compress time by this factor (60: an hour in a minute, at 60 times the rate)' },
      scale: { type: 'number', default: 1, describe: "Multiply the trace's load" },
      arrivals: { type: 'string', choices: ['poisson', 'constant'] as const, default: 'poisson', describe: "How each second's requests are spread within it" },
      seed: { type: 'number', default: 1, describe: 'Seed of the arrival times within each second' },
      model: { type: 'string', demandOption: true, describe: 'Model to replay against (a built-in model for a reference fleet)' },
      replicas: { type: 'number', describe: 'Replicas of the fleet: started here behind the balancer (default 1), or the count behind --target (required then)' },
      target: { type: 'string', describe: 'A running fleet\'s base URL instead of a reference fleet (needs --calibration and --replicas)' },
      calibration: { type: 'string', describe: 'Calibration of one replica (infercap sweep); default: calibrate the fleet now, seen per replica' },
      cluster: { type: 'string', describe: 'Cluster settings for the simulator (YAML: startupDelay, syncPeriod, ...); the replica count is --replicas' },
      'latency-model': { type: 'string', choices: ['queueing', 'curve'] as const, default: 'queueing', describe: "The simulator's latency model" },
      capacity: {
        type: 'string',
        choices: ['peak', 'sustainable'] as const,
        default: 'peak',
        describe: "A replica's capacity in the simulator: the most it served when backlogged (peak), or the knee under --p99-budget (sustainable, the planner's cautious default)",
      },
      'max-queue-size': { type: 'number', default: 256, describe: "The server's queue per replica, and the simulator's queue limit" },
      'calibration-window': { type: 'string', default: '3s', describe: 'Measurement window of the calibration sweeps' },
      'p99-budget': { type: 'string', default: '1s', describe: 'Latency budget of the calibration: its capacity is the knee within it (loose: the simulator models the waiting)' },
      warmup: { type: 'string', default: '2s', describe: 'Warm-up before the replay, at its mean rate (0s: none)' },
      timeout: { type: 'string', default: '5s', describe: 'A request unanswered this long after its intended send is a timeout' },
      out: { type: 'string', describe: 'Results JSON (default reports/fidelity/<trace>-<replicas>r.json)' },
      report: { type: 'string', describe: 'HTML report folder (default next to --out; --no-report: none)' },
      'models-dir': { type: 'string', default: defaultModelsDir },
      json: { type: 'boolean', default: false, describe: 'Print the totals and verdict as JSON' },
    })
    .example('$0 fidelity --trace scenarios/traces/diurnal-3-days.yaml --window 12h:14h --speedup 60 --scale 0.0002 --model mnist-wide --replicas 2', 'Two hours of the shipped trace in two minutes, against two replicas, calibrated first');

type FidelityArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

function durationOf(flag: string, text: string): number {
  try {
    return parseDuration(text);
  } catch (error) {
    throw optionNotParsed(flag, (error as Error).message);
  }
}

export const fidelityCommand: CommandModule<object, FidelityArgs> = {
  builder: builder as unknown as CommandModule<object, FidelityArgs>['builder'],
  handler: async (args) => {
    if (args.target !== undefined && args.replicas === undefined) throw fidelityNeedsReplicas();
    const replicas = args.replicas ?? 1;
    if (!(Number.isInteger(replicas) && replicas >= 1)) throw optionNotCount('--replicas', replicas);
    if (!(args.scale >= 0)) throw optionNegative('--scale', args.scale);
    if (!(Number.isInteger(args.maxQueueSize) && args.maxQueueSize >= 1)) throw optionNotCount('--max-queue-size', args.maxQueueSize);
    const calibration = args.calibration === undefined ? undefined : readCalibration(args.calibration);
    if (calibration !== undefined && calibration.model !== args.model) throw fidelityCalibrationModel(args.calibration!, calibration.model, args.model);
    const cluster = args.cluster === undefined ? defaultClusterConfig : readConfigFile(args.cluster, clusterConfigSchema, { what: 'cluster' });
    const results = await runFidelity({
      model: args.model,
      replay: {
        file: args.trace,
        window: args.window === undefined ? { start: 0, end: undefined } : parseWindow(args.window),
        speedup: args.speedup,
        scale: args.scale,
        arrivals: args.arrivals as 'poisson' | 'constant',
        seed: args.seed,
      },
      replicas,
      ...(args.target === undefined ? {} : { url: args.target.replace(/\/+$/, '') }),
      ...(calibration === undefined ? {} : { calibration }),
      calibrationSettings: { windowMs: durationOf('--calibration-window', args.calibrationWindow), p99BudgetMs: durationOf('--p99-budget', args.p99Budget) },
      latencyModel: args.latencyModel as 'queueing' | 'curve',
      capacitySource: args.capacity as 'peak' | 'sustainable',
      queueLimit: args.maxQueueSize,
      cluster,
      goals: defaultFidelityGoals,
      timeoutMs: durationOf('--timeout', args.timeout),
      warmupMs: durationOf('--warmup', args.warmup),
      modelsDir: args.modelsDir,
      logger: createLogger('warn', { component: 'fidelity' }),
      onStep: (message) => process.stderr.write(`${message}\n`),
    });
    const stem = `${path.basename(args.trace, path.extname(args.trace))}-${replicas}r`;
    const out = args.out ?? path.join('reports', 'fidelity', `${stem}.json`);
    await writeResultsAtomic(out, results);
    if (args.json) process.stdout.write(`${JSON.stringify({ totals: results.totals, perSecondError: results.perSecondError, goals: results.goals, verdict: results.verdict })}\n`);
    else process.stdout.write(`${formatFidelitySummary(results)}\nresults: ${out}\n`);
    // `--no-report` reaches here as report: false (yargs negates any option so named).
    const report = args.report as string | false | undefined;
    if (report !== false) {
      const page = await writeFidelityReport(results, report ?? path.join(path.dirname(out), path.basename(out, path.extname(out))));
      if (!args.json) process.stdout.write(`report: ${page}\n`);
    }
  },
};
