// The proof of honest latency: a server that stalls for 1 s shows the stall in an open-loop p99,
// while a closed-loop measurement of the same server hides it (only its few in-flight requests wait).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arrivalSchedule } from '../../../harness/drive/arrivalSchedule.ts';
import { runClosedLoop } from '../../../harness/drive/closedLoopDriver.ts';
import { runOpenLoop } from '../../../harness/drive/openLoopDriver.ts';
import type { RequestOutcome } from '../../../harness/drive/requestOutcome.ts';
import { PhaseRecorder } from '../../../harness/stats/phaseRecorder.ts';
import { percentile, startLoopbackServer } from './loopbackServer.ts';

const durationMs = 3000;
const stallFromMs = 1000;
const stallToMs = 2000;
const slowMs = 300;

/** A server that answers at once, except that it answers nothing arriving in [1 s, 2 s) until t = 2 s. */
async function stallingServer() {
  let startMs = Number.POSITIVE_INFINITY;
  const server = await startLoopbackServer((_request, response) => {
    const t = performance.now() - startMs;
    if (t >= stallFromMs && t < stallToMs) setTimeout(() => response.end('ok'), stallToMs - t);
    else response.end('ok');
  });
  return { ...server, start: () => (startMs = performance.now()) };
}

const latencies = (outcomes: readonly RequestOutcome[]) => outcomes.filter((o) => o.failure === undefined && o.dropped !== true).map((o) => o.doneMs! - o.intendedMs);

describe('coordinated omission', () => {
  it('open loop at 100 req/s shows a 1 s stall in p99; closed loop with 2 connections does not', async () => {
    const open: RequestOutcome[] = [];
    const openServer = await stallingServer();
    try {
      openServer.start();
      const result = await runOpenLoop({
        url: openServer.url,
        schedule: arrivalSchedule({ rate: 100, durationMs, arrivals: 'constant' }),
        durationMs,
        nextBody: () => '{}',
        timeoutMs: 5000,
        onOutcome: (outcome) => open.push(outcome),
      });
      assert.equal(result.dropped, 0);
    } finally {
      await openServer.stop();
    }

    const closed: RequestOutcome[] = [];
    const closedServer = await stallingServer();
    try {
      closedServer.start();
      await runClosedLoop({ url: closedServer.url, connections: 2, durationMs, nextBody: () => '{}', timeoutMs: 5000, onOutcome: (outcome) => closed.push(outcome) });
    } finally {
      await closedServer.stop();
    }

    // Every request intended in [1.0 s, 1.7 s) waits ≥ 300 ms for the end of the stall: 70 of 300.
    const openLatencies = latencies(open);
    assert.equal(openLatencies.length, 300);
    const openSlow = openLatencies.filter((latency) => latency >= slowMs).length;
    assert.ok(openSlow >= 60, `open loop: ${openSlow} of 300 requests ≥ ${slowMs} ms`);
    assert.ok(percentile(openLatencies, 0.99) >= 800, `open-loop p99 ${percentile(openLatencies, 0.99)} ms`);

    // Only the request each connection had in flight when the stall began waits for it.
    const closedLatencies = latencies(closed);
    const closedSlow = closedLatencies.filter((latency) => latency >= slowMs).length;
    assert.ok(closedLatencies.length >= 300, `closed loop: ${closedLatencies.length} requests`);
    assert.ok(closedSlow >= 1 && closedSlow <= 2, `closed loop: ${closedSlow} requests ≥ ${slowMs} ms`);
    assert.ok(percentile(closedLatencies, 0.99) < slowMs, `closed-loop p99 ${percentile(closedLatencies, 0.99)} ms`);
  });

  /** 200 req/s for 1 s against a server that blocks the whole process (server and driver) for 400 ms at 300 ms. */
  async function starvingStall(connections: number) {
    let startMs = Number.POSITIVE_INFINITY;
    let stalled = false;
    const server = await startLoopbackServer((_request, response) => {
      if (!stalled && performance.now() - startMs >= 300) {
        stalled = true;
        const until = performance.now() + 400;
        while (performance.now() < until); // blocks the event loop: no send, no answer, no timer
      }
      response.end('ok');
    });
    const recorder = new PhaseRecorder({ name: 'stall', kind: 'open', warmup: false, startMs: performance.now() });
    try {
      startMs = performance.now();
      await runOpenLoop({
        url: server.url,
        schedule: arrivalSchedule({ rate: 200, durationMs: 1000, arrivals: 'constant' }),
        durationMs: 1000,
        nextBody: () => '{}',
        timeoutMs: 5000,
        connections,
        onOutcome: (outcome) => recorder.record(outcome),
      });
    } finally {
      await server.stop();
    }
    return recorder.finish(performance.now());
  }

  it('a stall that also starves the driver shows in p99 or in errors, never in neither', async () => {
    // ~80 requests come due during the stall and are found late. Each is either sent late and timed from
    // its intended time (in p99) or, beyond the connections and backlog, dropped (an error). Before, the
    // driver dropped them uncounted: in neither.
    for (const connections of [1024, 4]) {
      const stats = await starvingStall(connections);
      assert.equal(stats.counts.sent + stats.counts.dropped, 200);
      const p99 = stats.latency.p99 ?? 0;
      const errorRate = stats.errorRate ?? 0;
      assert.ok(p99 >= 300 || errorRate >= 0.3, `${connections} connections: the stall is in neither p99 (${p99} ms) nor the error rate (${errorRate})`);
      if (connections === 1024) {
        // Enough connections: every request was sent, and the stall is in the latency.
        assert.equal(stats.counts.dropped, 0);
        assert.ok(p99 >= 300, `p99 ${p99} ms`);
      } else {
        // 4 connections and 4 waiting: the rest of the stall's requests are dropped, errors of kind dropped.
        assert.ok(stats.counts.dropped >= 50 && stats.errors['dropped'] === stats.counts.dropped, `${stats.counts.dropped} dropped`);
      }
    }
  });
});
