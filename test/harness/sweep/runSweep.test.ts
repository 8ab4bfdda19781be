import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { envelopeOf } from '../../../harness/results/resultsEnvelope.ts';
import { sweepSchemaVersion } from '../../../harness/results/sweepResults.ts';
import { extendedLevel, measureLevels, pointOf, refinedLevel, runSweep, type SweepPoint } from '../../../harness/sweep/runSweep.ts';
import { parseScenario } from '../../../harness/scenario/loadScenario.ts';
import { calibrationOf } from '../../../harness/sweep/calibration.ts';
import { PhaseRecorder } from '../../../harness/stats/phaseRecorder.ts';
import { startLoopbackServer } from '../drive/loopbackServer.ts';

/**
 * A loopback endpoint that admits exactly `capacity` req/s: one server, FIFO, each request taking 1/capacity
 * s of its time (a D/D/1 queue), so what arrives faster waits in its queue and the excess accumulates.
 */
async function serverOfCapacity(capacity: number) {
  const serviceMs = 1000 / capacity;
  let freeAtMs = 0;
  return startLoopbackServer((_request, response) => {
    const nowMs = performance.now();
    freeAtMs = Math.max(freeAtMs, nowMs) + serviceMs;
    setTimeout(() => response.end('ok'), freeAtMs - nowMs);
  });
}

describe('measureLevels', () => {
  it('judges a level at 1.05x a known capacity not sustainable, and calibrates the highest sustainable level', async () => {
    const capacity = 400;
    const server = await serverOfCapacity(capacity);
    try {
      const { points, knee } = await measureLevels(
        { inferUrl: server.url, nextBody: () => '{}', timeoutMs: 5000, seed: 1 },
        { mode: 'rate', levels: [200, 1.05 * capacity], windowMs: 1000, maxWindows: 3, p99BudgetMs: 1000 },
      );
      const [half, over] = points;
      // At 1.05x: ~400 of 420 req/s answered (95 %), its queue growing across the level's windows, though
      // its p99 (under ~150 ms) is well within the 1 s budget, so latency alone would call it the knee. The
      // endpoint cannot answer more than 400/s, so no noise can make this level look sustainable.
      assert.equal(over!.level, 420);
      assert.equal(over!.sustainable, false, `throughput ${over!.throughput} of 420 offered, p99 ${over!.p99} ms`);
      assert.ok(over!.throughput < 0.99 * 420 && over!.p99! <= 1000, `throughput ${over!.throughput}, p99 ${over!.p99}`);
      assert.equal(over!.windows, 3);
      assert.notEqual(knee?.level, 420);
      // Below capacity it keeps up (judged exactly in sustainable.test.ts; a 2-core machine shared by other
      // work can stall its event loop across a window's edge, so only within 5 % here).
      assert.equal(half!.dropped, 0);
      assert.ok(half!.throughput >= 190, `throughput ${half!.throughput} of 200 offered`);
    } finally {
      await server.stop();
    }
  });

  it('extends past the highest level only while levels keep up, stops at the first that does not, then bisects the gap', async () => {
    const capacity = 250;
    const server = await serverOfCapacity(capacity);
    try {
      const { points: all, knee } = await measureLevels(
        { inferUrl: server.url, nextBody: () => '{}', timeoutMs: 5000, seed: 1 },
        { mode: 'rate', levels: [100], windowMs: 1000, maxWindows: 3, p99BudgetMs: 1000, extend: { levels: 5, factor: 2 }, refine: 1 },
      );
      // The points come back in level order; the one refining level is the one off the doubling chain.
      assert.deepEqual(all.map((point) => point.level), [...all.map((point) => point.level)].sort((a, b) => a - b));
      const points = all.filter((point) => Number.isInteger(Math.log2(point.level / 100)));
      const refined = all.filter((point) => !points.includes(point)).map((point) => point.level);
      assert.deepEqual(refined, points.length > 1 && points[0]!.sustainable ? [refinedLevel(points, 1000)] : []);
      const levels = points.map((point) => point.level);
      // Each level past the one asked for is twice the last, and was measured only because the last kept up.
      levels.slice(1).forEach((level, i) => assert.equal(level, 2 * levels[i]!, `levels ${levels.join(', ')}`));
      points.slice(0, -1).forEach((point) => assert.equal(point.sustainable, true, `level ${point.level} was extended past`));
      if (points[0]!.sustainable) assert.ok(points.length > 1, 'a sustainable highest level was not extended');
      // 400 req/s cannot be kept up with by an endpoint that answers 250/s, so the extension ends there at the
      // latest, with 3 of its 5 levels unused (below it a busy machine may end it sooner: the rule holds either way).
      assert.ok(levels.every((level) => level <= 400), `levels ${levels.join(', ')}`);
      assert.equal(points.at(-1)!.sustainable, false);
      // 300 (between 200 and 400) is past the endpoint's 250/s too, so the knee stays where the chain put it.
      if (refined.length > 0) assert.equal(all.find((point) => point.level === refined[0])!.sustainable, false);
      assert.equal(knee, points.at(-2));
    } finally {
      await server.stop();
    }
  });

  it('judges a rate level against the requests that came due in its windows, not its nominal rate', () => {
    // Three 1 s windows, each answering 95 requests with 10 ms latency, at a nominal 100 req/s.
    const windows = [0, 1, 2].map((w) => {
      const recorder = new PhaseRecorder({ name: `r100-w${w + 1}`, kind: 'open', warmup: false, targetRate: 100, startMs: w * 1000 });
      for (let i = 0; i < 95; i++) recorder.record({ intendedMs: w * 1000 + i * 10, sentMs: w * 1000 + i * 10, doneMs: w * 1000 + i * 10 + 10, status: 200 });
      return recorder.finish((w + 1) * 1000, { startMs: w * 1000, endMs: (w + 1) * 1000 });
    });
    // A Poisson level whose process happened to ask for 95 a second: every one was answered, so it kept up.
    const kept = pointOf('rate', 100, { windows, due: [95, 95, 95] }, 1000);
    assert.deepEqual([kept.offeredRate, kept.throughput, kept.sustainable], [95, 95, true]);
    // The same answers when 100 a second came due: 5 % of them were not answered within their window.
    const behind = pointOf('rate', 100, { windows, due: [100, 100, 100] }, 1000);
    assert.deepEqual([behind.offeredRate, behind.throughput, behind.sustainable], [100, 95, false]);
    // A closed loop offers no rate: judged by its errors alone.
    assert.equal(pointOf('concurrency', 4, { windows, due: [100, 100, 100] }, 1000).offeredRate, null);
  });

  it('refines halfway between the knee and the lowest level above it that did not keep up', () => {
    const at = (level: number, sustainable: boolean) => ({ level, sustainable, p99: 1 }) as SweepPoint;
    assert.equal(refinedLevel([at(100, true), at(200, true), at(400, false)], 1000), 300);
    // Only the lowest failure above the knee counts, wherever it was measured in the sweep.
    assert.equal(refinedLevel([at(100, true), at(400, false), at(200, true), at(300, false), at(250, true)], 1000), 275);
    assert.equal(refinedLevel([at(0.5, true), at(1, false)], 1000), 0.75);
    // Nothing strictly between, no knee, or nothing failed above it: nothing to refine.
    assert.equal(refinedLevel([at(200, true), at(201, false)], 1000), undefined);
    assert.equal(refinedLevel([at(100, false), at(200, false)], 1000), undefined);
    assert.equal(refinedLevel([at(100, true), at(200, true)], 1000), undefined);
  });

  it('sets each extended level a factor above the last, whole levels staying whole and rising', () => {
    assert.equal(extendedLevel(160, 1.25), 200);
    assert.equal(extendedLevel(161, 1.25), 201);
    assert.equal(extendedLevel(2, 1.25), 3);
    assert.equal(extendedLevel(0.5, 2), 1);
    assert.equal(extendedLevel(0.5, 1.5), 0.75);
  });

  it('gives the calibration the knee\'s throughput as the replica\'s capacity', () => {
    const stats = { phases: [], durationMs: 0, windowMs: 0, drainMs: 0, achievedRate: 0, sentRate: 0, throughput: 0, counts: { sent: 0, completed: 0, ok: 0, dropped: 0, errors: 0, cacheHits: 0, cacheMisses: 0 }, errors: {}, errorRate: null, latency: { count: 0, min: null, mean: null, p50: null, p90: null, p95: null, p99: null, p999: null, max: null }, histogram: '' };
    const point = (level: number, throughput: number, sustainable: boolean) => ({ level, offeredRate: level, throughput, p50: 1, p95: 2, p99: 3, errorRate: 0, dropped: 0, sustainable, stable: true, windows: 3, stats });
    const points = [point(100, 100, true), point(200, 199, true), point(300, 260, false)];
    const calibration = calibrationOf({ ...envelopeOf('sweep', sweepSchemaVersion), scenario: 's', mode: 'rate', target: { url: 'u', kind: 'url', resolved: { model: 'm', version: '2', rows: 1, replicas: null, batching: null, cache: null } }, workload: { model: 'm' } as never, p99BudgetMs: 10, points, knee: points[1]!, startedAt: '2026-01-01T00:00:00Z' });
    assert.equal(calibration.maxSustainableThroughput, 199);
    // The version the server said it served, as none was asked for.
    assert.equal(calibration.modelVersion, '2');
    assert.deepEqual(calibration.curve.map((c) => c.sustainable), [true, true, false]);
  });
});

describe('runSweep', () => {
  it('refuses a mix of models by name before reaching any target (a sweep calibrates one model)', async () => {
    const scenario = parseScenario(
      ['name: mixed', 'target: { url: "http://127.0.0.1:9" }', 'workload:', '  mix: [{ model: a, weight: 1 }, { model: b, version: 2, weight: 3 }]', 'phases: [{ kind: open, rate: 1, duration: 1s }]'].join('\n'),
      'mixed.yaml',
    );
    await assert.rejects(runSweep(scenario, { mode: 'rate', levels: [1], windowMs: 1000, maxWindows: 3, p99BudgetMs: 100 }), (error: unknown) => {
      const { code, exitCode, message } = error as { code: string; exitCode: number; message: string };
      return code === 'E_SWEEP_NEEDS_ONE_MODEL' && exitCode === 2 && message === 'scenario mixed mixes models (a, b:2), and a sweep calibrates one; add --model NAME[:VERSION] to sweep one of them';
    });
  });
});
