import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arrivalSchedule } from '../../../harness/drive/arrivalSchedule.ts';
import { runOpenLoop, type OpenLoopOptions } from '../../../harness/drive/openLoopDriver.ts';
import type { RequestOutcome } from '../../../harness/drive/requestOutcome.ts';
import { deadUrl, startLoopbackServer, type LoopbackServer } from './loopbackServer.ts';

const body = '{"inputs":[]}';

/** Runs the driver against `server` (stopped afterwards, even on failure) and collects every outcome. */
async function drive(server: LoopbackServer | undefined, options: Partial<OpenLoopOptions> & Pick<OpenLoopOptions, 'schedule' | 'durationMs'>) {
  const outcomes: RequestOutcome[] = [];
  try {
    const result = await runOpenLoop({ url: server?.url ?? '', nextBody: () => body, timeoutMs: 2000, onOutcome: (outcome) => outcomes.push(outcome), ...options });
    return { result, outcomes };
  } finally {
    await server?.stop();
  }
}

describe('runOpenLoop', () => {
  it('accounts for every intended request at 1,000 req/s and sends them at their intended times', async () => {
    const server = await startLoopbackServer();
    const { result, outcomes } = await drive(server, { schedule: arrivalSchedule({ rate: 1000, durationMs: 1000, arrivals: 'constant' }), durationMs: 1000 });
    assert.equal(result.scheduled, 1000);
    assert.equal(result.sent + result.dropped, result.scheduled);
    assert.equal(outcomes.length, 1000);
    assert.equal(server.received(), result.sent);
    assert.ok(result.sent >= 990, `sent ${result.sent} of 1000`); // a noisy machine may drop a few late ones
    assert.equal(result.succeeded, result.sent);
    const intended = outcomes.map((outcome) => outcome.intendedMs - result.startMs).sort((a, b) => a - b);
    intended.forEach((offset, i) => assert.ok(Math.abs(offset - i) < 1e-6, `request ${i} intended at ${offset} ms`));
    for (const outcome of outcomes.filter((o) => o.dropped !== true)) {
      assert.ok(outcome.sentMs! >= outcome.intendedMs && outcome.doneMs! > outcome.sentMs!);
      assert.equal(outcome.status, 200);
    }
  });

  it('measures latency from the intended time: a request held until t = 300 ms reads 300 ms minus its offset', async () => {
    let startMs = 0;
    const server = await startLoopbackServer((_request, response) => {
      setTimeout(() => response.end('ok'), Math.max(0, startMs + 300 - performance.now()));
    });
    startMs = performance.now();
    const { result, outcomes } = await drive(server, { schedule: [0, 100, 200], durationMs: 250 });
    for (const outcome of outcomes) {
      const offset = outcome.intendedMs - result.startMs;
      const latency = outcome.doneMs! - outcome.intendedMs;
      assert.ok(latency >= 300 - offset - (result.startMs - startMs) - 1, `offset ${offset}: latency ${latency}`);
    }
    assert.deepEqual(outcomes.map((o) => o.intendedMs - result.startMs).sort((a, b) => a - b), [0, 100, 200]);
  });

  it('drops requests when every connection is busy, with sent + dropped = scheduled', async () => {
    const server = await startLoopbackServer(() => {}); // never answers
    const { result, outcomes } = await drive(server, {
      schedule: arrivalSchedule({ rate: 100, durationMs: 500, arrivals: 'constant' }),
      durationMs: 500,
      connections: 2,
      timeoutMs: 700,
    });
    assert.deepEqual([result.scheduled, result.sent, result.droppedBusy, result.droppedLate], [50, 2, 48, 0]);
    assert.equal(outcomes.filter((o) => o.dropped === true && o.sentMs === undefined).length, 48);
    assert.equal(server.received(), 2);
  });

  it('ends an unanswered request as a timeout after timeoutMs', async () => {
    const server = await startLoopbackServer(() => {});
    const { result, outcomes } = await drive(server, { schedule: [0, 10], durationMs: 100, timeoutMs: 200 });
    assert.equal(result.failed, 2);
    for (const outcome of outcomes) {
      assert.equal(outcome.failure, 'timeout');
      const waited = outcome.doneMs! - outcome.sentMs!;
      assert.ok(waited >= 199 && waited < 1000, `timed out after ${waited} ms`);
    }
  });

  it('maps a refused connection to failure "connection"', async () => {
    const { result, outcomes } = await drive(undefined, { url: await deadUrl(), schedule: [0, 5, 10], durationMs: 100 });
    assert.equal(result.failed, 3);
    assert.deepEqual(outcomes.map((o) => o.failure), ['connection', 'connection', 'connection']);
  });

  it('maps a non-2xx answer to failure "status", reads X-Infercap-Cache, and sends the bodies and headers given', async () => {
    const seen: string[] = [];
    const server = await startLoopbackServer((request, response, received) => {
      seen.push(`${request.method} ${request.url} ${request.headers['content-type']} ${request.headers['x-test']} ${received.toString()}`);
      const n = seen.length;
      response.writeHead(n === 2 ? 503 : 200, { 'X-Infercap-Cache': n === 1 ? 'hit' : 'miss' });
      response.end();
    });
    let n = 0;
    const { outcomes } = await drive(server, {
      schedule: [0, 50, 100],
      durationMs: 200,
      headers: { 'x-test': 'yes' },
      nextBody: () => (n++ % 2 === 0 ? `body ${n}` : Buffer.from(`buffer ${n}`)),
    });
    assert.deepEqual(seen, ['POST /v2/models/m/infer application/json yes body 1', 'POST /v2/models/m/infer application/json yes buffer 2', 'POST /v2/models/m/infer application/json yes body 3']);
    const inOrder = [...outcomes].sort((a, b) => a.intendedMs - b.intendedMs);
    assert.deepEqual(inOrder.map((o) => [o.status, o.failure, o.cache]), [[200, undefined, 'hit'], [503, 'status', 'miss'], [200, undefined, 'miss']]);
  });

  it('stops at once when aborted, leaving requests in flight without an outcome', async () => {
    const server = await startLoopbackServer(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const begun = performance.now();
    const { result, outcomes } = await drive(server, { schedule: arrivalSchedule({ rate: 50, durationMs: 10_000, arrivals: 'constant' }), durationMs: 10_000, signal: controller.signal });
    assert.ok(performance.now() - begun < 1000);
    assert.ok(result.abandoned >= 2 && result.abandoned === result.sent, `${result.abandoned} abandoned of ${result.sent}`);
    assert.equal(outcomes.length, 0);
  });

  it('rejects with the error when the outcome sink throws, and closes its connections', async () => {
    const server = await startLoopbackServer();
    await assert.rejects(
      drive(server, { schedule: [0, 10, 20], durationMs: 100, onOutcome: () => { throw new Error('sink failed'); } }),
      /sink failed/,
    );
  });
});
