import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareFidelity } from '../../../harness/fidelity/compareFidelity.ts';
import { fidelityResultsSchema, type FidelityFigures, type FidelityResults } from '../../../harness/fidelity/fidelityResults.ts';
import { fidelityCharts } from '../../../report/fidelity/fidelityCharts.ts';
import { fidelityFinding, fidelityReportPage, totalsTable } from '../../../report/fidelity/fidelityPage.ts';
import { defaultClusterConfig } from '../../../simulator/cluster/clusterConfig.ts';
import { clusterSummary } from '../../../simulator/simulate/simulate.ts';

const figures = (throughput: number, rejected: number, p50: number | null, p95: number | null, p99: number | null): FidelityFigures => ({ throughput, rejected, p50, p95, p99 });

const envelope = (kind: string, schemaVersion: number) => ({
  tool: 'infercap',
  kind,
  schemaVersion,
  createdAt: '2026-12-05T00:00:00.000Z',
  toolVersion: '0.1.0',
  environment: { node: 'v20.20.2', platform: 'linux', arch: 'x64', cpus: 2, cpuModel: 'test', totalMemoryBytes: 1, hostname: 'test' },
});

function results(): FidelityResults {
  const comparison = compareFidelity({
    arrivals: [10, 12],
    real: { totals: figures(8, 0, 2, 8, 12), seconds: [figures(10, 0, 2, 4, 5), figures(6, 0, 3, 8, 12)] },
    simulated: { totals: figures(8.25, 0, 2, 9, 9), seconds: [figures(10, 0, 2, 5, 6), figures(6.5, 0, 3, 6, 9)] },
  });
  return fidelityResultsSchema.parse({
    ...envelope('fidelity', 1),
    model: 'mnist-<b>mlp',
    target: { url: 'http://127.0.0.1:1', kind: 'reference', replicas: 2 },
    trace: { file: 'day.yaml', window: { start: 0, end: 4 }, speedup: 2, scale: 1, arrivals: 'poisson', seed: 1, seconds: 2, requests: 22 },
    calibration: {
      ...envelope('calibration', 2), model: 'mnist-mlp', measuredAt: '2026-12-04T00:00:00.000Z', p99BudgetMs: 200,
      maxSustainableThroughput: 400, peakThroughput: 450,
      serviceTimeMs: { level: 50, mean: 1.5, p50: 1.2, p90: 2, p95: 2.5, p99: 4, histogram: '' },
      curve: [{ level: 50, throughput: 50, p50: 1.2, p95: 2.5, p99: 4 }],
    },
    latencyModel: 'queueing',
    serviceModel: { capacity: 400, queueLimit: 256, serviceTimeMs: { mean: 1.5, p50: 1.2, p95: 2.5, p99: 4 }, serviceTimeGrowth: 0, serviceCv2: 0.3, arrivalCv2: 1, rhoCap: 0.95, cpuRequestCores: 1, cpuSecondsPerRequest: 0.0025, idleCpuCores: 0 },
    cluster: clusterSummary({ ...defaultClusterConfig, initialReplicas: 2 }, 2),
    run: { sent: 22, ok: 22, dropped: 0, errors: {}, drainMs: 1.5 },
    ...comparison,
  });
}

describe('the fidelity report', () => {
  it('charts arrivals, real and simulated throughput and p95 second by second; rejections only when there were any', () => {
    const charts = fidelityCharts(results());
    assert.deepEqual(charts.map((chart) => chart.name), ['throughput', 'p95']);
    assert.deepEqual(charts[0]!.data['arrivals'], [{ time: 0, value: 10 }, { time: 1, value: 12 }]);
    assert.deepEqual(charts[0]!.data['values'], [
      { time: 0, series: 'real', value: 10 },
      { time: 0, series: 'simulated', value: 10 },
      { time: 1, series: 'real', value: 6 },
      { time: 1, series: 'simulated', value: 6.5 },
    ]);
    assert.deepEqual(charts[1]!.data['values'], [
      { time: 0, series: 'real', value: 4 },
      { time: 0, series: 'simulated', value: 5 },
      { time: 1, series: 'real', value: 8 },
      { time: 1, series: 'simulated', value: 6 },
    ]);
  });

  it('sets the totals side by side with their errors, and states the verdict', () => {
    const table = totalsTable(results()).text;
    assert.match(table, /<td>Throughput<\/td><td>8\/s<\/td><td>8\.3\/s<\/td><td>\+3\.1 %<\/td>/);
    assert.match(table, /<td>p95<\/td><td>8 ms<\/td><td>9 ms<\/td><td>\+12\.5 %<\/td>/);
    assert.match(table, /<td>p99<\/td><td>12 ms<\/td><td>9 ms<\/td><td>−25\.0 %<\/td>/);
    assert.deepEqual(fidelityFinding(results()), { headline: 'simulated vs real: throughput +3.1 %, p95 +12.5 % (queueing model)', passed: true });
    const page = fidelityReportPage(results(), []);
    assert.match(page, /<span class="badge pass">met<\/span>/);
    // The model's name is text, never markup.
    assert.match(page, /mnist-&lt;b&gt;mlp/);
  });
});
