// Writes scenarios/results/<kind>.schema.json from the results schemas: `node --import tsx scenarios/results/generateSchemas.ts`.
// A test fails when a committed file differs, so run this after changing a results schema.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishedResultsSchemas, resultsJsonSchemaText } from '../../harness/results/resultsJsonSchemas.ts';

const dir = path.dirname(fileURLToPath(import.meta.url));
for (const kind of Object.keys(publishedResultsSchemas) as (keyof typeof publishedResultsSchemas)[]) {
  const target = path.join(dir, `${kind}.schema.json`);
  writeFileSync(target, resultsJsonSchemaText(kind));
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
