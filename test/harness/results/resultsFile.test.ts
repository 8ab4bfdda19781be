import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InfercapError } from '../../../common/errors.ts';
import { readResults, writeResultsAtomic } from '../../../harness/results/resultsFile.ts';
import type { ResultsKindName } from '../../../harness/results/resultsKinds.ts';
import { recordPhase, resultsOf, syntheticOutcomes } from './syntheticRun.ts';

const results = resultsOf([
  recordPhase({ name: 'steady', kind: 'open-loop', warmup: false, targetRate: 500, startMs: 0 }, syntheticOutcomes(1000, 0, 2000), 2000),
]);

describe('results files', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'infercap-results-'));
  after(() => rm(dir, { recursive: true, force: true }));

  /** Writes `content` (JSON unless a string) and expects readResults to fail with `code` and a message matching `pattern`. */
  async function assertRejected(name: string, content: unknown, code: string, pattern: RegExp, kinds: readonly ResultsKindName[] = ['run']): Promise<void> {
    const path = join(dir, name);
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
    await assert.rejects(readResults(path, kinds), (error: unknown) => {
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
    assert.deepEqual(await readResults(path, ['run']), { ...results, complete: false });
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
    await assert.rejects(readResults(path, ['run']), (error: unknown) =>
      error instanceof InfercapError && error.code === 'E_RESULTS_UNREADABLE' && error.exitCode === 2 && error.message === `${path}: cannot read results file: no such file`);
  });

  it('refuses a file that is not JSON, or not infercap results, or of another version', async () => {
    await assertRejected('text.json', 'p95: 12ms', 'E_INVALID_RESULTS', /\.json: not JSON/);
    await assertRejected('package.json', { name: 'infercap', version: '0.1.0' }, 'E_INVALID_RESULTS', /tool: not an infercap results file/);
    await assertRejected('array.json', [1, 2], 'E_INVALID_RESULTS', /tool: not an infercap results file/);
    await assertRejected('future.json', { ...results, schemaVersion: 3 }, 'E_RESULTS_VERSION', /future\.json: run results written by infercap schemaVersion 3; this infercap reads schemaVersion 2: use a newer infercap to read it$/);
  });

  it('says what a file of another kind is, and what was expected', async () => {
    const plan = { tool: 'infercap', kind: 'plan', schemaVersion: 2 };
    await assertRejected('plan.json', plan, 'E_RESULTS_KIND', /plan\.json: is a plan \(infercap plan\), expected run results \(infercap run\)$/);
    const path = join(dir, 'plan.json');
    await assert.rejects(readResults(path, ['calibration', 'sweep']), { message: `${path}: is a plan (infercap plan), expected a calibration (infercap sweep) or a sweep (infercap sweep)` });
    await assertRejected('trace.json', { tool: 'infercap', kind: 'trace' }, 'E_RESULTS_KIND', /kind: "trace" is not a kind of results file infercap reads; it reads run results \(infercap run\), a sweep .* and reliability results \(npm run reliability\)$/);
  });

  it('reads run results of version 1 (no kind, no envelope): the envelope from the run, its target unresolved', async () => {
    const { kind: _kind, schemaVersion: _version, createdAt: _created, toolVersion: _tool, ...rest } = results;
    const path = join(dir, 'v1.json');
    await writeFile(path, JSON.stringify({ version: 1, ...rest, target: { url: results.target.url, kind: 'url' } }));
    assert.deepEqual(await readResults(path, ['run']), { ...results, createdAt: results.startedAt, toolVersion: 'unknown', target: { ...results.target, resolved: null } });
  });

  it('refuses files of version 1 that did not record the machine, naming the command that writes them again', async () => {
    const calibration = { version: 1, tool: 'infercap', kind: 'calibration', model: 'mnist-mlp' };
    await assertRejected('calibration.json', calibration, 'E_RESULTS_VERSION', /calibration\.json: a calibration written by infercap schemaVersion 1; this infercap reads schemaVersion 2: write it again with infercap sweep$/, ['calibration']);
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
