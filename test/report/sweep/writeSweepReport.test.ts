import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { curveOfCalibration, curveOfSweep, curveRows, levelRows } from '../../../report/sweep/latencyCurve.ts';
import { calibrationFileSchema, sweepFileSchema, type SweepFile } from '../../../harness/results/sweepResults.ts';
import { writeCalibrationReport, writeSweepReport } from '../../../report/sweep/writeSweepReport.ts';
import { useTempDir } from '../../support/tempDir.ts';
import { assertChartsAndSelfContained, rowsOf, tableOf } from '../pageChecks.ts';

const temp = useTempDir('infercap-sweep-report');
const fixture = (name: string) => new URL(`../../fixtures/report/${name}`, import.meta.url);
/** A real `infercap sweep smoke --concurrency 1:8:x2 --window 1s --p99-budget 25ms` (knee at 4 connections). */
const readSweep = async () => sweepFileSchema.parse(JSON.parse(await readFile(fixture('sweep.json'), 'utf8')));
const readCalibration = async () => calibrationFileSchema.parse(JSON.parse(await readFile(fixture('calibration.json'), 'utf8')));

describe('latency curve', () => {
  it('has one row per level and percentile, and marks the knee and the levels within the budget', async () => {
    const curve = curveOfSweep(await readSweep());
    assert.equal(curve.kneeLevel, 4);
    assert.equal(curveRows(curve).length, 12);
    assert.deepEqual(
      levelRows(curve).map((row) => [row.level, row.withinBudget, row.knee]),
      [[1, true, false], [2, true, false], [4, true, true], [8, false, false]],
    );
  });

  it('finds the same knee again in the calibration the sweep wrote', async () => {
    const curve = curveOfCalibration(await readCalibration());
    assert.equal(curve.kneeLevel, 4);
    assert.equal(curve.points.find((p) => p.level === 4)?.throughput, (await readCalibration()).maxSustainableThroughput);
  });
});

describe('writeSweepReport', () => {
  it('shows the curve with the budget and the knee marked, the knee first, and a table of every level', async () => {
    const sweep = await readSweep();
    const dir = path.join(temp.path(), 'sweep');
    assert.equal(await writeSweepReport(sweep, dir), path.join(dir, 'index.html'));
    const page = await assertChartsAndSelfContained(dir, ['throughput-latency', 'throughput-by-level']);
    assert.match(page, /<h1>Sweep: smoke<\/h1>/);
    assert.match(page, /<div class="card pass"><div class="label">Knee<\/div><div class="value">4 connections<\/div><\/div>/);
    assert.match(page, /<div class="label">p99 budget<\/div><div class="value">25 ms<\/div>/);
    assert.deepEqual(rowsOf(tableOf(page, 'levels')), [
      ['1', '256.9/s', '3.185 ms', '5.671 ms', '8.967 ms', '0%', '3 (unstable)', 'within'],
      ['2', '509.8/s', '3.197 ms', '6.451 ms', '11.93 ms', '0%', '3 (unstable)', 'within'],
      ['4 knee', '792.6/s', '3.503 ms', '11.92 ms', '23.71 ms', '0%', '3 (unstable)', 'within'],
      ['8', '693.4/s', '5.867 ms', '32.3 ms', '88 ms', '0%', '3 (unstable)', 'over'],
    ]);
    const data = JSON.parse(await readFile(path.join(dir, 'charts', 'throughput-latency.data.json'), 'utf8'));
    assert.deepEqual(data.budget, [{ ms: 25, label: 'p99 budget 25 ms' }]);
    assert.deepEqual(data.knee, [{ level: 4, throughput: 792.591, ms: 23.711, label: 'knee: 4 connections' }]);
    assert.ok(page.includes('p99 budget 25 ms'), 'the budget line is labelled in the SVG');
    assert.ok(page.includes('knee: 4 connections'), 'the knee is labelled in the SVG');
  });

  it('says when no level met the budget, and shows user text as text', async () => {
    const sweep: SweepFile = { ...(await readSweep()), scenario: '<script>alert(1)</script>', p99BudgetMs: 1 };
    delete (sweep as { knee?: unknown }).knee;
    const dir = path.join(temp.path(), 'none');
    const page = await readFile(await writeSweepReport(sweep, dir), 'utf8');
    assert.match(page, /<div class="card fail"><div class="label">Knee<\/div><div class="value">none within budget<\/div><\/div>/);
    assert.ok(page.includes('<h1>Sweep: &lt;script&gt;alert(1)&lt;/script&gt;</h1>'));
    assert.doesNotMatch(page, /<script/i);
    assert.deepEqual(JSON.parse(await readFile(path.join(dir, 'charts', 'throughput-latency.data.json'), 'utf8')).knee, []);
  });
});

describe('writeCalibrationReport', () => {
  it('shows the calibrated curve and the service time the simulator starts from', async () => {
    const dir = path.join(temp.path(), 'calibration');
    await writeCalibrationReport(await readCalibration(), dir);
    const page = await assertChartsAndSelfContained(dir, ['throughput-latency', 'throughput-by-level']);
    assert.match(page, /<h1>Calibration: mnist-mlp<\/h1>/);
    const service = rowsOf(tableOf(page, 'service-time'));
    assert.equal(service.length, 1);
    assert.equal(service[0]![0], '1');
    assert.equal(rowsOf(tableOf(page, 'levels')).length, 4);
  });
});
