import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { RunResults } from '../../../harness/results/runResults.ts';
import { formatRatio } from '../../../report/compare/comparisonTables.ts';
import { gateOutcome } from '../../../harness/compare/gateOutcome.ts';
import { phaseRatios } from '../../../harness/compare/phaseComparison.ts';
import { compareRuns } from '../../../harness/compare/compareRuns.ts';
import { writeComparisonReport } from '../../../report/compare/writeComparisonReport.ts';
import { parseReportInput } from '../../../report/reportInput.ts';

const pageOf = async (...args: Parameters<typeof compareRuns>) => (await compareRuns(...args)).page;
import { useTempDir } from '../../support/tempDir.ts';
import { recordPhase, resultsOf, syntheticOutcomes } from '../../harness/results/syntheticRun.ts';

const temp = useTempDir('infercap-compare');

/** A run with a 1-s warm-up and a steady phase of `seconds` s offered `rate`/s, carrying `count` requests. */
function syntheticResults(count: number, seconds: number, rate = 1000): RunResults {
  const warmup = recordPhase({ name: 'warmup', kind: 'open-loop', warmup: true, targetRate: 500, startMs: 0 }, syntheticOutcomes(500, 0, 1000), 1000);
  const durationMs = seconds * 1000;
  const steady = recordPhase(
    { name: 'steady', kind: 'open', warmup: false, targetRate: rate, startMs: 1000 },
    syntheticOutcomes(count, 1000, durationMs),
    1000 + durationMs,
  );
  return resultsOf([warmup, steady]);
}

const cellsOf = (page: string, label: string): string[] => {
  const table = page.match(/<table class="ratios">[\s\S]*?<\/table>/)![0];
  const row = table.split('<tr').find((r) => r.includes(`><td>${label}</td>`));
  assert.ok(row !== undefined, `a ratio row for ${label}`);
  return [...row.matchAll(/<td data-figure="(\w+)">([^<]*)/g)].map((m) => `${m[1]}=${m[2]}`);
};

describe('writeComparisonReport', () => {
  it('writes a page with exact per-phase ratios against the first variant, inline SVG, escaped labels, and each chart spec and data', async () => {
    const a = syntheticResults(3000, 3);
    const b = syntheticResults(2000, 3);
    const out = path.join(temp.path(), 'two');
    const page = await readFile(await pageOf([{ label: 'base', results: a }, { label: '<b>x</b>', results: b }], out), 'utf8');

    const steady = (r: RunResults) => r.phases.find((p) => p.name === 'steady')!;
    const expected = (figure: 'throughput' | 'p50' | 'p95' | 'p99' | 'errorRate', of: (r: RunResults) => number | null) =>
      `${figure}=${(of(b)! / of(a)!).toFixed(3)}×`;
    assert.deepEqual(cellsOf(page, '&lt;b&gt;x&lt;/b&gt;'), [
      expected('throughput', (r) => steady(r).throughput),
      expected('p50', (r) => steady(r).latency.p50),
      expected('p95', (r) => steady(r).latency.p95),
      expected('p99', (r) => steady(r).latency.p99),
      expected('errorRate', (r) => steady(r).errorRate),
    ]);
    assert.deepEqual(cellsOf(page, 'base'), ['throughput', 'p50', 'p95', 'p99', 'errorRate'].map((f) => `${f}=1.000×`));
    const ratios = phaseRatios([{ label: 'base', results: a }, { label: 'x', results: b }]);
    assert.deepEqual(ratios.map((r) => [r.label, r.phase.name]), [['base', 'steady'], ['x', 'steady']]);
    assert.equal(ratios[1]!.ratios.throughput, steady(b).throughput / steady(a).throughput);
    assert.equal(ratios[1]!.ratios.p99, steady(b).latency.p99! / steady(a).latency.p99!);

    assert.ok((page.match(/<svg/g) ?? []).length >= 2, 'both charts are inline SVG');
    assert.ok(!page.includes('<b>x</b>'), 'the label is not markup');
    assert.ok(page.includes('&lt;b&gt;x&lt;/b&gt;'), 'the label shows as text');
    assert.ok(!/<script/i.test(page));
    assert.ok(page.includes('<style>'), 'the report stylesheet is inline');

    // 3 whole seconds are fewer than the gate's 5: the page says why instead of failing.
    assert.match(page, /<h2>Regression gate<\/h2>/);
    assert.match(page, /<p class="warn">The regression gate cannot compare these runs: [^<]*interval/);

    const charts = await readdir(path.join(out, 'charts'));
    for (const chart of ['latency-distribution', 'p99-over-time']) {
      assert.ok(charts.includes(`${chart}.vl.json`) && charts.includes(`${chart}.data.json`), chart);
      const spec = await readFile(path.join(out, 'charts', `${chart}.vl.json`), 'utf8');
      assert.ok(JSON.stringify(JSON.parse(spec)).includes(`"url":"${chart}.data.json"`), `${chart} reads its data file`);
      const data = JSON.parse(await readFile(path.join(out, 'charts', `${chart}.data.json`), 'utf8'));
      const rows = Object.values(data)[0] as { variant: string }[];
      assert.deepEqual([...new Set(rows.map((row) => row.variant))], ['base', '<b>x</b>'], `${chart} has one line per variant`);
    }
  });

  it('shows the regression gate verdict per statistic for two runs long enough to judge', async () => {
    const a = syntheticResults(6000, 6);
    const b = syntheticResults(6000, 6);
    const outcome = gateOutcome(a, b);
    assert.ok('verdict' in outcome);
    const page = await readFile(await pageOf([{ label: 'before', results: a }, { label: 'after', results: b }], path.join(temp.path(), 'gate')), 'utf8');
    const gate = page.match(/<table class="gate">[\s\S]*?<\/table>/)?.[0];
    assert.ok(gate !== undefined, 'the gate table is shown');
    for (const statistic of ['p50', 'p95', 'p99', 'p99.9', 'throughput', 'error rate', 'dropped share']) assert.ok(gate.includes(`<tr><td>${statistic}</td>`), statistic);
    assert.ok(gate.includes('no significant change'), 'identical runs show no change');
    assert.match(page, /<span class="badge pass">passed<\/span>/);
  });

  it('shows no gate for three variants, and makes repeated labels unique', async () => {
    const a = syntheticResults(3000, 3);
    const page = await readFile(
      await pageOf([{ label: 'a', results: a }, { label: 'a', results: a }, { label: 'c', results: syntheticResults(1500, 3, 500) }], path.join(temp.path(), 'three')),
      'utf8',
    );
    assert.ok(!page.includes('Regression gate'));
    assert.deepEqual(cellsOf(page, 'a-2'), ['throughput', 'p50', 'p95', 'p99', 'errorRate'].map((f) => `${f}=1.000×`));
    // c's steady phase was offered another rate: the same name is not the same load, so no ratio.
    assert.deepEqual(cellsOf(page, 'c'), ['throughput', 'p50', 'p95', 'p99', 'errorRate'].map((f) => `${f}=–`));
    assert.equal(formatRatio(null), '–');
  });

  it('writes the comparison results beside the page, and renders the very same page from that file alone', async () => {
    const out = path.join(temp.path(), 'kind');
    const { page, comparison } = await compareRuns([{ label: 'before', results: syntheticResults(6000, 6) }, { label: 'after', results: syntheticResults(5000, 6) }], out);
    const data: unknown = JSON.parse(await readFile(path.join(out, 'comparison.json'), 'utf8'));
    const input = parseReportInput('comparison.json', data);
    assert.equal(input.kind, 'comparison');
    assert.ok(input.kind === 'comparison');
    assert.deepEqual(input, comparison);
    assert.deepEqual([comparison.kind, comparison.schemaVersion, comparison.toolVersion], ['comparison', 3, '0.1.0']);
    const slower = (comparison.costs[1]!.predictionsPerSecond / comparison.costs[0]!.predictionsPerSecond).toFixed(3);
    assert.deepEqual(comparison.recommendation, { ship: 'before', reason: `no variant has more peak throughput per replica than before (after ${slower}× peak throughput per replica)` });
    assert.equal(
      comparison.headline,
      `ship before: ${comparison.recommendation.reason} · after against before: p99 at equal offered load (steady, 1000/s) ${(comparison.ratios[1]!.ratios.p99!).toFixed(3)}×`,
    );
    assert.ok((await readFile(page, 'utf8')).includes(`<p class="verdict">Ship <strong>before</strong>: ${comparison.recommendation.reason}.</p>`));
    assert.ok(comparison.gate !== null && 'verdict' in comparison.gate, 'two runs get the gate');
    const again = await writeComparisonReport(input, path.join(temp.path(), 'kind-again'));
    assert.equal(await readFile(again, 'utf8'), await readFile(page, 'utf8'));
  });
});
