// The demo end to end, on embedded defaults: models, a 2-replica fleet, the scenario set, a calibration
// sweep, the simulator and the planner over a bundled trace, then every report and the root index.
// Everything it starts it stops, also when a step fails.

import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../common/log.ts';
import { resolveFleetOptions } from '../../reference-server/balancer/fleetOptions.ts';
import { startFleet, type RunningFleet } from '../../reference-server/balancer/fleet.ts';
import { ensureModels } from '../../models/index.ts';
import { compareRuns } from '../compare/compareRuns.ts';
import { writeReportIndex, type IndexEntry } from '../../report/reportIndex.ts';
import { findingOf, reportTitleOf, writeReportOf } from '../../report/writeReport.ts';
import { readReportInput } from '../../report/reportInput.ts';
import { writeResultsAtomic } from '../results/resultsFile.ts';
import type { RunResults } from '../results/runResults.ts';
import { runScenario } from '../run/runScenario.ts';
import type { Scenario } from '../scenario/scenarioSchema.ts';
import { writeJsonAtomic } from '../../common/jsonFile.ts';
import { calibrationOf } from '../sweep/calibration.ts';
import { runSweep } from '../sweep/runSweep.ts';
import { demoCapacity } from './demoCapacity.ts';
import type { DemoProfile } from './demoProfile.ts';
import { batchingOnOffScenario, calibrationScenario, fp32VsInt8Scenario, rampScenario } from './demoScenarios.ts';

export interface DemoOptions {
  readonly profile: DemoProfile;
  readonly modelsDir: string;
  /** Everything the demo writes goes here (emptied first): results/, one folder per report, index.html. */
  readonly outDir: string;
  /** Progress and findings, a line at a time. */
  readonly print: (line: string) => void;
  readonly logger: Logger;
}

export interface DemoOutcome {
  readonly index: string;
  readonly entries: readonly IndexEntry[];
}

const stepCount = 7;

/** Runs the whole demo; returns the root index and what each report found. */
export async function runDemo(options: DemoOptions): Promise<DemoOutcome> {
  const { profile, modelsDir, outDir, print, logger } = options;
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const step = (n: number, text: string) => print(`[${n}/${stepCount}] ${text}  (${elapsed()})`);
  const resultsDir = path.join(outDir, 'results');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(resultsDir, { recursive: true });
  /** Every results file written, by report folder name; its report is made from the file as read back. */
  const reports: { name: string; file: string }[] = [];
  const comparisons: { name: string; title: string; runs: RunResults[]; replicas: number }[] = [];

  const runAndKeep = async (scenario: Scenario): Promise<RunResults[]> => {
    let shown = '';
    const runs = await runScenario(scenario, {
      scenarioFile: `demo/${scenario.name}`,
      modelsDir,
      logger,
      onProgress: (variant, phase) => {
        const label = `${variant === undefined ? '' : `${variant}: `}${phase.name}`;
        if (label !== shown) print(`      ${scenario.name} ${label}`);
        shown = label;
      },
    });
    for (const results of runs) {
      const name = results.scenario.name.replace('/', '-');
      const file = path.join(resultsDir, `${name}.json`);
      await writeResultsAtomic(file, results);
      reports.push({ name, file });
    }
    return runs;
  };

  step(1, `models: building any that are missing in ${modelsDir}`);
  await ensureModels(modelsDir, logger);

  step(2, `fleet: ${profile.replicas} replicas of ${profile.model} (batching on, in-memory cache) behind a ${profile.balancer} balancer`);
  let fleet: RunningFleet | undefined = await startFleet(
    resolveFleetOptions({ replicas: profile.replicas, balancer: profile.balancer }),
    { modelsDir, port: 0, models: [profile.model], batching: true, cache: 'lru', logLevel: 'warn' },
    logger,
  );
  try {
    print(`      balancer listening on ${fleet.url}`);
    step(3, 'scenarios on the fleet: fp32 vs int8, then a ramp');
    comparisons.push({ name: 'fp32-vs-int8', title: `fp32 vs int8: ${profile.model}`, runs: await runAndKeep(fp32VsInt8Scenario(profile, fleet.url)), replicas: profile.replicas });
    await runAndKeep(rampScenario(profile, fleet.url));
  } finally {
    await fleet.close();
    fleet = undefined;
  }

  step(4, 'batching on vs off, each on a server of its own');
  comparisons.push({ name: 'batching-on-off', title: `Batching on vs off: ${profile.model} fp32`, runs: await runAndKeep(batchingOnOffScenario(profile)), replicas: 1 });

  step(5, `calibration: open-loop sweep of one replica at ${profile.sweepRates.join(', ')} req/s`);
  const sweep = await runSweep(calibrationScenario(profile), {
    mode: 'rate',
    levels: profile.sweepRates,
    windowMs: profile.sweepWindowSeconds * 1000,
    maxWindows: profile.sweepMaxWindows,
    p99BudgetMs: profile.p99BudgetMs,
    modelsDir,
    logger,
    onWindow: (level, window) => {
      if (window === 1) print(`      ${level} req/s`);
    },
  });
  const calibration = calibrationOf(sweep);
  const sweepFile = path.join(resultsDir, 'calibration-sweep.json');
  const calibrationFile = path.join(resultsDir, 'calibration.json');
  await writeJsonAtomic(sweepFile, sweep);
  await writeJsonAtomic(calibrationFile, calibration);
  reports.push({ name: 'calibration-sweep', file: sweepFile }, { name: 'calibration', file: calibrationFile });

  step(6, `simulator and planner: ${path.basename(profile.traceFile)} with the calibrated replica, SLO ${profile.slo}`);
  const capacity = await demoCapacity(profile, calibrationFile, (message) => print(`      ${message}`));
  for (const simulation of capacity.simulations) {
    const name = `simulation-${simulation.policy.name}`;
    const file = path.join(resultsDir, `${name}.json`);
    await writeJsonAtomic(file, simulation);
    reports.push({ name, file });
  }
  const planFile = path.join(resultsDir, 'plan.json');
  await writeJsonAtomic(planFile, capacity.plan);
  reports.push({ name: 'plan', file: planFile });

  step(7, `reports: ${reports.length + comparisons.length} reports into ${outDir}`);
  const entries: IndexEntry[] = [];
  for (const comparison of comparisons) {
    const labelled = comparison.runs.map((results) => ({ label: results.scenario.name.split('/')[1] ?? results.scenario.name, results }));
    const written = await compareRuns(labelled, path.join(outDir, comparison.name), { modelsDir, pricePerReplicaHour: profile.pricePerReplicaHour, replicas: comparison.replicas });
    entries.push({ title: comparison.title, path: `${comparison.name}/index.html`, kind: 'comparison', headline: written.comparison.headline });
  }
  for (const report of reports) {
    const input = await readReportInput(report.file);
    await writeReportOf(input, path.join(outDir, report.name), report.file);
    const finding = findingOf(input, report.file);
    entries.push({
      title: reportTitleOf(input),
      path: `${report.name}/index.html`,
      kind: input.kind,
      headline: finding.headline,
      passed: finding.passed,
      source: path.relative(outDir, report.file),
    });
  }
  const index = await writeReportIndex(entries, outDir, 'infercap demo');
  print(`demo finished in ${elapsed()}`);
  return { index, entries };
}
