import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { scenariosDir } from '../../../harness/scenario/loadScenario.ts';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../../harness/scenario/scenarioJsonSchema.ts';

describe('scenarios/schema.json', () => {
  it('is the schema generated from the zod schema (run: node --import tsx scenarios/generateSchema.ts)', () => {
    assert.equal(readFileSync(path.join(scenariosDir, 'schema.json'), 'utf8'), scenarioJsonSchemaText());
  });

  it('describes the file as written: strict objects, durations as strings, url or reference', () => {
    const schema = scenarioJsonSchema() as {
      additionalProperties: boolean;
      required: string[];
      properties: Record<string, { properties?: Record<string, { type?: string; default?: unknown }>; oneOf?: unknown }>;
    };
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.required, ['name', 'target', 'workload', 'phases']);
    assert.deepEqual(schema.properties.workload!.properties!.timeout!.default, '10s');
    assert.equal(schema.properties.workload!.properties!.timeout!.type, 'string');
    assert.deepEqual(schema.properties.target!.oneOf, [{ required: ['url'] }, { required: ['reference'] }]);
    assert.deepEqual(Object.keys(schema.properties.thresholds!.properties!), ['latency', 'error_rate', 'throughput', 'dropped']);
  });

  it('is named at the top of every shipped scenario, for editors', () => {
    for (const file of readdirSync(scenariosDir).filter((name) => name.endsWith('.yaml'))) {
      const firstLine = readFileSync(path.join(scenariosDir, file), 'utf8').split('\n')[0];
      assert.equal(firstLine, '# yaml-language-server: $schema=./schema.json', file);
    }
  });
});
