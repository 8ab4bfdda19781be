import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InfercapError } from '../../../common/errors.ts';
import { readResults, writeResultsAtomic } from '../../../harness/results/resultsFile.ts';
import { recordPhase, resultsOf, syntheticOutcomes } from './syntheticRun.ts';

const results = resultsOf([
  recordPhase({ name: 'steady', kind: 'open-loop', warmup: false, targetRate: 500, startMs: 0 }, syntheticOutcomes(1000, 0, 2000), 2000),
]);

describe('results files', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'infercap-results-'));
  after(() => rm(dir, { recursive: true, force: true }));

  /** Writes `content` (JSON unless a string) and expects readResults to fail with `code` and a message matching `pattern`. */
  async function assertRejected(name: string, content: unknown, code: string, pattern: RegExp): Promise<void> {
    const path = join(dir, name);
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
    await assert.rejects(readResults(path), (error: unknown) => {
      assert.ok(error instanceof InfercapError);
      assert.equal(error.code, code);
      assert.equal(error.exitCode, 2);
      assert.ok(error.message.startsWith(`${path}: `), error.message);
      assert.match(error.message, pattern);
      return true;
    });
  }

  it('writes atomically into a new directory and reads back the same results', async () => {
    const path = join(dir, 'out', 'run.json');
    await writeResultsAtomic(path, results);
    await writeResultsAtomic(path, { ...results, complete: false });
    assert.deepEqual(await readResults(path), { ...results, complete: false });
    assert.deepEqual(await readdir(join(dir, 'out')), ['run.json']);
    assert.ok((await readFile(path, 'utf8')).endsWith('}\n'));
  });

  it('leaves no temporary file when the write fails', async () => {
    await writeFile(join(dir, 'taken'), '');
    await assert.rejects(writeResultsAtomic(join(dir, 'taken', 'run.json'), results));
    await assert.rejects(writeResultsAtomic(dir, results));
    assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.tmp')), []);
  });

  it('names a missing file', async () => {
    const path = join(dir, 'missing.json');
    await assert.rejects(readResults(path), (error: unknown) =>
      error instanceof InfercapError && error.code === 'E_RESULTS_UNREADABLE' && error.exitCode === 2 && error.message === `${path}: cannot read results file: no such file`);
  });

  it('refuses a file that is not JSON, or not infercap results, or of another version', async () => {
    await assertRejected('text.json', 'p95: 12ms', 'E_INVALID_RESULTS', /\.json: not JSON/);
    await assertRejected('package.json', { name: 'infercap', version: '0.1.0' }, 'E_INVALID_RESULTS', /tool: not an infercap results file/);
    await assertRejected('array.json', [1, 2], 'E_INVALID_RESULTS', /tool: not an infercap results file/);
    await assertRejected('future.json', { ...results, version: 2 }, 'E_INVALID_RESULTS', /version: results version 2 is not supported; this infercap reads version 1/);
  });

  it('names the field that is wrong', async () => {
    const [phase] = results.phases;
    const broken = { ...results, phases: [{ ...phase, latency: { ...phase!.latency, p50: 'fast' } }] };
    await assertRejected('broken.json', broken, 'E_INVALID_RESULTS', /: phases\[0\]\.latency\.p50: .*expected number/);
    const { overall: _overall, ...missing } = results;
    await assertRejected('missing.json', missing, 'E_INVALID_RESULTS', /: overall: /);
    await assertRejected('extra.json', { ...results, colour: 'red' }, 'E_INVALID_RESULTS', /extra\.json: .*"colour"/);
  });
});
