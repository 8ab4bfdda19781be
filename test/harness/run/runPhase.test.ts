import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runPhase } from '../../../harness/run/runPhase.ts';
import { startLoopbackServer } from '../drive/loopbackServer.ts';

const context = (url: string) => ({ url, nextBody: () => '{}', timeoutMs: 400, seed: 1 });

describe('runPhase', () => {
  it('open loop: one request timing out at the end drains on its own and leaves the rates over the schedule window', async () => {
    // 200 req/s for 1 s (issue 14's example, shortened): 200 sends at 0, 5, …, 995 ms. The server holds the
    // last one, which times out 400 ms after its intended time. The window is 1,000 ms (995 + one interval).
    let n = 0;
    const server = await startLoopbackServer((_request, response) => {
      if (++n < 200) response.end('ok');
    });
    try {
      const stats = await runPhase({ name: 'steady', kind: 'open', rate: 200, arrivals: 'constant', duration: 1000, warmup: false }, context(server.url));
      assert.deepEqual([stats.windowMs, stats.sentRate, stats.achievedRate, stats.throughput], [1000, 200, 200, 199]);
      assert.deepEqual(stats.errors, { timeout: 1 });
      assert.ok(stats.drainMs > 300 && stats.durationMs >= 1300, `drain ${stats.drainMs} ms of ${stats.durationMs} ms`);
      assert.equal(stats.targetRate, 200);
    } finally {
      await server.stop();
    }
  });

  it('closed loop: the window ends when new requests stop; the wait for the last answers is the drain', async () => {
    const server = await startLoopbackServer((_request, response) => setTimeout(() => response.end('ok'), 100));
    try {
      const stats = await runPhase({ name: 'c', kind: 'closed', connections: 2, duration: 250, warmup: false }, context(server.url));
      assert.ok(Math.abs(stats.windowMs - 250) < 30, `window ${stats.windowMs} ms`);
      assert.ok(stats.drainMs >= 20, `drain ${stats.drainMs} ms`);
      assert.equal(stats.counts.ok, stats.counts.sent);
      assert.equal(stats.throughput, Math.round((stats.counts.ok * 1e6) / stats.windowMs) / 1000);
    } finally {
      await server.stop();
    }
  });
});
