import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readResults } from '../../../harness/results/resultsFile.ts';
import { ResultsWriter } from '../../../harness/results/resultsWriter.ts';
import { useTempDir } from '../../support/tempDir.ts';
import { recordPhase, resultsOf, syntheticOutcomes } from './syntheticRun.ts';

const syntheticRun = () =>
  resultsOf([recordPhase({ name: 'steady', kind: 'open-loop', warmup: false, targetRate: 100, startMs: 0 }, syntheticOutcomes(50, 0, 500), 500)]);

const temp = useTempDir('infercap-writer');

describe('ResultsWriter', () => {
  it('leaves the last version written, whatever the timing of earlier ones', async () => {
    const file = path.join(temp.path(), 'run.json');
    const writer = new ResultsWriter(file);
    const versions = Array.from({ length: 20 }, (_, i) => ({ ...syntheticRun(), complete: i === 19, durationMs: i }));
    for (const version of versions) void writer.write(version);
    await writer.flush();
    const read = await readResults(file, ['run']);
    assert.equal(read.complete, true);
    assert.equal(read.durationMs, 19);
  });

  it('reports a failed write on flush', async () => {
    const writer = new ResultsWriter(path.join(temp.path(), 'missing-parent', '\0bad.json'));
    await writer.write(syntheticRun());
    await assert.rejects(writer.flush());
  });
});
