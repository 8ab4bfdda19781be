import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequestOutcome } from '../../harness/drive/requestOutcome.ts';
import type { RunResults } from '../../harness/results/runResults.ts';
import { comparisonFinding } from '../../report/reportHeadlines.ts';
import { headlinePhases } from '../../report/compare/phaseComparison.ts';
import { recordPhase, resultsOf } from '../harness/results/syntheticRun.ts';

/** `perSecond` answers a second for `seconds`, each taking `latencyMs` (exact below 2.048 ms). */
function answers(startMs: number, seconds: number, perSecond: number, latencyMs: number): RequestOutcome[] {
  return Array.from({ length: seconds * perSecond }, (_, i) => {
    const intendedMs = startMs + (i * 1000) / perSecond;
    return { intendedMs, sentMs: intendedMs, doneMs: intendedMs + latencyMs, status: 200 };
  });
}

/**
 * An open-loop phase at 50/s that both variants sustain, then a closed-loop ceiling with 4 connections
 * at `ceiling`/s: what the smoke scenario and fp32-vs-int8 run.
 */
function run(openLatencyMs: number, ceiling: number, ceilingLatencyMs: number): RunResults {
  const open = recordPhase({ name: 'open-50', kind: 'open', warmup: false, targetRate: 50, startMs: 0 }, answers(0, 5, 50, openLatencyMs), 5000);
  const closed = recordPhase({ name: 'closed-4', kind: 'closed', warmup: false, startMs: 5000 }, answers(5000, 5, ceiling, ceilingLatencyMs), 10_000);
  const results = resultsOf([open, closed]);
  const phases = [
    { name: 'open-50', kind: 'open', rate: 50, duration: 5000 },
    { name: 'closed-4', kind: 'closed', connections: 4, duration: 5000 },
  ];
  return { ...results, scenario: { ...results.scenario, phases } };
}

describe('comparisonFinding', () => {
  it('names latency at equal offered load and throughput at the ceiling, each from its own phase', () => {
    const fp32 = run(1, 1000, 1.6);
    const int8 = run(0.8, 1500, 1.2);
    const finding = comparisonFinding([{ label: 'fp32', results: fp32 }, { label: 'int8', results: int8 }]);
    assert.deepEqual(finding, {
      headline: 'int8 against fp32: p99 at equal offered load (open-50, 50/s) 0.800×, throughput at the ceiling (closed-4, 4 connections) 1.500×',
    });
    // The blended overall throughput ratio is neither question's answer.
    assert.notEqual((int8.overall.throughput / fp32.overall.throughput).toFixed(3), '1.500');
  });

  it('leaves out what the runs did not measure', () => {
    const open = recordPhase({ name: 'steady', kind: 'open', warmup: false, targetRate: 10, startMs: 0 }, answers(0, 5, 10, 1), 5000);
    const slower = recordPhase({ name: 'steady', kind: 'open', warmup: false, targetRate: 10, startMs: 0 }, answers(0, 5, 10, 1.5), 5000);
    const finding = comparisonFinding([{ label: 'a', results: resultsOf([open]) }, { label: 'b', results: resultsOf([slower]) }]);
    assert.equal(finding.headline, 'b against a: p99 at equal offered load (steady, 10/s) 1.500×');
    assert.deepEqual(comparisonFinding([{ label: 'a', results: resultsOf([open]) }]), { headline: '1 variant' });
  });
});

describe('headlinePhases', () => {
  it('takes the open phase at the highest rate and the closed phase with the most connections', () => {
    const phase = (name: string, kind: string, startMs: number, targetRate?: number) =>
      recordPhase({ name, kind, warmup: false, ...(targetRate === undefined ? {} : { targetRate }), startMs }, answers(startMs, 1, 10, 1), startMs + 1000);
    const results = resultsOf([phase('o-20', 'open', 0, 20), phase('o-80', 'open', 1000, 80), phase('c-8', 'closed', 2000), phase('c-2', 'closed', 3000)]);
    const scenario = { ...results.scenario, phases: [{ name: 'c-8', kind: 'closed', connections: 8 }, { name: 'c-2', kind: 'closed', connections: 2 }] };
    const chosen = headlinePhases({ ...results, scenario });
    assert.deepEqual([chosen.equalLoad?.name, chosen.ceiling?.name], ['o-80', 'c-8']);
  });
});
