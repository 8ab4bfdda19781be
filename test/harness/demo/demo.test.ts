// `infercap demo --quick` end to end, as CI runs it: the whole pipeline on real servers, then its root
// index and every report it links opened in chromium.

import assert from 'node:assert/strict';
import { access, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { runInfercap } from '../../../harness/target/infercapProcess.ts';
import { launchChromium, openReportPage } from '../../support/reportBrowser.ts';
import { needs, skipsFor } from '../../support/requiredPrograms.ts';
import { useTempDir } from '../../support/tempDir.ts';

const temp = useTempDir('infercap-demo');

describe('infercap demo --quick', () => {
  let run: Awaited<ReturnType<typeof runInfercap>>;
  let out = '';
  let browser: Browser | undefined;

  before(async () => {
    out = path.join(temp.path(), 'demo');
    run = await runInfercap(['demo', '--quick', '--out', out]);
    if (!skipsFor('chromium')) browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  it('runs every step, prints the findings and where the reports are, and exits 0', () => {
    assert.equal(run.code, 0, run.stderr);
    for (let step = 1; step <= 7; step++) assert.match(run.stdout, new RegExp(`^\\[${step}/7\\] `, 'm'));
    assert.match(run.stdout, /^findings:$/m);
    assert.match(run.stdout, /^ {2}Capacity plan: diurnal-3-days: /m);
    assert.ok(run.stdout.includes(`open the reports: ${path.join(out, 'index.html')}`));
  });

  it('keeps every results file it reported on', async () => {
    const files = (await readdir(path.join(out, 'results'))).sort();
    // The fixed fleet is sized from this run's calibration, so its replica count is a measurement.
    assert.equal(files.filter((file) => /^simulation-fixed-\d+\.json$/.test(file)).length, 1);
    assert.deepEqual(
      files.filter((file) => !file.startsWith('simulation-fixed-')),
      [
        'batching-on-off-batching-off.json',
        'batching-on-off-batching-on.json',
        'calibration-sweep.json',
        'calibration.json',
        'fp32-vs-int8-fp32.json',
        'fp32-vs-int8-int8.json',
        'plan.json',
        'ramp.json',
        'simulation-hpa-cpu-60.json',
        'simulation-hpa-rps-70.json',
      ],
    );
  });

  it('links every report from its index, and each opens in chromium with its charts drawn and no error', needs('chromium'), async () => {
    const shots = path.join(temp.path(), 'screenshots');
    await mkdir(shots, { recursive: true });
    const index = await openReportPage(browser!, path.join(out, 'index.html'), path.join(shots, 'index.png'));
    assert.deepEqual(index.errors, []);
    const reports = index.links.filter((link) => link.endsWith('/index.html'));
    assert.equal(reports.length, 13);
    for (const link of reports) {
      const file = fileURLToPath(link);
      await access(file);
      const name = path.basename(path.dirname(file));
      const page = await openReportPage(browser!, file, path.join(shots, `${name}.png`));
      assert.ok(page.loaded, name);
      assert.deepEqual(page.errors, [], `${name}: no console errors`);
      assert.deepEqual(page.offMachine, [], `${name}: nothing requested off the machine`);
      assert.equal(page.scripts, 0, `${name}: no script`);
      assert.ok(page.chartSizes.length > 0, `${name} has charts`);
      for (const [width, height] of page.chartSizes) assert.ok(width > 100 && height > 50, `${name}: chart drawn at ${width}×${height}`);
    }
  });
});
