// Writes scenarios/schema.json from the scenario schema: `node --import tsx scenarios/generateSchema.ts`.
// A test fails when the committed file differs, so run this after changing the schema.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../harness/scenario/scenarioJsonSchema.ts';

const target = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema.json');
writeFileSync(target, scenarioJsonSchemaText());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
