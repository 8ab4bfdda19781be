// npm run reliability — the reliability suite: fuzz (10,000 hostile requests among valid traffic),
// overload (5x measured capacity for 30 s), faults (SIGTERM under load, SIGKILL of 1 of 3 replicas,
// Redis killed mid-run) and harness durability (harness SIGKILLed, target killed), each against its own
// server process. Prints one table of figures with their goals and writes them to
// reports/reliability/reliability.json. RELIABILITY_SHORT=1 runs every part briefly.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createLogger } from '../common/log.ts';
import { reliabilitySchemaVersion, type ReliabilityResults } from '../harness/results/reliabilityResults.ts';
import { envelopeOf } from '../harness/results/resultsEnvelope.ts';
import { formatTable, reliabilityRows, verdictSummary } from './reliability/reliabilityTable.ts';
import { runReliabilitySuite } from './reliability/reliabilitySuite.ts';
import { defaultModelsDir, ensureModels } from '../models/index.ts';
import { redisServerAvailable, startRedisServer } from '../test/support/redisServer.ts';

const short = process.env.RELIABILITY_SHORT === '1';
const out = process.env.RELIABILITY_OUT ?? path.join('reports', 'reliability', 'reliability.json');
const log = createLogger('info', { component: 'reliability' });

await ensureModels(defaultModelsDir, log);
const started = new Date();
const figures = await runReliabilitySuite({
  modelsDir: defaultModelsDir,
  short,
  seed: 20_261_122,
  log,
  ...(redisServerAvailable() ? { startRedis: startRedisServer } : { redisMissing: 'redis-server is not installed (apt-get install -y redis-server)' }),
});
const rows = reliabilityRows(figures, short);
process.stdout.write(`\ninfercap reliability suite${short ? ' (short)' : ''}, ${started.toISOString()}\n\n${formatTable(rows)}\n`);
if (figures.fuzz !== undefined && figures.fuzz.examples.length > 0) {
  process.stdout.write(`\nunexpected fuzz answers (first ${figures.fuzz.examples.length}):\n${figures.fuzz.examples.map((e) => `  ${e}`).join('\n')}\n`);
}
await mkdir(path.dirname(out), { recursive: true });
const results: ReliabilityResults = { ...envelopeOf('reliability', reliabilitySchemaVersion), short, startedAt: started.toISOString(), rows, figures: { ...figures } };
await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`\nfigures: ${out}\n`);
const summary = verdictSummary(rows);
process.stdout.write(`${summary.line}\n`);
process.exitCode = summary.exitCode;
