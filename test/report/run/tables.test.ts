import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runReportPage } from '../../../report/run/reportPage.ts';
import { modelTable } from '../../../report/run/tables.ts';
import { recordPhase, resultsOf } from '../../harness/results/syntheticRun.ts';

const outcomes = [
  { intendedMs: 0, sentMs: 0, doneMs: 2, status: 200, model: 0 },
  { intendedMs: 100, sentMs: 100, doneMs: 102, status: 200, model: 0 },
  { intendedMs: 200, sentMs: 200, doneMs: 204, status: 200, model: 1 },
  { intendedMs: 300, sentMs: 300, doneMs: 302, status: 200, model: 0 },
  { intendedMs: 400, dropped: true, model: 1 },
];
const mixed = resultsOf([
  recordPhase({ name: 'warmup', kind: 'open', warmup: true, startMs: 0, models: ['a', 'b:2'] }, outcomes.slice(0, 2), 1000),
  recordPhase({ name: 'steady', kind: 'open', warmup: false, startMs: 0, models: ['a', 'b:2'] }, outcomes, 1000),
]);

describe('the run report by model', () => {
  it('has a row per model of each phase and overall, with its requests, share and figures', () => {
    const rows = modelTable(mixed)
      .text.split('<tr>')
      .slice(2)
      .map((row) => [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((match) => match[1]!.replace(/<br>/g, ' ').replace(/<[^>]+>/g, '').trim()));
    assert.deepEqual(rows, [
      ['warmup warm-up', 'a', '2', '100%', '2/s', '2 ms', '2 ms', '2 ms', '2 ms', '0 (0%)', '0'],
      ['', 'b:2', '0', '0%', '0/s', '–', '–', '–', '–', '0', '0'],
      ['steady', 'a', '3', '60%', '3/s', '2 ms', '2 ms', '2 ms', '2 ms', '0 (0%)', '0'],
      ['', 'b:2', '2', '40%', '1/s', '4.001 ms', '4.001 ms', '4.001 ms', '4.001 ms', '1 (50%) dropped: 1', '1'],
      ['overall', 'a', '3', '60%', '3/s', '2 ms', '2 ms', '2 ms', '2 ms', '0 (0%)', '0'],
      ['', 'b:2', '2', '40%', '1/s', '4.001 ms', '4.001 ms', '4.001 ms', '4.001 ms', '1 (50%) dropped: 1', '1'],
    ]);
  });

  it('appears in the page for a mix only', () => {
    assert.match(runReportPage(mixed, [], []), /<h2>By model<\/h2>/);
    const single = resultsOf([recordPhase({ name: 'steady', kind: 'open', warmup: false, startMs: 0 }, outcomes, 1000)]);
    assert.doesNotMatch(runReportPage(single, [], []), /By model/);
  });
});
