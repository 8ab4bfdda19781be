import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { envelopeOf } from '../../../harness/results/resultsEnvelope.ts';
import { sweepSchemaVersion } from '../../../harness/results/sweepResults.ts';
import { measureLevels, runSweep } from '../../../harness/sweep/runSweep.ts';
import { parseScenario } from '../../../harness/scenario/loadScenario.ts';
import { calibrationOf } from '../../../harness/sweep/calibration.ts';
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
