import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { paretoRows } from '../../../report/sim/paretoChart.ts';
import { quantityRows, timeUnitFor } from '../../../report/sim/seriesRows.ts';
import { formatDuration } from '../../../report/sim/simTables.ts';
import { writePlanReport, writeSimulationReport } from '../../../report/sim/writeSimReports.ts';
import { planResultsSchema, type PlanResults } from '../../../simulator/plan/planResults.ts';
import { simulationResultsSchema, type SimulationResults } from '../../../simulator/simulate/simulationResults.ts';
import { useTempDir } from '../../support/tempDir.ts';
import { assertChartsAndSelfContained, rowsOf, tableOf } from '../pageChecks.ts';

const temp = useTempDir('infercap-sim-report');
const fixture = async (name: string): Promise<unknown> => JSON.parse(await readFile(new URL(`../../fixtures/report/${name}`, import.meta.url), 'utf8'));
/** Two days of a synthetic diurnal trace with spikes at 15-minute steps, under an HPA policy (12 candidates in the plan). */
const readSimulation = async (): Promise<SimulationResults> => simulationResultsSchema.parse(await fixture('simulation.json'));
const readPlan = async (): Promise<PlanResults> => planResultsSchema.parse(await fixture('plan.json'));

const hostile = '<script>alert(1)</script>';
const timeCharts = ['load-and-replicas', 'latency-vs-slo', 'rejected', 'cost-over-time'];

describe('series rows', () => {
  it('puts time in hours past two hours, minutes past ten minutes, and leaves out null values', async () => {
    assert.deepEqual([timeUnitFor(7201).name, timeUnitFor(7200).name, timeUnitFor(601).name, timeUnitFor(600).name], ['hours', 'minutes', 'minutes', 'seconds']);
    const { series } = await readSimulation();
    const p95 = [...series.p95];
    p95[1] = null;
    const rows = quantityRows({ ...series, p95 }, timeUnitFor(172800), [{ key: 'p95', name: 'p95' }]);
    assert.equal(rows.length, series.time.length - 1);
    assert.deepEqual(rows[1], { time: 0.5, series: 'p95', value: series.p95[2] });
  });

  it('writes durations in their largest units', () => {
    assert.deepEqual([formatDuration(172800), formatDuration(90000), formatDuration(2700), formatDuration(30)], ['2 d', '1 d 1 h', '45 min', '30 s']);
  });
});

describe('writeSimulationReport', () => {
  it('shows the SLO verdict and cost first, the four time charts, the outcome and what was simulated', async () => {
    const simulation = await readSimulation();
    const dir = path.join(temp.path(), 'simulation');
    assert.equal(await writeSimulationReport(simulation, dir), path.join(dir, 'index.html'));
    const page = await assertChartsAndSelfContained(dir, timeCharts);
    assert.match(page, /<h1>Simulation: diurnal-2d under hpa-cpu-60<\/h1>/);
    assert.match(page, /<div class="card pass"><div class="label">SLO p95 &lt; 100ms<\/div><div class="value">99.02% of requests<\/div><\/div>/);
    assert.match(page, /<div class="label">Cost<\/div><div class="value">38.55 USD<\/div>/);
    assert.deepEqual(rowsOf(tableOf(page, 'outcome')), [['hpa-cpu-60', '38.55 USD', '0.514 USD', '99.02%', '98.71%', '21.4 ms', '48.9 ms', '110,000', '2–15, 8.0', 'met']]);
    assert.deepEqual(rowsOf(tableOf(page, 'setup')).map((row) => row[0]), ['Trace', 'Load', 'SLO', 'Instance', 'Calibration', 'Service model', 'Cluster']);
    const latency = JSON.parse(await readFile(path.join(dir, 'charts', 'latency-vs-slo.data.json'), 'utf8'));
    assert.deepEqual(latency.slo, [{ ms: 100, label: 'SLO p95 < 100 ms' }]);
    assert.deepEqual([...new Set(latency.latency.map((row: { series: string }) => row.series))], ['p50', 'p95', 'p99']);
    const load = JSON.parse(await readFile(path.join(dir, 'charts', 'load-and-replicas.data.json'), 'utf8'));
    assert.equal(load.load.length, simulation.series.time.length);
    assert.deepEqual([...new Set(load.replicas.map((row: { series: string }) => row.series))], ['ready replicas', 'desired replicas']);
  });

  it('shows user text as text', async () => {
    const simulation = await readSimulation();
    const page = await readFile(
      await writeSimulationReport({ ...simulation, trace: { ...simulation.trace, name: hostile }, policy: { ...simulation.policy, name: `<img src=x onerror=alert(1)>` } }, path.join(temp.path(), 'hostile-sim')),
      'utf8',
    );
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.doesNotMatch(page, /<script|<img/i);
  });
});

describe('writePlanReport', () => {
  it('shows the recommendation, the Pareto chart, fixed-fleet sizing, the frontier and the HPA manifest', async () => {
    const plan = await readPlan();
    const dir = path.join(temp.path(), 'plan');
    await writePlanReport(plan, dir);
    const page = await assertChartsAndSelfContained(dir, ['cost-vs-slo', ...timeCharts]);
    assert.match(page, /<h1>Capacity plan: diurnal-2d<\/h1>/);
    assert.match(page, /<div class="card pass"><div class="label">vs fixed at peak<\/div><div class="value">33.8% cheaper<\/div><\/div>/);
    assert.ok(page.includes('<p class="recommendation"><strong>cpu 50 %, 2–16 replicas, down window 60 s, up 4 pods/100 %/15 s</strong></p>'));
    assert.ok(page.includes('<li>34 % cheaper than the fixed fleet of 14 replicas sized at peak</li>'));
    assert.ok(page.includes('<li>the search grid held 12 candidates; widen it with --grid for more</li>'), 'notes are shown');

    assert.deepEqual(rowsOf(tableOf(page, 'fixed-fleet')).map((row) => row.slice(0, 4)), [
      ['Fixed, at peak', '1040.0/s', '14', '67.2 USD'],
      ['Fixed, at p99 load', '790.0/s', '11', '52.8 USD'],
      ['Recommended', '–', '2–16', '44.5 USD'],
    ]);
    assert.deepEqual(rowsOf(tableOf(page, 'frontier')).map((row) => [row[0]!.replace(/, 2–16 replicas, down window (\d+) s, up 4 pods\/100 %\/15 s/, ' $1'), row[1]]), [
      ['cpu 80 % 60', '31 USD'],
      ['cpu 70 % 60', '35.5 USD'],
      ['cpu 60 % 60', '40 USD'],
      ['cpu 50 % 60 recommended', '44.5 USD'],
      ['cpu 50 % 300', '49.2 USD'],
      ['cpu 50 % 600', '54.9 USD'],
    ]);

    const yaml = page.match(/<pre class="yaml">([\s\S]*?)<\/pre>/)?.[1];
    assert.equal(yaml, plan.hpaYaml, 'the HPA manifest is shown as written');
    assert.equal(await readFile(path.join(dir, 'hpa.yaml'), 'utf8'), plan.hpaYaml);

    const pareto = JSON.parse(await readFile(path.join(dir, 'charts', 'cost-vs-slo.data.json'), 'utf8'));
    assert.deepEqual(pareto, JSON.parse(JSON.stringify(paretoRows(plan))));
    assert.deepEqual(pareto.frontier.map((row: { id: string }) => row.id), ['c9', 'c6', 'c3', 'c0', 'c1', 'c2']);
    assert.deepEqual(pareto.recommended, [{ label: 'recommended: cpu 50 %, 2–16 replicas, down window 60 s, up 4 pods/100 %/15 s', cost: 44.5, attainment: 0.991 }]);
    assert.equal(pareto.candidates.length, 12);
    assert.deepEqual(pareto.fixed.map((row: { label: string }) => row.label), ['fixed 14 (peak)', 'fixed 11 (p99 load)']);
    const replicas = JSON.parse(await readFile(path.join(dir, 'charts', 'load-and-replicas.data.json'), 'utf8'));
    assert.deepEqual([...new Set(replicas.replicas.map((row: { series: string }) => row.series))], [
      'recommended: ready',
      'recommended: desired',
      'fixed fleet of 14: ready',
      'fixed fleet of 14: desired',
    ]);
  });

  it('says when no policy meets the SLO, and escapes the manifest, reasons and names', async () => {
    const plan = await readPlan();
    const dir = path.join(temp.path(), 'none');
    const page = await readFile(
      await writePlanReport({ ...plan, trace: { ...plan.trace, name: hostile }, recommended: null, hpaYaml: null, series: { ...plan.series, recommended: null }, notes: [hostile] }, dir),
      'utf8',
    );
    assert.match(page, /<div class="card fail"><div class="label">Recommendation<\/div><div class="value">none meets p95 &lt; 100ms<\/div><\/div>/);
    assert.ok(page.includes('The recommendation is a fixed fleet: no autoscaler to apply.'));
    assert.doesNotMatch(page, /<script/i);
    await assert.rejects(readFile(path.join(dir, 'hpa.yaml')), { code: 'ENOENT' });

    const withYaml = await readFile(await writePlanReport({ ...plan, hpaYaml: `metadata:\n  name: "${hostile}"\n` }, path.join(temp.path(), 'yaml')), 'utf8');
    assert.ok(withYaml.includes('name: &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;'));
    assert.doesNotMatch(withYaml, /<script/i);
  });
});

describe('reports of the simulator\'s own example files', () => {
  it('renders test/fixtures/sim/simulation.json and plan.json, as infercap simulate and plan write them', async () => {
    const simulation = simulationResultsSchema.parse(JSON.parse(await readFile(new URL('../../fixtures/sim/simulation.json', import.meta.url), 'utf8')));
    const plan = planResultsSchema.parse(JSON.parse(await readFile(new URL('../../fixtures/sim/plan.json', import.meta.url), 'utf8')));
    const simulationDir = path.join(temp.path(), 'sim-own');
    await writeSimulationReport(simulation, simulationDir);
    await assertChartsAndSelfContained(simulationDir, timeCharts);
    const planDir = path.join(temp.path(), 'plan-own');
    await writePlanReport(plan, planDir);
    const page = await assertChartsAndSelfContained(planDir, ['cost-vs-slo', ...timeCharts]);
    assert.equal(rowsOf(tableOf(page, 'frontier')).length, plan.candidates.filter((c) => c.pareto).length);
    assert.equal(rowsOf(tableOf(page, 'fixed-fleet')).length, plan.recommended === null ? 2 : 3);
  });
});
