// The published JSON Schemas of results files (scenarios/results/<kind>.schema.json), generated from the
// registry's zod schemas that validate them, so that what other tools are told and what infercap reads cannot drift.

import { z } from 'zod';
import { resultsKinds, type ResultsKindName } from './resultsKinds.ts';

/** Every results kind's schema, by kind (the file's base name). */
export const publishedResultsSchemas: { readonly [K in ResultsKindName]: (typeof resultsKinds)[K]['schema'] } = Object.fromEntries(
  Object.entries(resultsKinds).map(([kind, entry]) => [kind, entry.schema]),
) as never;

/** The text of scenarios/results/<kind>.schema.json: draft-07, two-space indented, with a final newline. */
export function resultsJsonSchemaText(kind: ResultsKindName): string {
  const schema = z.toJSONSchema(resultsKinds[kind].schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
  return `${JSON.stringify({ title: `infercap ${kind} results`, ...schema }, null, 2)}\n`;
}
