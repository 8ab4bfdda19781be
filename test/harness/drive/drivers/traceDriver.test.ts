import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadDriverOf } from '../../../../harness/drive/loadDriverRegistry.ts';
import { shardPhases } from '../../../../harness/run/shard.ts';
import { runPhase } from '../../../../harness/run/runPhase.ts';
import { parseScenario } from '../../../../harness/scenario/loadScenario.ts';
import type { Phase } from '../../../../harness/scenario/scenarioSchema.ts';
import { startLoopbackServer, type LoopbackServer } from '../loopbackServer.ts';

const tempDir = mkdtempSync(path.join(tmpdir(), 'infercap-trace-phase-'));
let server: LoopbackServer;
before(async () => {
  server = await startLoopbackServer();
  // 5, 10 and 5 requests in three seconds; an arrival log of 12 requests over two seconds.
  writeFileSync(path.join(tempDir, 'rates.csv'), 'timestamp,rps\n2026-01-01T00:00:00Z,5\n2026-01-01T00:00:01Z,10\n2026-01-01T00:00:02Z,5\n');
  const log = [0.1, 0.2, 0.3, 0.5, 0.9, 1.0, 1.1, 1.2, 1.4, 1.6, 1.8, 1.95].map((s) => `${1_767_225_600 + s},/v2/models/m/infer,200`);
  writeFileSync(path.join(tempDir, 'log.csv'), `${log.join('\n')}\n`);
});
after(async () => {
  await server.stop();
  rmSync(tempDir, { recursive: true, force: true });
});

/** The one trace phase of a scenario written next to the traces, with `options` as YAML lines. */
function tracePhase(trace: string, ...options: string[]): Phase {
  const text = ['name: t', 'target: { url: "http://127.0.0.1:1" }', 'workload: { model: m }', 'phases:', '  - kind: trace', `    trace: ${trace}`, ...options.map((o) => `    ${o}`)].join('\n');
  return parseScenario(text, path.join(tempDir, 'scenario.yaml')).phases[0]!;
}

/** Replays `phase` against the loopback server; the requests it received and the phase's statistics. */
async function replay(phase: Phase) {
  const before = server.received();
  const stats = await runPhase(phase, { url: server.url, nextBody: () => '{}', timeoutMs: 5000, seed: 1 });
  return { received: server.received() - before, stats };
}

describe('the trace phase', () => {
  it('replays a rate CSV with exactly its requests, each second\'s target in the series', async () => {
    const phase = tracePhase('rates.csv', 'arrivals: poisson', 'seed: 3');
    assert.equal(phase.duration, 3000);
    assert.equal(loadDriverOf(phase).describeLoad(phase), 'trace rates.csv, mean 6.7/s');
    const { received, stats } = await replay(phase);
    assert.equal(received, 20);
    assert.equal(stats.counts.sent + stats.counts.dropped, 20);
    assert.equal(stats.kind, 'trace');
    assert.equal(stats.targetRate, 20 / 3);
    assert.deepEqual(stats.series.slice(0, 3).map((s) => s.target), [5, 10, 5]);
    assert.equal(stats.series.reduce((sum, s) => sum + s.sent, 0), 20);
  });

  it('replays an arrival log as logged', async () => {
    const phase = tracePhase('log.csv');
    assert.equal(phase.duration, 2000);
    const { received, stats } = await replay(phase);
    assert.equal(received, 12);
    assert.deepEqual(stats.series.slice(0, 2).map((s) => s.target), [5, 7]);
  });

  it('takes speedup, scale and window', async () => {
    const faster = tracePhase('rates.csv', 'speedup: 3', 'arrivals: constant');
    assert.equal(faster.duration, 1000);
    assert.equal((await replay(faster)).received, 20);
    const doubled = tracePhase('rates.csv', 'scale: 2');
    assert.equal(doubled.duration, 3000);
    const { received, stats } = await replay(doubled);
    assert.equal(received, 40);
    assert.deepEqual(stats.series.slice(0, 3).map((s) => s.target), [10, 20, 10]);
    const middle = tracePhase('rates.csv', 'window: { start: 1, end: 2 }');
    assert.equal(middle.duration, 1000);
    assert.equal((await replay(middle)).received, 10);
    const logWindow = tracePhase('log.csv', 'window: { start: 1s }', 'speedup: 2');
    assert.equal(logWindow.duration, 1000);
    assert.equal((await replay(logWindow)).received, 7);
  });

  it('splits the arrivals between shards, every one sent by exactly one shard', async () => {
    const phase = tracePhase('log.csv', 'seed: 5');
    const sent: number[] = [];
    for (const index of [1, 2, 3]) {
      const [part] = shardPhases([phase], { index, count: 3 });
      const { received, stats } = await replay(part!);
      assert.equal(received, 4);
      sent.push(stats.series.reduce((sum, s) => sum + (s.target ?? 0), 0));
    }
    assert.deepEqual(sent, [4, 4, 4]);
  });

  it('shows a target the server cannot meet as failed requests against each second\'s target, never as fewer due', async () => {
    const stuck = await startLoopbackServer(() => {}); // never answers
    try {
      const phase = tracePhase('rates.csv', 'arrivals: constant');
      const stats = await runPhase(phase, { url: stuck.url, nextBody: () => '{}', timeoutMs: 300, seed: 1 });
      assert.equal(stats.counts.sent + stats.counts.dropped, 20);
      assert.equal(stats.counts.ok, 0);
      assert.equal(stats.errors['timeout'], 20);
      assert.deepEqual(stats.series.slice(0, 3).map((s) => s.target), [5, 10, 5]);
      assert.equal(stats.throughput, 0);
      assert.equal(stats.targetRate, 20 / 3);
    } finally {
      await stuck.stop();
    }
  });
});
