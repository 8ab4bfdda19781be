import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { resultsKindNames } from '../../harness/results/resultsKinds.ts';
import { writeResultsAtomic } from '../../harness/results/resultsFile.ts';
import { computeComparison } from '../../harness/compare/computeComparison.ts';
import { writeComparisonReport } from '../../report/compare/writeComparisonReport.ts';
import { writeFidelityReport } from '../../report/fidelity/writeFidelityReport.ts';
import { html } from '../../report/html.ts';
import { readReportInput, reportedKinds, type ReportedKind, type ReportInput } from '../../report/reportInput.ts';
import { reportKinds, unreportedKinds } from '../../report/reportKinds.ts';
import { writeRunReport } from '../../report/run/writeRunReport.ts';
import { writePlanReport, writeSimulationReport } from '../../report/sim/writeSimReports.ts';
import { writeCalibrationReport, writeSweepReport } from '../../report/sweep/writeSweepReport.ts';
import { writeReports } from '../../report/writeReport.ts';
import { recordPhase, resultsOf, syntheticOutcomes } from '../harness/results/syntheticRun.ts';
import { useTempDir } from '../support/tempDir.ts';

const temp = useTempDir('infercap-report-kinds');
const fixtures = new URL('../fixtures/report/', import.meta.url).pathname;

/** Each kind's own writer, called directly: what the registry must dispatch to. */
const writers: { [K in ReportedKind]: (results: Extract<ReportInput, { kind: K }>, dir: string, source: string) => Promise<string> } = {
  run: (run, dir) => writeRunReport(run, dir),
  sweep: (sweep, dir) => writeSweepReport(sweep, dir),
  calibration: (calibration, dir) => writeCalibrationReport(calibration, dir),
  simulation: (simulation, dir) => writeSimulationReport(simulation, dir),
  plan: (plan, dir) => writePlanReport(plan, dir),
  comparison: (comparison, dir) => writeComparisonReport(comparison, dir),
  fidelity: (fidelity, dir) => writeFidelityReport(fidelity, dir),
};

/** A results file of every reported kind: the fixtures, and a run and a comparison made here. */
async function filesOfEveryKind(dir: string): Promise<Record<ReportedKind, string>> {
  const runOf = (count: number) =>
    resultsOf([recordPhase({ name: 'steady', kind: 'open', warmup: false, targetRate: 1000, startMs: 0 }, syntheticOutcomes(count, 0, 2000), 2000)]);
  const run = path.join(dir, 'run.json');
  await writeResultsAtomic(run, runOf(2000));
  const comparison = path.join(dir, 'comparison.json');
  await writeResultsAtomic(comparison, await computeComparison([{ label: 'a', results: runOf(2000) }, { label: 'b', results: runOf(1000) }]));
  const fixture = (kind: string) => path.join(fixtures, `${kind}.json`);
  return { run, sweep: fixture('sweep'), calibration: fixture('calibration'), simulation: fixture('simulation'), plan: fixture('plan'), comparison, fidelity: fixture('fidelity') };
}

describe('reportKinds', () => {
  it('has a report for every results kind but the ones said to have none, in the results registry order', () => {
    assert.deepEqual(reportedKinds, resultsKindNames.filter((kind) => !(unreportedKinds as readonly string[]).includes(kind)));
    assert.deepEqual(reportedKinds, ['run', 'sweep', 'calibration', 'simulation', 'plan', 'comparison', 'fidelity']);
    assert.deepEqual(unreportedKinds, ['reliability']);
    assert.deepEqual(
      reportedKinds.map((kind) => reportKinds[kind].label),
      ['Run', 'Sweep', 'Calibration', 'Simulation', 'Capacity plan', 'Comparison', 'Sim vs real'],
    );
  });

  it('writeReports gives each kind the page its own writer writes, and lists it under its label with its title and finding', async () => {
    const files = await filesOfEveryKind(temp.path());
    const out = path.join(temp.path(), 'out');
    const written = await writeReports(reportedKinds.map((kind) => files[kind]), out);
    assert.deepEqual(written.reports, reportedKinds.map((kind) => path.join(out, kind, 'index.html')));
    const index = await readFile(written.index, 'utf8');
    for (const kind of reportedKinds) {
      const results = await readReportInput(files[kind]);
      assert.equal(results.kind, kind);
      const direct = path.join(temp.path(), 'direct', kind);
      const page = await (writers[kind] as (r: ReportInput, d: string, s: string) => Promise<string>)(results, direct, files[kind]);
      assert.equal(await readFile(path.join(out, kind, 'index.html'), 'utf8'), await readFile(page, 'utf8'), `${kind}: the same page`);
      assert.deepEqual(await readdir(path.join(out, kind)), await readdir(direct), `${kind}: the same files`);
      const entry = reportKinds[kind] as unknown as { title(r: ReportInput): string; finding(r: ReportInput, s: string): { headline: string } };
      const row = html`<a href="${kind}/index.html">${entry.title(results)}</a></td><td class="text">${reportKinds[kind].label}</td><td class="text">${entry.finding(results, files[kind]).headline}</td>`;
      assert.ok(index.includes(String(row)), `${kind}: its index row`);
    }
  });
});
