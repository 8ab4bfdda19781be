import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequestOutcome } from '../../../harness/drive/requestOutcome.ts';
import type { RunResults } from '../../../harness/results/runResults.ts';
import { latencyFinding, shipRecommendation, type RecommendationInput } from '../../../harness/compare/comparisonHeadline.ts';
import { headlinePhases } from '../../../harness/compare/phaseComparison.ts';
import type { ModelQuality } from '../../../harness/results/comparisonResults.ts';
import { recordPhase, resultsOf } from '../results/syntheticRun.ts';

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

describe('latencyFinding', () => {
  it('names latency at equal offered load and throughput at the ceiling, each from its own phase', () => {
    const fp32 = run(1, 1000, 1.6);
    const int8 = run(0.8, 1500, 1.2);
    const finding = latencyFinding([{ label: 'fp32', results: fp32 }, { label: 'int8', results: int8 }]);
    assert.equal(finding, 'int8 against fp32: p99 at equal offered load (open-50, 50/s) 0.800×, throughput at the ceiling (closed-4, 4 connections) 1.500×');
    // The blended overall throughput ratio is neither question's answer.
    assert.notEqual((int8.overall.throughput / fp32.overall.throughput).toFixed(3), '1.500');
  });

  it('leaves out what the runs did not measure', () => {
    const open = recordPhase({ name: 'steady', kind: 'open', warmup: false, targetRate: 10, startMs: 0 }, answers(0, 5, 10, 1), 5000);
    const slower = recordPhase({ name: 'steady', kind: 'open', warmup: false, targetRate: 10, startMs: 0 }, answers(0, 5, 10, 1.5), 5000);
    const finding = latencyFinding([{ label: 'a', results: resultsOf([open]) }, { label: 'b', results: resultsOf([slower]) }]);
    assert.equal(finding, 'b against a: p99 at equal offered load (steady, 10/s) 1.500×');
    assert.equal(latencyFinding([{ label: 'a', results: resultsOf([open]) }]), '1 variant');
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

describe('shipRecommendation', () => {
  const bar = { minAgreement: 0.99, minCosine: 0.999 };
  const classes = (label: string, agreement: number): ModelQuality['variants'][number] => ({
    label,
    model: 'm',
    version: label,
    file: `/m/${label}/model.onnx`,
    outputs: [{ output: 'probabilities', kind: 'classes', rows: 1000, classes: 10, agreement, accuracy: null }],
    meetsBar: agreement >= bar.minAgreement,
  });
  const quality = (...variants: ModelQuality['variants']): ModelQuality => ({ inputs: { source: 'mnist', description: 'd' }, bar, variants: [...variants] });
  const input = (perSecond: readonly number[], extra: Partial<RecommendationInput> = {}): RecommendationInput => ({
    labels: ['fp32', 'int8', 'fp16'].slice(0, perSecond.length),
    costs: perSecond.map((predictionsPerSecond, i) => ({ label: String(i), predictionsPerSecond, replicas: 1 })),
    gate: null,
    quality: null,
    ...extra,
  });
  const passed = { verdict: { passed: true } } as unknown as NonNullable<RecommendationInput['gate']>;
  const failed = { verdict: { passed: false } } as unknown as NonNullable<RecommendationInput['gate']>;

  it('ships the faster variant whose agreement meets the bar and whose gate passed, saying why', () => {
    assert.deepEqual(shipRecommendation(input([1000, 2900], { gate: passed, quality: quality(classes('fp32', 1), classes('int8', 0.996)) })), {
      ship: 'int8',
      reason: '2.900× peak throughput per replica, 99.6% top-1 agreement with fp32, gate passed',
    });
  });

  it('keeps the first variant, naming the reason: agreement below the bar, a failed gate, a model not compared, or nothing faster', () => {
    assert.deepEqual(shipRecommendation(input([1000, 2900], { gate: passed, quality: quality(classes('fp32', 1), classes('int8', 0.97)) })), {
      ship: 'fp32',
      reason: 'int8 has 2.900× peak throughput per replica but 97% top-1 agreement with fp32 is below the bar (99% top-1 agreement, cosine 0.999)',
    });
    assert.deepEqual(shipRecommendation(input([1000, 2000], { gate: failed, quality: quality(classes('fp32', 1), classes('int8', 1)) })), {
      ship: 'fp32',
      reason: 'int8 has 2.000× peak throughput per replica but the regression gate failed',
    });
    assert.deepEqual(shipRecommendation(input([1000, 2000], { quality: quality(classes('fp32', 1), { label: 'int8', unavailable: 'no file' }) })), {
      ship: 'fp32',
      reason: 'int8 has 2.000× peak throughput per replica but its outputs were not compared (no file)',
    });
    assert.deepEqual(shipRecommendation(input([1000, 800])), { ship: 'fp32', reason: 'no variant has more peak throughput per replica than fp32 (int8 0.800× peak throughput per replica)' });
  });

  it('compares throughput per replica, and of several shippable variants takes the fastest; one model file needs no quality bar', () => {
    const costs = [
      { label: 'fp32', predictionsPerSecond: 1000, replicas: 1 },
      { label: 'int8', predictionsPerSecond: 3000, replicas: 2 },
      { label: 'fp16', predictionsPerSecond: 1200, replicas: 1 },
    ];
    assert.deepEqual(shipRecommendation({ labels: ['fp32', 'int8', 'fp16'], costs, gate: null, quality: null }), { ship: 'int8', reason: '1.500× peak throughput per replica, same model file' });
  });
});
