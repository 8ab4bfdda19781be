// `infercap run <scenario>`: drives a V2 server through a scenario's phases, writes the results and exits
// 0 (thresholds met), 99 (a threshold or the regression gate failed), 2 (bad usage) or 1 (runtime failure).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { ExitCode, flushEveryTooShort, optionNotParsed, overrideWithEmitK8s } from '../../../common/errors.ts';
import { createLogger } from '../../../common/log.ts';
import { defaultModelsDir } from '../../../models/index.ts';
import { writeCiOutputs } from '../../gate/ciOutputs.ts';
import { gateExitCode } from '../../gate/gateExitCode.ts';
import { readResults } from '../../results/resultsFile.ts';
import { ResultsWriter } from '../../results/resultsWriter.ts';
import { tryParseDuration } from '../../scenario/duration.ts';
import type { RunResults } from '../../results/runResults.ts';
import { runScenario } from '../../run/runScenario.ts';
import { parseShard } from '../../run/shard.ts';
import { emitRunManifests, kubernetesRunFlagOptions, kubernetesRunOptions } from '../../kubernetes/emitRunManifests.ts';
import { loadScenario, resolveScenarioPath } from '../../scenario/loadScenario.ts';
import { overrideScenario } from '../../scenario/scenarioOverrides.ts';
import { progressLine } from '../progressLine.ts';
import { scenarioOverrideOptions } from '../scenarioOverrideOptions.ts';
import { gateVerdict, printRunSummary } from '../runSummary.ts';
import { writeScenarioReports } from '../../../report/writeScenarioReports.ts';
import { variantLabel, writeComparison } from '../../compare/compareRuns.ts';
import { comparisonFlagOptions, comparisonOptionsOf } from '../comparisonFlags.ts';

const builder = (argv: Argv) =>
  argv
    .positional('scenario', { type: 'string', demandOption: true, describe: 'A scenario file, or the name of a shipped one (scenarios/<name>.yaml)' })
    .options({
      out: { type: 'string', describe: 'Results JSON (default reports/results/<scenario>.json; one file per variant)' },
      'models-dir': { type: 'string', default: defaultModelsDir, describe: 'Models of reference targets (built if missing)' },
      shard: { type: 'string', describe: 'Run the i-th of n equal parts of the load, e.g. 1/2 (merge with infercap merge)' },
      baseline: { type: 'string', describe: 'Results of an earlier run: fail (99) on a significant latency or throughput regression' },
      'max-regression': { type: 'string', default: '10%', describe: 'Allowed regression against the baseline' },
      junit: { type: 'string', describe: 'Write a JUnit XML report (one test case per threshold)' },
      'summary-md': { type: 'string', describe: 'Write a Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set)' },
      quiet: { type: 'boolean', default: false, describe: 'No progress line' },
      'api-key': { type: 'string', describe: 'Send Authorization: Bearer <key> (servers started with --api-key)' },
      'flush-every': { type: 'string', default: '5s', describe: 'Write partial results (marked incomplete) this often during a phase' },
      ...scenarioOverrideOptions,
      ...kubernetesRunFlagOptions,
      ...comparisonFlagOptions,
      report: {
        type: 'string',
        describe: 'Write the HTML reports here: one per variant, their comparison, an index (default reports/<scenario> for scenarios with variants; --no-report: none)',
      },
    })
    .example('$0 run smoke', 'Run the shipped smoke scenario against a reference server it starts')
    .example('$0 run steady --target http://127.0.0.1:8000 --model my-model:2', 'The shipped steady scenario against your own server and model')
    .example('$0 run fp32-vs-int8', 'Both model versions under the same load; the comparison report goes to reports/fp32-vs-int8')
    .example('$0 run scenarios/steady.yaml --baseline base.json --junit junit.xml', 'Gate a CI build on thresholds and a baseline')
    .example('$0 run steady --emit-k8s k8s/ --shards 4', 'Write a ConfigMap, an Indexed Job of 4 load pods and a merge Job judging the thresholds on the whole');

type RunArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

/** `reports/results/steady.json` → `reports/results/steady.int8.json` for variant `int8`. */
function outPathFor(base: string, variant: string | undefined, variants: number): string {
  if (variants <= 1 || variant === undefined) return base;
  const extension = path.extname(base);
  return `${base.slice(0, base.length - extension.length)}.${variant.replace(/[^A-Za-z0-9_.-]/g, '_')}${extension || '.json'}`;
}

/** `--flush-every 5s` in ms; at least 100 ms. */
function parseFlushEvery(value: string): number {
  const parsed = tryParseDuration(value);
  if (!parsed.ok) throw optionNotParsed('--flush-every', parsed.problem);
  if (parsed.ms < 100) throw flushEveryTooShort(value);
  return parsed.ms;
}

export const runCommand: CommandModule<object, RunArgs> = {
  builder: builder as unknown as CommandModule<object, RunArgs>['builder'],
  handler: async (args) => {
    const scenarioFile = resolveScenarioPath(args.scenario);
    const asWritten = loadScenario(scenarioFile);
    const kubernetes = kubernetesRunOptions(args, asWritten, readFileSync(scenarioFile, 'utf8'));
    if (kubernetes !== undefined) {
      if (args.target !== undefined || args.model !== undefined) throw overrideWithEmitK8s(args.target !== undefined ? '--target' : '--model');
      const files = await emitRunManifests(args.emitK8s!, kubernetes);
      process.stdout.write(`${files.map((file) => `manifest: ${file}\n`).join('')}apply with the fleet's manifests (infercap plan --emit-k8s ${args.emitK8s}): kubectl apply -f ${args.emitK8s}\n`);
      return;
    }
    const scenario = overrideScenario(asWritten, { target: args.target, model: args.model });
    const shard = args.shard === undefined ? undefined : parseShard(args.shard);
    const baseline = args.baseline === undefined ? undefined : await readResults(args.baseline, ['run']);
    const outBase = args.out ?? path.join('reports', 'results', `${path.basename(scenarioFile, path.extname(scenarioFile))}${shard ? `.shard-${shard.index}-of-${shard.count}` : ''}.json`);
    const variantCount = scenario.variants?.length ?? 1;
    const partialEveryMs = parseFlushEvery(args.flushEvery);
    // Read before the run, so a bad --quality-data or --model-file fails it at once (exit 2).
    const comparisonOptions = comparisonOptionsOf(args, args.modelsDir);
    const writers = new Map<string, ResultsWriter>();
    const writerFor = (file: string) => writers.get(file) ?? writers.set(file, new ResultsWriter(file)).get(file)!;
    const abort = new AbortController();
    const stop = () => abort.abort();
    process.once('SIGINT', stop).once('SIGTERM', stop);
    const progress = progressLine(args.quiet);
    let results: RunResults[];
    try {
      results = await runScenario(scenario, {
        scenarioFile,
        modelsDir: args.modelsDir,
        ...(shard ? { shard } : {}),
        logger: createLogger('warn', { component: 'run' }),
        signal: abort.signal,
        onProgress: (variant, phase, index, snapshot) => progress.update(variant, phase, index, scenario.phases.length, snapshot),
        partialEveryMs,
        ...(args.apiKey === undefined ? {} : { apiKey: args.apiKey }),
        onPartial: (partial) => void writerFor(outPathFor(outBase, partial.scenario.name.split('/')[1], variantCount)).write(partial),
      });
    } finally {
      progress.done();
      process.off('SIGINT', stop).off('SIGTERM', stop);
    }
    let failed = false;
    const written: { file: string; results: RunResults }[] = [];
    for (const result of results) {
      const variant = result.scenario.name.split('/')[1];
      const file = outPathFor(outBase, variant, variantCount);
      const writer = writerFor(file);
      await writer.write(result);
      await writer.flush();
      written.push({ file, results: result });
      const gate = baseline === undefined ? undefined : gateVerdict(baseline, result, args.maxRegression);
      printRunSummary(result, gate, file);
      await writeCiOutputs(result, gate, { junit: args.junit && outPathFor(args.junit, variant, variantCount), summaryMarkdown: args.summaryMd && outPathFor(args.summaryMd, variant, variantCount) });
      failed ||= gateExitCode(result.thresholds, gate) !== ExitCode.ok;
    }
    // `--no-report` reaches here as report: false (yargs negates any option so named).
    const report = args.report as string | false | undefined;
    const reportDir = report === false ? undefined : (report ?? (variantCount > 1 ? path.join('reports', path.basename(outBase, path.extname(outBase))) : undefined));
    if (reportDir !== undefined && written.length > 0) {
      const comparison =
        written.length > 1
          ? (await writeComparison(written.map(({ results }) => ({ label: variantLabel(results), results })), path.join(reportDir, 'comparison'), comparisonOptions)).comparison
          : undefined;
      const reports = await writeScenarioReports(written, reportDir, scenario.name, comparison);
      if (comparison !== undefined) process.stdout.write(`${comparison.headline}\n`);
      const index = reports.index;
      const page = reports.comparison;
      process.stdout.write(`report: ${page ?? index} (all reports: ${index})\n`);
    }
    if (abort.signal.aborted) process.exitCode = ExitCode.runtimeFailure;
    else if (failed) process.exitCode = ExitCode.gateFailed;
  },
};
