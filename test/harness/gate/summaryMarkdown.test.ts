import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { regressionGate } from '../../../harness/gate/regressionGate.ts';
import { appendStepSummary, summaryMarkdown } from '../../../harness/gate/summaryMarkdown.ts';
import type { ThresholdOutcome } from '../../../harness/gate/thresholdOutcome.ts';
import { recordPhase, resultsOf } from '../results/syntheticRun.ts';
import { constantRun } from './syntheticLoad.ts';

const thresholds: ThresholdOutcome[] = [
  { metric: 'latency', expression: 'p(95) < 1ms', observed: 1.3, passed: false, reason: 'observed 1.3 ms, not < 1 ms' },
  { metric: 'error_rate', expression: '< 1%', observed: 0, passed: true },
  { metric: 'dropped', expression: '== 0', observed: null, passed: false, reason: 'no samples' },
];

const phaseTable = [
  '| Phase | Sent rate (of target) | Throughput | p50 | p95 | p99 | Errors | Dropped |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  '| warmup (warm-up) | 10/s of 10/s | 10/s | 1.3 ms | 1.3 ms | 1.3 ms | 0 (0%) | 0 |',
  '| steady | 10/s of 10/s | 10/s | 1.3 ms | 1.3 ms | 1.3 ms | 0 (0%) | 0 |',
  '| cool-off | 0/s | 0/s | – | – | – | – | 0 |',
  '| **overall** | 10/s | 10/s | 1.3 ms | 1.3 ms | 1.3 ms | 0 (0%) | 0 |',
  '',
  'Rates are per second of the schedule window (overall 10.0 s); the wait for the last answers after it (the drain, 0.0 s) counts in the totals and latency, in no rate. Dropped requests were never sent and count as errors.',
];

describe('summaryMarkdown', () => {
  it('adds each model of a mix, overall, after the phases', () => {
    const outcomes = [
      { intendedMs: 0, sentMs: 0, doneMs: 2, status: 200, model: 0 },
      { intendedMs: 100, sentMs: 100, doneMs: 102, status: 200, model: 0 },
      { intendedMs: 200, sentMs: 200, doneMs: 204, status: 200, model: 1 },
      { intendedMs: 300, sentMs: 300, doneMs: 302, status: 200, model: 0 },
      { intendedMs: 400, dropped: true, model: 1 },
      { intendedMs: 500, sentMs: 500, doneMs: 508, status: 503, failure: 'status' as const, model: 1 },
    ];
    const results = resultsOf([recordPhase({ name: 'steady', kind: 'open', warmup: false, startMs: 0, models: ['a', 'b:2'] }, outcomes, 1000)]);
    const summary = summaryMarkdown({ results, thresholds: [] });
    assert.ok(
      summary.endsWith(
        [
          '### By model',
          '',
          '| Model | Requests | Throughput | p50 | p95 | p99 | Errors | Dropped |',
          '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
          '| a | 3 | 3/s | 2 ms | 2 ms | 2 ms | 0 (0%) | 0 |',
          '| b:2 | 3 | 1/s | 4.001 ms | 8.003 ms | 8.003 ms | 2 (66.67%) | 1 |',
          '',
        ].join('\n'),
      ),
      summary,
    );
    assert.doesNotMatch(summaryMarkdown({ results: constantRun(1), thresholds: [] }), /By model/);
  });

  it('tabulates phases, thresholds and the gate verdict', () => {
    const current = constantRun(1.3);
    const gate = regressionGate(constantRun(1), current);
    assert.equal(
      summaryMarkdown({ results: current, thresholds, gate }),
      [
        '## infercap: steady',
        '',
        '**❌ failed**: 1 of 3 thresholds passed; regression gate failed',
        '',
        ...phaseTable,
        '',
        '### Thresholds',
        '',
        '|  | Metric | Threshold | Observed |',
        '| --- | --- | --- | ---: |',
        '| ❌ | latency | p(95) &lt; 1ms | 1.3 ms |',
        '| ✅ | error\\_rate | &lt; 1% | 0% |',
        '| ❌ | dropped | == 0 | no samples |',
        '',
        '### Regression gate: ❌ failed',
        '',
        "The run's own percentiles, throughput, error rate and dropped share, current against baseline, with a block bootstrap over 1-second intervals; a statistic fails when its whole 95% CI of the change lies beyond its margin (10%, or 1 pp for shares).",
        '',
        '|  | Statistic | Baseline | Current | Change | 95% CI | Finding |',
        '| --- | --- | ---: | ---: | ---: | ---: | --- |',
        '| ❌ | p50 | 1 ms | 1.3 ms | +30.0% | +30.0% … +30.0% | regression beyond the 10% margin |',
        '| – | p95 | 1 ms | 1.3 ms | – | – | not judged: the baseline has 100 latency samples, p95 needs at least 200 in each run |',
        '| – | p99 | 1 ms | 1.3 ms | – | – | not judged: the baseline has 100 latency samples, p99 needs at least 1000 in each run |',
        '| – | p99.9 | 1 ms | 1.3 ms | – | – | not judged: the baseline has 100 latency samples, p99.9 needs at least 10000 in each run |',
        '| ✅ | throughput | 10/s | 10/s | 0.0% | 0.0% … 0.0% | no significant change |',
        '| ✅ | error rate | 0% | 0% | 0.00 pp | 0.00 pp … 0.00 pp | no significant change |',
        '| ✅ | dropped share | 0% | 0% | 0.00 pp | 0.00 pp … 0.00 pp | no significant change |',
        '',
      ].join('\n'),
    );
  });

  it('says passed, and leaves out the sections it has nothing for', () => {
    const results = constantRun(1.3);
    assert.equal(summaryMarkdown({ results, thresholds: [] }), ['## infercap: steady', '', '**✅ passed**: no thresholds', '', ...phaseTable, ''].join('\n'));
  });

  it('keeps user text from breaking the table or turning into HTML', () => {
    const results = constantRun(1);
    results.scenario.name = 'a|b <x> *y* & _z_';
    results.phases[1] = { ...results.phases[1]!, name: 'two\nlines|[link]' };
    const markdown = summaryMarkdown({ results, thresholds: [] });
    assert.ok(markdown.startsWith('## infercap: a\\|b &lt;x&gt; \\*y\\* &amp; \\_z\\_\n'));
    assert.ok(markdown.includes('\n| two lines\\|\\[link\\] | 10/s of 10/s |'));
  });
});

describe('appendStepSummary', () => {
  it('appends to the file $GITHUB_STEP_SUMMARY names, after what earlier steps wrote', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'infercap-summary-'));
    try {
      const path = join(dir, 'step_summary.md');
      await writeFile(path, '# earlier step\n');
      assert.equal(await appendStepSummary('## infercap: smoke\n', { GITHUB_STEP_SUMMARY: path }), path);
      assert.equal(await appendStepSummary('no newline', { GITHUB_STEP_SUMMARY: path }), path);
      assert.equal(await readFile(path, 'utf8'), '# earlier step\n## infercap: smoke\n\nno newline\n\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('does nothing when the variable is unset or empty', async () => {
    assert.equal(await appendStepSummary('x', {}), undefined);
    assert.equal(await appendStepSummary('x', { GITHUB_STEP_SUMMARY: '' }), undefined);
  });
});
