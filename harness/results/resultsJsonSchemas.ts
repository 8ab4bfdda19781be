// The published JSON Schemas of results files (scenarios/results/<kind>.schema.json), generated from the
// zod schemas that validate them, so that what other tools are told and what infercap reads cannot drift.

import { z } from 'zod';
import { planResultsSchema } from '../../simulator/plan/planResults.ts';
import { simulationResultsSchema } from '../../simulator/simulate/simulationResults.ts';
import { comparisonResultsSchema } from './comparisonResults.ts';
import { runResultsSchema } from './runResults.ts';
import { calibrationFileSchema, sweepFileSchema } from './sweepResults.ts';

/** Results kinds whose schema is published, by file name. */
export const publishedResultsSchemas = {
  run: runResultsSchema,
  comparison: comparisonResultsSchema,
  simulation: simulationResultsSchema,
  plan: planResultsSchema,
  sweep: sweepFileSchema,
  calibration: calibrationFileSchema,
} as const;

/** The text of scenarios/results/<kind>.schema.json: draft-07, two-space indented, with a final newline. */
export function resultsJsonSchemaText(kind: keyof typeof publishedResultsSchemas): string {
  const schema = z.toJSONSchema(publishedResultsSchemas[kind], { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
  return `${JSON.stringify({ title: `infercap ${kind} results`, ...schema }, null, 2)}\n`;
}
