import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { ConnectionPool } from '../../../harness/drive/connectionPool.ts';
import type { RequestOutcome } from '../../../harness/drive/requestOutcome.ts';
import { startLoopbackServer } from './loopbackServer.ts';

/** A raw TCP server that answers each request (each chunk of request bytes) with `answer(n)`. */
async function rawServer(answer: (socket: net.Socket, n: number) => void) {
  let n = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', () => answer(socket, n++));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/infer`,
    stop: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sends `count` requests one after another (each when the previous ended) and returns their outcomes. */
async function sequential(url: string, count: number, timeoutMs = 2000): Promise<RequestOutcome[]> {
  const outcomes: RequestOutcome[] = [];
  await new Promise<void>((resolve) => {
    const pool = new ConnectionPool({
      url,
      connections: 1,
      timeoutMs,
      onDone: (outcome) => {
        outcomes.push(outcome);
        if (outcomes.length === count) {
          pool.close();
          resolve();
        } else {
          setImmediate(() => pool.send('{}', performance.now()));
        }
      },
    });
    pool.send('{}', performance.now());
  });
  return outcomes;
}

describe('ConnectionPool', () => {
  it('reuses one keep-alive connection for sequential requests', async () => {
    const sockets = new Set<net.Socket>();
    const server = await startLoopbackServer((request, response) => {
      sockets.add(request.socket);
      response.end('ok');
    });
    try {
      const outcomes = await sequential(server.url, 5);
      assert.deepEqual(outcomes.map((o) => o.status), [200, 200, 200, 200, 200]);
      assert.equal(server.received(), 5);
      assert.equal(sockets.size, 1);
    } finally {
      await server.stop();
    }
  });

  it('reads chunked, length-less (until close) and Connection: close answers, opening a new connection when needed', async () => {
    const server = await rawServer((socket, n) => {
      if (n === 0) socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nx-infercap-cache: HIT\r\n\r\n2\r\nok\r\n0\r\n\r\n');
      else if (n === 1) socket.end('HTTP/1.1 201 Created\r\nconnection: close\r\ncontent-length: 2\r\n\r\nok');
      else socket.end('HTTP/1.1 202 Accepted\r\n\r\nuntil the end');
    });
    try {
      const outcomes = await sequential(server.url, 3);
      assert.deepEqual(outcomes.map((o) => [o.status, o.failure, o.cache]), [[200, undefined, 'hit'], [201, undefined, undefined], [202, undefined, undefined]]);
    } finally {
      await server.stop();
    }
  });

  it('ends a request as a connection failure when the server closes mid-answer, keeping the status it saw', async () => {
    const server = await rawServer((socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nshort'));
    try {
      const [outcome] = await sequential(server.url, 1);
      assert.deepEqual([outcome?.status, outcome?.failure], [200, 'connection']);
    } finally {
      await server.stop();
    }
  });

  it('sends a request once more on a new connection when the server closed the reused one as it went out, not counting a failure', async () => {
    let connections = 0;
    const server = await rawServer((socket, n) => {
      if (n === 0) connections++;
      // The second request reaches a connection the server closes without answering (the keep-alive race).
      if (n === 1) socket.destroy();
      else socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
    });
    try {
      const outcomes = await sequential(server.url, 3);
      assert.deepEqual(outcomes.map((o) => [o.status, o.failure]), [[200, undefined], [200, undefined], [200, undefined]]);
    } finally {
      await server.stop();
    }
  });

  it('ends an unanswered request as a timeout and refuses requests beyond its connection limit', async () => {
    const server = await rawServer(() => {});
    try {
      const outcomes: RequestOutcome[] = [];
      const pool = new ConnectionPool({ url: server.url, connections: 1, timeoutMs: 100, onDone: (outcome) => outcomes.push(outcome) });
      assert.equal(pool.send('{}', performance.now()), true);
      assert.equal(pool.send('{}', performance.now()), false);
      assert.equal(pool.inFlight, 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      pool.close();
      assert.deepEqual(outcomes.map((o) => o.failure), ['timeout']);
      assert.ok(outcomes[0]!.doneMs! - outcomes[0]!.sentMs! >= 100);
    } finally {
      await server.stop();
    }
  });

  it('rejects bad options', () => {
    const onDone = () => {};
    assert.throws(() => new ConnectionPool({ url: 'http://127.0.0.1:1/', connections: 0, timeoutMs: 1, onDone }), RangeError);
    assert.throws(() => new ConnectionPool({ url: 'ftp://127.0.0.1:1/', connections: 1, timeoutMs: 1, onDone }), RangeError);
    assert.throws(() => new ConnectionPool({ url: 'http://127.0.0.1:1/', connections: 1, timeoutMs: 0, onDone }), RangeError);
  });
});
