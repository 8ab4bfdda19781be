import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { publishedResultsSchemas, resultsJsonSchemaText } from '../../../harness/results/resultsJsonSchemas.ts';
import { scenariosDir } from '../../../harness/scenario/loadScenario.ts';

describe('scenarios/results/<kind>.schema.json', () => {
  it('is what the results schemas generate (run scenarios/results/generateSchemas.ts after changing one)', () => {
    for (const kind of Object.keys(publishedResultsSchemas) as (keyof typeof publishedResultsSchemas)[]) {
      assert.equal(readFileSync(path.join(scenariosDir, 'results', `${kind}.schema.json`), 'utf8'), resultsJsonSchemaText(kind), kind);
    }
  });

  it('names the kind it describes and requires its envelope', () => {
    const schema = JSON.parse(resultsJsonSchemaText('comparison')) as { title: string; properties: Record<string, { const?: unknown }>; required: string[] };
    assert.equal(schema.title, 'infercap comparison results');
    assert.equal(schema.properties['kind']!.const, 'comparison');
    for (const field of ['kind', 'tool', 'schemaVersion', 'createdAt', 'toolVersion', 'environment']) assert.ok(schema.required.includes(field), field);
  });
});
