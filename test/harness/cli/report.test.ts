import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { runInfercap } from '../../../harness/target/infercapProcess.ts';
import { ensureTestModels } from '../../support/referenceServer.ts';
import { useTempDir } from '../../support/tempDir.ts';

const temp = useTempDir('infercap-report');
before(() => ensureTestModels());

describe('infercap report (process)', () => {
  it('turns the results of a real run into a self-contained HTML page with inline SVG charts', async () => {
    const results = path.join(temp.path(), 'smoke.json');
    assert.equal((await runInfercap(['run', 'smoke', '--out', results, '--quiet'])).code, 0);
    const out = path.join(temp.path(), 'reports');
    const { code, stdout } = await runInfercap(['report', results, '--out', out]);
    assert.equal(code, 0);
    assert.match(stdout, /index: /);
    const page = await readFile(path.join(out, 'smoke', 'index.html'), 'utf8');
    assert.ok((page.match(/<svg/g) ?? []).length >= 3);
    assert.doesNotMatch(page, /<script|https?:\/\/cdn/i);
    assert.match(await readFile(path.join(out, 'index.html'), 'utf8'), /href="smoke\/index.html"/);
  });

  it('exits 2 for a file that is not results', async () => {
    const { code, stderr } = await runInfercap(['report', path.join(temp.path(), 'missing.json'), '--out', temp.path()]);
    assert.equal(code, 2);
    assert.match(stderr, /missing\.json: cannot read results file/);
  });
});
