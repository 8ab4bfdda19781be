import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runClosedLoop, type ClosedLoopSettings } from '../../../harness/drive/closedLoopDriver.ts';
import type { RequestOutcome } from '../../../harness/drive/requestOutcome.ts';
import { deadUrl, startLoopbackServer, type LoopbackServer } from './loopbackServer.ts';

/** Runs the driver against `server` (stopped afterwards, even on failure) and collects every outcome. */
async function drive(server: LoopbackServer | undefined, options: Partial<ClosedLoopSettings> & { nextBody?: () => string | Buffer }) {
  const outcomes: RequestOutcome[] = [];
  try {
    const result = await runClosedLoop({
      url: server?.url ?? '',
      connections: 4,
      durationMs: 500,
      timeoutMs: 2000,
      nextBody: () => '{"inputs":[]}',
      onOutcome: (outcome) => outcomes.push(outcome),
      ...options,
    });
    return { result, outcomes };
  } finally {
    await server?.stop();
  }
}

describe('runClosedLoop', () => {
  it('reports one outcome per request the server received, with sub-millisecond latencies that are not 0', async () => {
    const server = await startLoopbackServer();
    const { result, outcomes } = await drive(server, {});
    assert.ok(outcomes.length > 100, `${outcomes.length} requests`);
    assert.equal(outcomes.length, server.received());
    assert.equal(result.sent, outcomes.length);
    assert.equal(result.succeeded, outcomes.length);
    const latencies = outcomes.map((o) => o.doneMs! - o.sentMs!);
    assert.ok(latencies.every((latency) => latency > 0), 'no latency reads as 0');
    assert.ok(latencies.some((latency) => latency < 1 && !Number.isInteger(latency)), 'microsecond resolution');
    assert.ok(outcomes.every((o) => o.intendedMs === o.sentMs && o.status === 200 && o.failure === undefined));
    assert.ok(outcomes.every((o) => o.sentMs! >= result.startMs && o.sentMs! < result.startMs + 500 + 200), 'no request starts after durationMs');
  });

  it('maps a non-2xx answer to failure "status", reads X-Infercap-Cache, and sends the bodies and headers given', async () => {
    const seen = new Set<string>();
    let n = 0;
    const server = await startLoopbackServer((request, response, body) => {
      seen.add(`${request.headers['content-type']} ${request.headers['x-test']} ${body.toString().startsWith('body ')}`);
      const odd = n++ % 2 === 1;
      response.writeHead(odd ? 503 : 200, { 'x-infercap-cache': odd ? 'miss' : 'hit' });
      response.end();
    });
    let bodies = 0;
    const { outcomes } = await drive(server, { connections: 1, durationMs: 200, headers: { 'x-test': 'yes' }, nextBody: () => `body ${bodies++}` });
    assert.deepEqual([...seen], ['application/json yes true']);
    assert.equal(bodies, outcomes.length, 'nextBody is called once per request sent');
    outcomes.forEach((outcome, i) =>
      assert.deepEqual([outcome.status, outcome.failure, outcome.cache], i % 2 === 1 ? [503, 'status', 'miss'] : [200, undefined, 'hit']),
    );
  });

  it('lets requests in flight at durationMs time out: one timeout per connection', async () => {
    const server = await startLoopbackServer(() => {});
    const { outcomes } = await drive(server, { connections: 2, durationMs: 100, timeoutMs: 1000 });
    assert.equal(server.received(), 2);
    assert.deepEqual(outcomes.map((o) => o.failure), ['timeout', 'timeout']);
    for (const outcome of outcomes) assert.ok(outcome.doneMs! - outcome.sentMs! >= 999, `waited ${outcome.doneMs! - outcome.sentMs!} ms`);
  });

  it('times a request out below 1 s (autocannon could not)', async () => {
    const server = await startLoopbackServer(() => {});
    const { outcomes } = await drive(server, { connections: 1, durationMs: 50, timeoutMs: 200 });
    assert.deepEqual(outcomes.map((o) => o.failure), ['timeout']);
    const waited = outcomes[0]!.doneMs! - outcomes[0]!.sentMs!;
    assert.ok(waited >= 199 && waited < 400, `timed out after ${waited} ms`);
  });

  it('stops new requests on endSignal and lets the requests in flight complete', async () => {
    const server = await startLoopbackServer((_request, response) => setTimeout(() => response.end('ok'), 20));
    const end = new AbortController();
    setTimeout(() => end.abort(), 100);
    const { result, outcomes } = await drive(server, { connections: 2, durationMs: 10_000, endSignal: end.signal });
    assert.ok(result.stoppedMs - result.startMs < 1000);
    assert.equal(outcomes.length, result.sent);
    assert.equal(result.succeeded, result.sent);
  });

  it('maps a refused connection to failure "connection" for every request it tried', async () => {
    const { result, outcomes } = await drive(undefined, { url: await deadUrl(), connections: 2, durationMs: 100 });
    assert.ok(outcomes.length >= 2);
    assert.equal(result.sent, outcomes.length);
    assert.ok(outcomes.every((o) => o.failure === 'connection'));
  });

  it('ends a request as a connection failure when the server closes its connection without answering', async () => {
    let n = 0;
    const server = await startLoopbackServer((request, response) => {
      if (n++ % 3 === 2) request.socket.destroy();
      else response.end('ok');
    });
    const { result, outcomes } = await drive(server, { connections: 2, durationMs: 300 });
    // The client layer sends a request once more, on a new connection, when the server closed a reused one
    // without answering; a request that meets a closed connection again fails as "connection".
    assert.equal(result.sent, outcomes.length);
    assert.ok(server.received() >= outcomes.length);
    assert.ok(outcomes.every((o) => (o.status === 200 && o.failure === undefined) || o.failure === 'connection'));
    assert.equal(result.failed, outcomes.filter((o) => o.failure === 'connection').length);
    assert.ok(result.failed >= 1, `${result.failed} of ${outcomes.length} failed`);
  });

  it('stops soon when aborted, leaving requests in flight without an outcome', async () => {
    const server = await startLoopbackServer(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const begun = performance.now();
    const { result, outcomes } = await drive(server, { connections: 3, durationMs: 10_000, timeoutMs: 5000, signal: controller.signal });
    assert.ok(performance.now() - begun < 1000);
    assert.deepEqual([result.sent, outcomes.length], [3, 0]);
  });

  it('rejects invalid options before any traffic', async () => {
    await assert.rejects(drive(undefined, { timeoutMs: 0 }), RangeError);
    await assert.rejects(drive(undefined, { connections: 0 }), RangeError);
  });

  it('sends a mix: each request to the path of the model picked as it was sent, its outcome naming that model', async () => {
    const paths: string[] = [];
    const server = await startLoopbackServer((request, response) => {
      paths.push(request.url!);
      response.end('ok');
    });
    const picks: number[] = [];
    let n = 0;
    const route = (name: string) => ({ name, path: `/v2/models/${name}/infer`, nextBody: () => '{}' });
    const { result, outcomes } = await drive(server, {
      connections: 1,
      durationMs: 150,
      nextBody: undefined,
      mix: { routes: [route('a'), route('b'), route('c')], pick: () => (picks.push(n++ % 3), picks.at(-1)!) },
    } as never);
    assert.equal(result.sent, picks.length);
    // One connection: requests go one after another, in pick order.
    assert.deepEqual(paths, picks.map((pick) => `/v2/models/${'abc'[pick]}/infer`));
    assert.deepEqual(outcomes.map((outcome) => outcome.model), picks);
  });
});
