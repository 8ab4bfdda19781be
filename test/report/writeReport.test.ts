import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isInfercapError } from '../../common/errors.ts';
import { report } from '../../harness/cli/commands/report.ts';
import { writeResultsAtomic } from '../../harness/results/resultsFile.ts';
import type { RunResults } from '../../harness/results/runResults.ts';
import { reportDirName, uniqueNames } from '../../report/writeReport.ts';
import { useTempDir } from '../support/tempDir.ts';
import { recordPhase, resultsOf, syntheticOutcomes } from '../harness/results/syntheticRun.ts';

const temp = useTempDir('infercap-report');

function syntheticResults(scenarioName: string, phaseName = 'steady'): RunResults {
  const warmup = recordPhase({ name: 'warmup', kind: 'open-loop', warmup: true, targetRate: 500, startMs: 0 }, syntheticOutcomes(500, 0, 1000), 1000);
  const steady = recordPhase({ name: phaseName, kind: 'open-loop', warmup: false, targetRate: 1000, startMs: 1000 }, syntheticOutcomes(3000, 1000, 3000), 4000);
  const results = resultsOf([warmup, steady]);
  results.scenario = { ...results.scenario, name: scenarioName };
  results.thresholds = [
    { metric: 'latency', expression: 'p(95) < 5s', observed: results.overall.latency.p95, passed: true },
    { metric: 'error_rate', expression: '< 1%', observed: results.overall.errorRate, passed: false, reason: 'observed above <1%' },
  ];
  return results;
}

async function writeSynthetic(name: string, results: RunResults): Promise<string> {
  const file = path.join(temp.path(), `${name}.json`);
  await writeResultsAtomic(file, results);
  return file;
}

describe('infercap report', () => {
  it('writes a report with inline SVG charts, the headline numbers, and each chart spec and data next to it', async () => {
    const results = syntheticResults('steady-load');
    const file = await writeSynthetic('steady', results);
    const out = path.join(temp.path(), 'out');
    const written = await report([file], out);
    assert.deepEqual(written, { index: path.join(out, 'index.html'), reports: [path.join(out, 'steady', 'index.html')] });

    const page = await readFile(written.reports[0]!, 'utf8');
    assert.ok((page.match(/<svg/g) ?? []).length >= 4, 'latency, rate, distribution and error charts are inline SVG');
    assert.match(page, /<h1>steady-load<\/h1>/);
    assert.match(page, /<div class="label">p99<\/div><div class="value">[\d.]+ ms<\/div>/);
    assert.match(page, /<div class="card fail"><div class="label">Thresholds<\/div><div class="value">1 of 2 passed<\/div>/);
    assert.ok(page.includes('<div class="label">Throughput</div>'));
    assert.ok(page.includes('&quot;name&quot;: &quot;steady-load&quot;'), 'the scenario is shown as escaped JSON');
    assert.ok(page.includes('>99.9%<'), 'the distribution axis is labelled in percentiles');

    const charts = await readdir(path.join(out, 'steady', 'charts'));
    for (const chart of ['latency-over-time', 'rate-over-time', 'latency-distribution', 'errors-over-time', 'errors-by-kind']) {
      assert.ok(charts.includes(`${chart}.vl.json`) && charts.includes(`${chart}.data.json`), chart);
      const spec = JSON.parse(await readFile(path.join(out, 'steady', 'charts', `${chart}.vl.json`), 'utf8'));
      assert.ok(JSON.stringify(spec).includes(`"url":"${chart}.data.json"`), `${chart} reads its data file`);
    }
    const index = await readFile(written.index, 'utf8');
    assert.ok(index.includes('<a href="steady/index.html">steady-load</a>'));
    assert.match(index, /<td class="text">Run<\/td><td class="text">[\d.]+\/s, p50 [\d.]+ ms, p99 [\d.]+ ms, [\d.]+% errors \(\d+ dropped: never sent\)<\/td><td class="text"><span class="badge fail">failed<\/span>/);
  });

  it('shows user text as text: no script element anywhere in the page or the index', async () => {
    const hostile = '<script>alert(1)</script>';
    const file = await writeSynthetic('hostile', syntheticResults(hostile, '<img src=x onerror=alert(1)>'));
    const written = await report([file], path.join(temp.path(), 'hostile-out'));
    for (const page of [written.reports[0]!, written.index]) {
      const text = await readFile(page, 'utf8');
      assert.ok(text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), page);
      assert.doesNotMatch(text, /<script/i, page);
      assert.doesNotMatch(text, /<img/i, page);
    }
    assert.ok((await readFile(written.reports[0]!, 'utf8')).includes('&lt;img src=x onerror=alert(1)&gt;'), 'phase names are escaped, in the SVG too');
  });

  it('fails with exit code 2 on a missing or invalid results file, writing nothing', async () => {
    const invalid = path.join(temp.path(), 'invalid.json');
    await writeFile(invalid, '{"tool": "infercap", "version": 1}');
    const out = path.join(temp.path(), 'never');
    for (const [file, message] of [
      [path.join(temp.path(), 'missing.json'), /missing\.json.*no such file/],
      [invalid, /invalid\.json/],
    ] as const) {
      await assert.rejects(report([file], out), (error) => isInfercapError(error) && error.exitCode === 2 && message.test(error.message));
    }
    await assert.rejects(readdir(out), { code: 'ENOENT' });
    await assert.rejects(report([], out), (error) => isInfercapError(error) && error.exitCode === 2);
  });
});

describe('infercap report of every kind of file', () => {
  it('writes the report each file calls for and an index linking them all', async () => {
    const run = await writeSynthetic('steady', syntheticResults('steady-load'));
    const fixtures = ['sweep', 'calibration', 'simulation', 'plan'].map((kind) => new URL(`../fixtures/report/${kind}.json`, import.meta.url).pathname);
    const out = path.join(temp.path(), 'kinds');
    const written = await report([run, ...fixtures], out);
    assert.deepEqual(written.reports, ['steady', 'sweep', 'calibration', 'simulation', 'plan'].map((dir) => path.join(out, dir, 'index.html')));
    const headings = await Promise.all(written.reports.map(async (page) => (await readFile(page, 'utf8')).match(/<h1>([^<]*)<\/h1>/)![1]));
    assert.deepEqual(headings, ['steady-load', 'Sweep: smoke', 'Calibration: mnist-mlp', 'Simulation: diurnal-2d under hpa-cpu-60', 'Capacity plan: diurnal-2d']);
    const index = await readFile(written.index, 'utf8');
    const links = [...index.matchAll(/<a href="([^"]+)">([^<]+)<\/a><\/td><td class="text">([^<]+)<\/td>/g)].map((m) => [m[1], m[2], m[3]]);
    assert.deepEqual(links, [
      ['steady/index.html', 'steady-load', 'Run'],
      ['sweep/index.html', 'Sweep: smoke', 'Sweep'],
      ['calibration/index.html', 'Calibration: mnist-mlp', 'Calibration'],
      ['simulation/index.html', 'diurnal-2d under hpa-cpu-60', 'Simulation'],
      ['plan/index.html', 'Capacity plan: diurnal-2d', 'Capacity plan'],
    ]);
    assert.ok(index.includes('knee at 4 connections: 792.6/s with p99 23.71 ms (budget 25 ms)'));
  });
});

describe('report folder names', () => {
  it('takes the base name without .json, keeps safe characters and numbers repeats', () => {
    assert.deepEqual(uniqueNames(['a/run 1.json', 'b/run 1.json', '../.x.json'].map(reportDirName)), ['run-1', 'run-1-2', 'x']);
  });
});
