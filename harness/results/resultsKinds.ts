// The one registry of results kinds: each kind's schema (also its TypeScript type), its schema version,
// the command that writes it, and how files from before its current version are upgraded. Every reader
// of a results file goes through it (readResults.ts); the published JSON Schemas are generated from it.
// A new kind is one schema file and one line here.

import type { z } from 'zod';
import { planResultsSchema, planSchemaVersion } from '../../simulator/plan/planResults.ts';
import { simulationResultsSchema, simulationSchemaVersion } from '../../simulator/simulate/simulationResults.ts';
import { fidelityResultsSchema, fidelitySchemaVersion } from '../fidelity/fidelityResults.ts';
import { comparisonResultsSchema, comparisonSchemaVersion } from './comparisonResults.ts';
import { upgradeComparisonV1, upgradeReliabilityV0, upgradeRunV1, upgradeSweepV1 } from './legacyResults.ts';
import { reliabilityResultsSchema, reliabilitySchemaVersion } from './reliabilityResults.ts';
import { runResultsSchema, runSchemaVersion } from './runResults.ts';
import { calibrationFileSchema, calibrationSchemaVersion, sweepFileSchema, sweepSchemaVersion } from './sweepResults.ts';

export interface ResultsKind<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  readonly schemaVersion: number;
  /** What the file is, after "is": `a plan`. */
  readonly noun: string;
  /** The command that writes it. */
  readonly writtenBy: string;
  /** Older files this infercap still reads, by the version they declare (`none`: no version at all), upgraded to the current one. */
  readonly upgrades?: Readonly<Record<string, (data: Record<string, unknown>) => unknown>>;
}

const kind = <S extends z.ZodType>(entry: ResultsKind<S>) => entry;

export const resultsKinds = {
  run: kind({ schema: runResultsSchema, schemaVersion: runSchemaVersion, noun: 'run results', writtenBy: 'infercap run', upgrades: { '1': upgradeRunV1 } }),
  sweep: kind({ schema: sweepFileSchema, schemaVersion: sweepSchemaVersion, noun: 'a sweep', writtenBy: 'infercap sweep', upgrades: { '1': upgradeSweepV1 } }),
  calibration: kind({ schema: calibrationFileSchema, schemaVersion: calibrationSchemaVersion, noun: 'a calibration', writtenBy: 'infercap sweep' }),
  simulation: kind({ schema: simulationResultsSchema, schemaVersion: simulationSchemaVersion, noun: 'a simulation', writtenBy: 'infercap simulate' }),
  plan: kind({ schema: planResultsSchema, schemaVersion: planSchemaVersion, noun: 'a plan', writtenBy: 'infercap plan' }),
  comparison: kind({ schema: comparisonResultsSchema, schemaVersion: comparisonSchemaVersion, noun: 'a comparison', writtenBy: 'infercap compare', upgrades: { '1': upgradeComparisonV1 } }),
  fidelity: kind({ schema: fidelityResultsSchema, schemaVersion: fidelitySchemaVersion, noun: 'a sim-vs-real comparison', writtenBy: 'infercap fidelity' }),
  reliability: kind({ schema: reliabilityResultsSchema, schemaVersion: reliabilitySchemaVersion, noun: 'reliability results', writtenBy: 'npm run reliability', upgrades: { none: upgradeReliabilityV0 } }),
} as const;

export type ResultsKindName = keyof typeof resultsKinds;
/** The validated contents of a results file of kind `K`. */
export type ResultsOf<K extends ResultsKindName> = z.output<(typeof resultsKinds)[K]['schema']>;
/** Any results file. */
export type AnyResults = ResultsOf<ResultsKindName>;

export const resultsKindNames = Object.keys(resultsKinds) as ResultsKindName[];

export function isResultsKind(name: unknown): name is ResultsKindName {
  return typeof name === 'string' && Object.hasOwn(resultsKinds, name);
}

/** `a plan (infercap plan)`. */
export function describeKind(name: ResultsKindName): string {
  const { noun, writtenBy } = resultsKinds[name];
  return `${noun} (${writtenBy})`;
}
