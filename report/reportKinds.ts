// The one registry of report kinds: for each results kind `infercap report` reads, its name in the
// index, the title and one-line finding of a report, and how the report is written. writeReport.ts,
// the index and the results reader (reportInput.ts) all go by it. Adding a report kind: its folder
// under report/ and one line here; the type checker refuses a results kind (harness/results/resultsKinds.ts)
// that has neither a line here nor a place in `unreportedKinds`.

import type { ResultsKindName, ResultsOf } from '../harness/results/resultsKinds.ts';
import { writeComparisonReport } from './compare/writeComparisonReport.ts';
import { fidelityFinding, fidelityTitle } from './fidelity/fidelityPage.ts';
import { writeFidelityReport } from './fidelity/writeFidelityReport.ts';
import { calibrationFinding, planFinding, runFinding, simulationFinding, sweepFinding, type Finding } from './reportHeadlines.ts';
import { writeRunReport } from './run/writeRunReport.ts';
import { writePlanReport, writeSimulationReport } from './sim/writeSimReports.ts';
import { writeCalibrationReport, writeSweepReport } from './sweep/writeSweepReport.ts';

/** Results kinds with no report page: reliability results are read by `npm run reliability` alone. */
export const unreportedKinds = ['reliability'] as const satisfies readonly ResultsKindName[];

/** Every other results kind has a report. */
export type ReportedKind = Exclude<ResultsKindName, (typeof unreportedKinds)[number]>;

/** How a report of one results kind is named, summed up and written. */
export interface ReportKind<T> {
  /** The kind's name in the index's Kind column. */
  readonly label: string;
  /** The report's title in the index. */
  title(results: T): string;
  /** The finding of `results`, read from `source`. */
  finding(results: T, source: string): Finding;
  /** Writes the report into `dir` (created if needed); returns its index.html. */
  write(results: T, dir: string, source: string): Promise<string>;
}

// Every function is called through a closure, so the order modules load in (writeReport.ts and
// compare/ import each other) never matters.
export const reportKinds: { readonly [K in ReportedKind]: ReportKind<ResultsOf<K>> } = {
  run: {
    label: 'Run',
    title: (run) => run.scenario.name,
    finding: (run) => runFinding(run),
    write: (run, dir) => writeRunReport(run, dir),
  },
  sweep: { label: 'Sweep', title: (sweep) => `Sweep: ${sweep.scenario}`, finding: (sweep) => sweepFinding(sweep), write: (sweep, dir) => writeSweepReport(sweep, dir) },
  calibration: {
    label: 'Calibration',
    title: (calibration) => `Calibration: ${calibration.model}${calibration.modelVersion === undefined ? '' : `/${calibration.modelVersion}`}`,
    finding: (calibration) => calibrationFinding(calibration),
    write: (calibration, dir) => writeCalibrationReport(calibration, dir),
  },
  simulation: {
    label: 'Simulation',
    title: (simulation) => `${simulation.trace.name} under ${simulation.policy.name}`,
    finding: (simulation) => simulationFinding(simulation),
    write: (simulation, dir) => writeSimulationReport(simulation, dir),
  },
  plan: { label: 'Capacity plan', title: (plan) => `Capacity plan: ${plan.trace.name}`, finding: (plan) => planFinding(plan), write: (plan, dir) => writePlanReport(plan, dir) },
  comparison: {
    label: 'Comparison',
    title: (comparison) => `Comparison: ${comparison.variants.map((v) => v.label).join(' vs ')}`,
    // Variants differ on purpose: the gate's verdict on them is information, not a pass or a failure.
    finding: (comparison) => ({ headline: comparison.headline }),
    write: (comparison, dir) => writeComparisonReport(comparison, dir),
  },
  fidelity: { label: 'Sim vs real', title: (fidelity) => fidelityTitle(fidelity), finding: (fidelity) => fidelityFinding(fidelity), write: (fidelity, dir) => writeFidelityReport(fidelity, dir) },
};

/** The reported kinds, in registry order (the order the results reader names them in). */
export const reportedKinds = Object.keys(reportKinds) as ReportedKind[];

/** A results file with a report. */
type Reported = ResultsOf<ReportedKind>;

/** The entry of `results`' kind (TypeScript cannot correlate the union with the mapped type by itself). */
export const reportKindOf = (results: Reported): ReportKind<Reported> => reportKinds[results.kind] as unknown as ReportKind<Reported>;
