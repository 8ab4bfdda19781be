import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arrivalSchedule } from '../../../harness/drive/arrivalSchedule.ts';
import { runOpenLoop, type OpenLoopSettings } from '../../../harness/drive/openLoopDriver.ts';
import type { RequestOutcome } from '../../../harness/drive/requestOutcome.ts';
import { deadUrl, startLoopbackServer, type LoopbackServer } from './loopbackServer.ts';

const body = '{"inputs":[]}';

/** Runs the driver against `server` (stopped afterwards, even on failure) and collects every outcome. */
async function drive(server: LoopbackServer | undefined, options: Partial<OpenLoopSettings> & Pick<OpenLoopSettings, 'schedule' | 'durationMs'> & { nextBody?: () => string | Buffer }) {
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

  it('holds a request due while every connection is busy in the backlog and drops only beyond it', async () => {
    const server = await startLoopbackServer(() => {}); // never answers
    const { result, outcomes } = await drive(server, {
      schedule: arrivalSchedule({ rate: 100, durationMs: 500, arrivals: 'constant' }),
      durationMs: 500,
      connections: 2,
      timeoutMs: 700,
    });
    // 2 sent, 2 wait (the backlog holds as many as there are connections), 46 dropped. The first two time
    // out 700 ms after their intended time (0, 10 ms), as the waiting ones (20, 30 ms) reach theirs: each of
    // those is sent on the connection just freed or, already past its deadline, expires unsent.
    assert.deepEqual([result.scheduled, result.dropped, result.sent + result.expired, result.failed], [50, 46, 4, 4]);
    assert.equal(outcomes.filter((o) => o.dropped === true && o.sentMs === undefined).length, 46);
    const timedOut = outcomes.filter((o) => o.failure === 'timeout').map((o) => o.intendedMs - result.startMs);
    assert.deepEqual(timedOut.sort((a, b) => a - b), [0, 10, 20, 30]);
    assert.equal(server.received(), result.sent);
  });

  it('sends a waiting request as soon as a connection frees, timed from its intended time (wrk2)', async () => {
    const server = await startLoopbackServer((_request, response) => setTimeout(() => response.end('ok'), 100));
    const { result, outcomes } = await drive(server, { schedule: [0, 10, 20], durationMs: 50, connections: 1, backlog: 2 });
    assert.deepEqual([result.sent, result.delayed, result.dropped, result.succeeded], [3, 2, 0, 3]);
    const inOrder = [...outcomes].sort((a, b) => a.intendedMs - b.intendedMs);
    // Each waits for the one before: done at ~100, ~200, ~300 ms, so latencies ~100, ~190, ~280 ms.
    const latencies = inOrder.map((o) => o.doneMs! - o.intendedMs);
    assert.ok(latencies[1]! >= 185 && latencies[2]! >= 275, `latencies ${latencies.join(', ')}`);
    assert.ok(inOrder[2]!.sentMs! - inOrder[2]!.intendedMs >= 175);
  });

  it('counts a request\'s timeout from its intended time, not from when a connection freed for it', async () => {
    const server = await startLoopbackServer((_request, response) => setTimeout(() => response.end('ok'), 150));
    const { outcomes } = await drive(server, { schedule: [0, 10], durationMs: 50, connections: 1, timeoutMs: 250 });
    const second = outcomes.find((o) => o.intendedMs === Math.max(...outcomes.map((x) => x.intendedMs)))!;
    // Sent at ~150 ms when the first answer freed the connection; due to time out at 10 + 250 ms, long
    // before its answer at ~300 ms (from the send, it would have had until ~400 ms and succeeded).
    assert.equal(second.failure, 'timeout');
    assert.ok(second.doneMs! - second.intendedMs < 330, `timed out ${second.doneMs! - second.intendedMs} ms after its intended time`);
  });

  it('reports the first and last intended send times it reached', async () => {
    const server = await startLoopbackServer();
    const { result } = await drive(server, { schedule: [5, 15, 45], durationMs: 50 });
    assert.deepEqual([result.firstIntendedMs! - result.startMs, result.lastIntendedMs! - result.startMs], [5, 45]);
  });

  it('stops the schedule early on endSignal and lets the requests in flight complete', async () => {
    const server = await startLoopbackServer((_request, response) => setTimeout(() => response.end('ok'), 50));
    const end = new AbortController();
    const outcomes: RequestOutcome[] = [];
    const { result } = await drive(server, {
      schedule: arrivalSchedule({ rate: 100, durationMs: 10_000, arrivals: 'constant' }),
      durationMs: 10_000,
      endSignal: end.signal,
      onOutcome: (outcome) => {
        outcomes.push(outcome);
        if (outcomes.length === 5) end.abort(); // ~5 more are in flight then (50 ms at 100 req/s)
      },
    });
    assert.ok(result.scheduled >= 5 && result.scheduled <= 30, `${result.scheduled} scheduled`);
    assert.equal(result.abandoned, 0);
    assert.equal(outcomes.length, result.scheduled);
    assert.equal(result.succeeded, result.sent);
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
    const controller = new AbortController();
    let received = 0;
    // Aborts once the server holds two requests (timed from the traffic, not from before the driver is up).
    const server = await startLoopbackServer(() => {
      if (++received === 2) setTimeout(() => controller.abort(), 30);
    });
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

  it('sends a mix: each request to the path and headers of the model picked as it came due, its outcome naming that model', async () => {
    const seen: { path: string; header: string | undefined; body: string }[] = [];
    const server = await startLoopbackServer((request, response, requestBody) => {
      seen.push({ path: request.url!, header: request.headers['x-model'] as string | undefined, body: requestBody.toString() });
      response.end('ok');
    });
    const picks = [0, 1, 1, 0, 1, 0, 0, 1];
    let next = 0;
    const route = (name: string) => ({ name, path: `/v2/models/${name}/infer`, headers: { 'x-model': name }, nextBody: () => `body of ${name}` });
    const { result, outcomes } = await drive(server, {
      schedule: picks.map((_, i) => i * 5),
      durationMs: 100,
      nextBody: undefined,
      mix: { routes: [route('a'), route('b')], pick: () => picks[next++]! },
    } as never);
    assert.equal(result.sent, picks.length);
    const names = ['a', 'b'];
    // Sent in schedule order on idle connections: the server sees the picks in order.
    assert.deepEqual(seen.map((request) => request.path), picks.map((pick) => `/v2/models/${names[pick]}/infer`));
    assert.deepEqual(seen.map((request) => request.header), picks.map((pick) => names[pick]));
    assert.deepEqual(seen.map((request) => request.body), picks.map((pick) => `body of ${names[pick]}`));
    assert.deepEqual(outcomes.map((outcome) => outcome.model).sort(), [...picks].sort());
    for (const outcome of outcomes) assert.equal(typeof outcome.model, 'number');
  });

  it('tags a dropped request with the model it was picked for', async () => {
    const server = await startLoopbackServer((_request, response) => setTimeout(() => response.end('ok'), 200));
    const picks = [1, 0, 1];
    let next = 0;
    const route = (name: string) => ({ name, path: `/${name}`, nextBody: () => '{}' });
    const { outcomes } = await drive(server, {
      schedule: [0, 1, 2],
      durationMs: 50,
      connections: 1,
      backlog: 0,
      mix: { routes: [route('a'), route('b')], pick: () => picks[next++]! },
    } as never);
    const dropped = outcomes.filter((outcome) => outcome.dropped === true);
    assert.deepEqual(dropped.map((outcome) => outcome.model), [0, 1]);
    assert.deepEqual(outcomes.filter((outcome) => outcome.dropped !== true).map((outcome) => outcome.model), [1]);
  });
});
