import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { watchTarget } from '../../../harness/run/targetWatch.ts';

const listen = (server: http.Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

describe('watchTarget', () => {
  it('judges a target lost once its connections are refused several times in a row', async (t) => {
    const server = http.createServer((_request, response) => response.end('{"live": true}'));
    const port = await listen(server);
    t.after(() => server.close());
    const watch = watchTarget(`http://127.0.0.1:${port}`, { intervalMs: 50, refusals: 3 });
    t.after(() => watch.stop());
    const early = await Promise.race([watch.lost, new Promise((resolve) => setTimeout(() => resolve('alive'), 400))]);
    assert.equal(early, 'alive');
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    assert.equal(await watch.lost, 'connections refused 3 times in a row');
  });

  it('does not count a slow answer as a death', async (t) => {
    // Answers after 300 ms, six probe intervals: slow, not gone.
    const server = http.createServer((_request, response) => void setTimeout(() => response.end('{}'), 300));
    const port = await listen(server);
    const watch = watchTarget(`http://127.0.0.1:${port}`, { intervalMs: 50, refusals: 2 });
    t.after(() => {
      watch.stop();
      server.closeAllConnections();
      server.close();
    });
    const outcome = await Promise.race([watch.lost, new Promise((resolve) => setTimeout(() => resolve('alive'), 1_200))]);
    assert.equal(outcome, 'alive');
  });
});
