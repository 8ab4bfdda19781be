// Reads any file infercap writes and says what it is: run results (no "kind"), a sweep, a calibration,
// a simulation, a plan or a comparison, each validated by its own schema, so `infercap report` writes the right report.

import type { z } from 'zod';
import { invalidResults } from '../common/errors.ts';
import { parseResults, readJsonFile } from '../harness/results/resultsFile.ts';
import { comparisonResultsSchema, type ComparisonResults } from '../harness/results/comparisonResults.ts';
import type { RunResults } from '../harness/results/runResults.ts';
import { planResultsSchema, type PlanResults } from '../simulator/plan/planResults.ts';
import { simulationResultsSchema, type SimulationResults } from '../simulator/simulate/simulationResults.ts';
import { calibrationFileSchema, sweepFileSchema, type CalibrationFile, type SweepFile } from '../harness/results/sweepResults.ts';

/** A file to report on, by kind. */
export type ReportInput =
  | { readonly kind: 'run'; readonly results: RunResults }
  | { readonly kind: 'sweep'; readonly sweep: SweepFile }
  | { readonly kind: 'calibration'; readonly calibration: CalibrationFile }
  | { readonly kind: 'simulation'; readonly simulation: SimulationResults }
  | { readonly kind: 'plan'; readonly plan: PlanResults }
  | { readonly kind: 'comparison'; readonly comparison: ComparisonResults };

/** The kinds a results file can declare, and the command that writes each. */
const kinds = { sweep: 'infercap sweep', calibration: 'infercap sweep', simulation: 'infercap simulate', plan: 'infercap plan', comparison: 'infercap compare' } as const;

/** `points[2].level`-style path of a zod issue; undefined at the top level. */
function fieldOf(issue: z.core.$ZodIssue): string | undefined {
  let path = '';
  for (const key of issue.path) path += typeof key === 'number' ? `[${key}]` : path === '' ? String(key) : `.${String(key)}`;
  return path === '' ? undefined : path;
}

function validate<T>(path: string, schema: z.ZodType<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const [first, ...rest] = parsed.error.issues;
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})`;
  throw invalidResults(path, fieldOf(first!), `${first!.message}${more}`);
}

/** Validates already-parsed JSON `data` from `path` by the schema of the kind it declares. */
export function parseReportInput(path: string, data: unknown): ReportInput {
  const record = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  const kind = record?.['kind'];
  if (record === undefined || kind === undefined) return { kind: 'run', results: parseResults(path, data) };
  if (record['tool'] !== 'infercap') throw invalidResults(path, 'tool', 'not an infercap file (expected "tool": "infercap")');
  switch (kind) {
    case 'sweep':
      return { kind: 'sweep', sweep: validate(path, sweepFileSchema, data) };
    case 'calibration':
      return { kind: 'calibration', calibration: validate(path, calibrationFileSchema, data) };
    case 'simulation':
      return { kind: 'simulation', simulation: validate(path, simulationResultsSchema, data) };
    case 'plan':
      return { kind: 'plan', plan: validate(path, planResultsSchema, data) };
    case 'comparison':
      return { kind: 'comparison', comparison: validate(path, comparisonResultsSchema, data) };
    default:
      throw invalidResults(
        path,
        'kind',
        `"${String(kind)}" is not a kind of file infercap reports on; it reads run results (infercap run) and ${Object.entries(kinds).map(([k, command]) => `"${k}" (${command})`).join(', ')}`,
      );
  }
}

/** Reads and validates the file at `path`; throws an InfercapError (exit code 2) naming the file and field. */
export async function readReportInput(path: string): Promise<ReportInput> {
  return parseReportInput(path, await readJsonFile(path, 'a file written by infercap run, sweep, simulate, plan or compare'));
}
