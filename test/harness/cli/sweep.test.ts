import assert from 'node:assert/strict';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { runInfercap } from '../../../harness/target/infercapProcess.ts';
import { ensureTestModels } from '../../support/referenceServer.ts';
import { useTempDir } from '../../support/tempDir.ts';

const temp = useTempDir('infercap-sweep');
before(() => ensureTestModels());

describe('infercap sweep', () => {
  it('measures every level, marks the knee under the budget and writes a calibration', async () => {
    const out = path.join(temp.path(), 'sweep.json');
    const calibration = path.join(temp.path(), 'calibration.json');
    const { code, stdout, stderr } = await runInfercap(['sweep', 'smoke', '--concurrency', '1:4:x2', '--window', '1s', '--max-windows', '3', '--p99-budget', '10s', '--out', out, '--calibration', calibration]);
    assert.equal(code, 0, stderr);
    // The report goes beside the sweep's JSON, named after it.
    const page = path.join(temp.path(), 'sweep', 'index.html');
    assert.match(stdout, new RegExp(`report: ${page.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const html = await readFile(page, 'utf8');
    assert.match(html, /throughput/i);
    assert.match(html, /<svg/);
    const sweep = JSON.parse(await readFile(out, 'utf8'));
    assert.deepEqual(sweep.points.map((p: { level: number }) => p.level), [1, 2, 4]);
    assert.ok(sweep.points.every((p: { windows: number }) => p.windows >= 3 && p.windows <= 3));
    // With a budget no level can miss and no errors, every level is sustainable: the knee is the highest.
    assert.deepEqual(sweep.points.map((p: { sustainable: boolean }) => p.sustainable), [true, true, true]);
    assert.equal(sweep.knee.level, 4);
    const best = sweep.knee.throughput;
    assert.match(stdout, /◀ knee/);
    const calibrated = JSON.parse(await readFile(calibration, 'utf8'));
    assert.equal(calibrated.kind, 'calibration');
    assert.equal(calibrated.model, 'mnist-mlp');
    assert.equal(calibrated.maxSustainableThroughput, best);
    assert.equal(calibrated.serviceTimeMs.level, 1);
    assert.ok(calibrated.serviceTimeMs.p50 > 0);
  });

  it('writes no report with --no-report', async () => {
    const out = path.join(temp.path(), 'quiet.json');
    const { code, stdout, stderr } = await runInfercap(['sweep', 'smoke', '--concurrency', '1:1:x2', '--window', '1s', '--max-windows', '3', '--out', out, '--calibration', path.join(temp.path(), 'quiet-calibration.json'), '--no-report']);
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stdout, /report:/);
    await assert.rejects(access(path.join(temp.path(), 'quiet')), { code: 'ENOENT' });
  });

  it('refuses a malformed range with exit 2 before any traffic', async () => {
    const { code, stderr } = await runInfercap(['sweep', 'smoke', '--concurrency', '64:1:x2']);
    assert.equal(code, 2);
    assert.match(stderr, /--concurrency: the range must be positive and ascending/);
  });

  it('refuses --arrivals on a concurrency sweep and an --extend or --refine that is not a whole count, with exit 2', async () => {
    const arrivals = await runInfercap(['sweep', 'smoke', '--concurrency', '1:2:1', '--arrivals', 'poisson']);
    assert.equal(arrivals.code, 2);
    assert.equal(arrivals.stderr.trim(), 'infercap: --arrivals: spreads the requests of a --rate sweep; a --concurrency sweep sends each request as the last returns');
    const extend = await runInfercap(['sweep', 'smoke', '--rate', '1:2:1', '--extend', '1.5']);
    assert.equal(extend.code, 2);
    assert.equal(extend.stderr.trim(), 'infercap: --extend: must be a whole number of levels, 0 or more, got 1.5');
    const refine = await runInfercap(['sweep', 'smoke', '--rate', '1:2:1', '--refine', '-1']);
    assert.equal(refine.code, 2);
    assert.equal(refine.stderr.trim(), 'infercap: --refine: must be a whole number of levels, 0 or more, got -1');
  });
});
