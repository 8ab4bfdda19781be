import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runInfercap } from '../../../harness/target/infercapProcess.ts';
import type { RunResults } from '../../../harness/results/runResults.ts';
import { useTempDir } from '../../support/tempDir.ts';
import { syntheticRun } from '../gate/syntheticLoad.ts';

const temp = useTempDir('infercap-gate');

async function write(name: string, results: RunResults): Promise<string> {
  const file = path.join(temp.path(), `${name}.json`);
  await writeFile(file, JSON.stringify(results));
  return file;
}

describe('infercap gate', () => {
  it('exits 99 on 9 % fast 503s, naming the error rate, and 0 when the error margin allows them', async () => {
    const baseline = await write('base', syntheticRun({ seed: 1, seconds: 20 }));
    const shedding = await write('shed', syntheticRun({ seed: 2, seconds: 20, errorShare: 0.09, errorLatencyMs: 0.2 }));
    const failed = await runInfercap(['gate', '--baseline', baseline, '--current', shedding]);
    assert.equal(failed.code, 99, failed.stderr);
    assert.match(failed.stdout, /^Regression gate FAILED on error rate \(margins 10% for latency and throughput, 1 pp for error rate and dropped share\)$/m);
    assert.ok(failed.stdout.includes('\nerror rate: 0% → 8.8%, +8.80 pp (95% CI +7.70 pp … +9.85 pp): regression beyond the 1 pp margin\n'), failed.stdout);
    const allowed = await runInfercap(['gate', '--baseline', baseline, '--current', shedding, '--max-error-increase', '15%']);
    assert.equal(allowed.code, 0, allowed.stdout);
  });

  it('exits 2 with the differences when the phases are defined differently', async () => {
    const baseline = await write('base-200', syntheticRun({ seed: 1, seconds: 10 }));
    const faster = await write('cur-300', syntheticRun({ seed: 2, seconds: 10, definition: { rate: 300 } }));
    const { code, stderr } = await runInfercap(['gate', '--baseline', baseline, '--current', faster]);
    assert.equal(code, 2);
    assert.match(stderr, /define their phases differently \(steady: rate 200 in the baseline, 300 in the current run\)/);
    const bad = await runInfercap(['gate', '--baseline', baseline, '--current', baseline, '--max-error-increase', 'lots']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--max-error-increase: expected a share such as 10% or 0\.1/);
  });
});
