// Every kind of report opened from disk in a real browser (Debian's chromium, driven by playwright-core):
// no console error, no request off the machine, every chart an SVG of non-zero size, a screenshot saved.

import assert from 'node:assert/strict';
import { access, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { report } from '../../harness/cli/commands/report.ts';
import { writeResultsAtomic } from '../../harness/results/resultsFile.ts';
import { compareRuns } from '../../harness/compare/compareRuns.ts';

const pageOf = async (...args: Parameters<typeof compareRuns>) => (await compareRuns(...args)).page;
import { launchChromium, openReportPage } from '../support/reportBrowser.ts';
import { needs, skipsFor } from '../support/requiredPrograms.ts';
import { useTempDir } from '../support/tempDir.ts';
import { recordPhase, resultsOf, syntheticOutcomes } from '../harness/results/syntheticRun.ts';

const temp = useTempDir('infercap-browser');

let browser: Browser | undefined;
let pages: { name: string; file: string; charts: number }[] = [];
/** Screenshots go to $INFERCAP_TEST_OUTPUT/report-screenshots when set (CI keeps them), else into the test's temporary folder. */
let screenshots = '';

function syntheticRun(name: string, count: number) {
  const warmup = recordPhase({ name: 'warmup', kind: 'open-loop', warmup: true, targetRate: 500, startMs: 0 }, syntheticOutcomes(500, 0, 1000), 1000);
  const steady = recordPhase({ name: 'steady', kind: 'open-loop', warmup: false, targetRate: count / 3, startMs: 1000 }, syntheticOutcomes(count, 1000, 3000), 4000);
  const results = resultsOf([warmup, steady]);
  results.scenario = { ...results.scenario, name };
  return results;
}

describe('reports in a browser', () => {
  before(async () => {
    if (skipsFor('chromium')) return;
    const out = path.join(temp.path(), 'reports');
    screenshots = process.env['INFERCAP_TEST_OUTPUT'] ? path.join(process.env['INFERCAP_TEST_OUTPUT'], 'report-screenshots') : path.join(temp.path(), 'screenshots');
    await mkdir(screenshots, { recursive: true });
    const runFile = path.join(temp.path(), 'run.json');
    await writeResultsAtomic(runFile, syntheticRun('<script>alert(1)</script>', 3000));
    const fixtures = ['sweep', 'calibration', 'simulation', 'plan'].map((kind) => new URL(`../fixtures/report/${kind}.json`, import.meta.url).pathname);
    const written = await report([runFile, ...fixtures], out);
    const compare = await pageOf([{ label: 'a', results: syntheticRun('a', 3000) }, { label: 'b', results: syntheticRun('b', 2000) }], path.join(out, 'compare'));
    pages = [
      { name: 'index', file: written.index, charts: 0 },
      { name: 'run', file: written.reports[0]!, charts: 5 },
      { name: 'sweep', file: written.reports[1]!, charts: 2 },
      { name: 'calibration', file: written.reports[2]!, charts: 2 },
      { name: 'simulation', file: written.reports[3]!, charts: 4 },
      { name: 'plan', file: written.reports[4]!, charts: 5 },
      { name: 'comparison', file: compare, charts: 2 },
    ];
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  it('opens every report from disk with no console error, no request off the machine, and every chart drawn', needs('chromium'), async (t) => {
    for (const { name, file, charts } of pages) {
      const shot = path.join(screenshots, `${name}.png`);
      const page = await openReportPage(browser!, file, shot);
      assert.ok(page.loaded, `${name} loads`);
      assert.equal(page.chartSizes.length, charts, `${name}: every chart is an inline SVG`);
      for (const [width, height] of page.chartSizes) assert.ok(width > 100 && height > 50, `${name}: chart drawn at ${width}×${height}`);
      assert.equal(page.scripts, 0, `${name} has no script`);
      assert.ok((await stat(shot)).size > 10_000, `${name}: screenshot saved`);
      assert.deepEqual(page.errors, [], `${name}: no console errors`);
      assert.deepEqual(page.offMachine, [], `${name}: nothing requested off the machine`);
    }
    t.diagnostic(`screenshots in ${screenshots}`);
  });

  it('shows the hostile scenario name as text in the page, not as a script', needs('chromium'), async () => {
    const page = await browser!.newPage();
    try {
      await page.goto(pathToFileURL(pages.find((p) => p.name === 'run')!.file).href);
      assert.equal(await page.textContent('h1'), '<script>alert(1)</script>');
    } finally {
      await page.close();
    }
  });

  it('links every report from the root index to a page that exists', needs('chromium'), async () => {
    const page = await browser!.newPage();
    try {
      const index = pages.find((p) => p.name === 'index')!.file;
      await page.goto(pathToFileURL(index).href);
      const links = await page.$$eval('table.reports a', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
      assert.equal(links.length, 5);
      for (const link of links) await access(new URL(link));
    } finally {
      await page.close();
    }
  });
});
