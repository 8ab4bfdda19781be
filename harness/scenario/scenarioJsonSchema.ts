// scenarios/schema.json is generated from the scenario schema, never written by hand, so that what
// editors check and what `infercap run` accepts cannot drift apart.

import { z } from 'zod';
import { scenarioSchema } from './scenarioSchema.ts';

/** The JSON Schema (draft-07, the dialect editors support best) of a scenario file as written. */
export function scenarioJsonSchema(): Record<string, unknown> {
  // io: 'input' describes the file, not the parsed value: durations are strings, defaulted fields optional.
  return z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-7', unrepresentable: 'throw' });
}

/** The text of scenarios/schema.json: stable, two-space indented, with a final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
