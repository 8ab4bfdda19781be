import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isInfercapError } from '../../common/errors.ts';
import { parseReportInput, readReportInput } from '../../report/reportInput.ts';
import { useTempDir } from '../support/tempDir.ts';
import { recordPhase, resultsOf, syntheticOutcomes } from '../harness/results/syntheticRun.ts';

const temp = useTempDir('infercap-report-input');
const fixturePath = (name: string) => new URL(`../fixtures/report/${name}`, import.meta.url).pathname;
const usageError = (message: RegExp) => (error: unknown) => isInfercapError(error) && error.exitCode === 2 && message.test(error.message);

describe('readReportInput', () => {
  it('tells each kind of infercap file by its "kind" (none for run results of version 1)', async () => {
    for (const kind of ['sweep', 'calibration', 'simulation', 'plan'] as const) {
      assert.equal((await readReportInput(fixturePath(`${kind}.json`))).kind, kind);
    }
    const run = resultsOf([recordPhase({ name: 's', kind: 'open-loop', warmup: false, targetRate: 10, startMs: 0 }, syntheticOutcomes(10, 0, 1000), 1000)]);
    assert.equal(parseReportInput('run.json', JSON.parse(JSON.stringify(run))).kind, 'run');
  });

  it('names the file and the field that is wrong, with exit code 2', async () => {
    const sweep = JSON.parse(await readFile(fixturePath('sweep.json'), 'utf8'));
    sweep.points[2].level = 'four';
    assert.throws(() => parseReportInput('s.json', sweep), usageError(/^s\.json: points\[2\]\.level: /));
    assert.throws(() => parseReportInput('k.json', { tool: 'infercap', version: 1, kind: 'trace' }), usageError(/^k\.json: kind: "trace" is not a kind of results file infercap reads; .*a plan \(infercap plan\)/));
    assert.throws(() => parseReportInput('r.json', { tool: 'infercap', kind: 'reliability', schemaVersion: 1 }), usageError(/^r\.json: is reliability results \(npm run reliability\), expected run results \(infercap run\), a sweep .*, a comparison \(infercap compare\) or a sim-vs-real comparison \(infercap fidelity\)$/));
    assert.throws(() => parseReportInput('o.json', { tool: 'other', kind: 'plan' }), usageError(/^o\.json: tool: not an infercap results file/));
    const bad = path.join(temp.path(), 'bad.json');
    await writeFile(bad, '{ nope');
    await assert.rejects(readReportInput(bad), usageError(/bad\.json: not JSON/));
    await assert.rejects(readReportInput(path.join(temp.path(), 'missing.json')), usageError(/missing\.json: cannot read results file: no such file/));
  });
});
