import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, describe, it } from 'node:test';
import { HttpConnectionError, HttpConnections, type HttpRequest } from '../../../common/http/httpConnections.ts';

const closers: (() => void)[] = [];
after(() => closers.forEach((close) => close()));

/** A loopback TCP server whose connection handler the test writes; counts the connections it accepted. */
async function rawServer(onConnection: (socket: net.Socket, index: number) => void): Promise<{ url: string; connections: () => number }> {
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onConnection(socket, count++);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, connections: () => count };
}

/** A loopback node:http server answering with `handler`; counts connections. */
async function httpServer(handler: http.RequestListener): Promise<{ url: string; connections: () => number }> {
  let count = 0;
  const server = http.createServer(handler);
  server.on('connection', () => count++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, connections: () => count };
}

function pool(url: string, options?: ConstructorParameters<typeof HttpConnections>[1]): HttpConnections {
  const connections = new HttpConnections(url, options);
  closers.push(() => connections.close());
  return connections;
}

const post = (body: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
  method: 'POST',
  path: '/v2/models/m/infer?x=1',
  headerLines: 'content-type: application/json\r\nauthorization: Bearer k\r\n',
  body: Buffer.from(body),
  ...extra,
});

async function rejection(promise: Promise<unknown>): Promise<HttpConnectionError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HttpConnectionError, String(error));
    return error;
  }
  assert.fail('the request did not fail');
}

describe('HttpConnections', () => {
  it('sends method, path, headers and body as given and reads the answer whole, reusing one keep-alive connection', async () => {
    const seen: string[] = [];
    const server = await httpServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen.push(`${request.method} ${request.url} ${request.headers.host} ${request.headers.authorization} ${request.headers['content-length']} ${Buffer.concat(chunks)}`);
        response.setHeader('X-Answer', 'yes');
        // Chunked, in two writes: read whole all the same.
        response.write('{"a":');
        response.end(`${seen.length}}`);
      });
    });
    const connections = pool(server.url);
    const first = await connections.request(post('{"n":1}'));
    const second = await connections.request(post('{"n":22}'));
    assert.equal(first.status, 200);
    assert.equal(first.body.toString(), '{"a":1}');
    assert.equal(second.body.toString(), '{"a":2}');
    const headers = first.rawHeaders;
    assert.equal(headers[headers.findIndex((name) => name.toLowerCase() === 'x-answer') + 1], 'yes');
    const host = new URL(server.url).host;
    assert.deepEqual(seen, [`POST /v2/models/m/infer?x=1 ${host} Bearer k 7 {"n":1}`, `POST /v2/models/m/infer?x=1 ${host} Bearer k 8 {"n":22}`]);
    assert.equal(server.connections(), 1);
    assert.equal(connections.openConnections, 1);
  });

  it('carries concurrent requests on connections of their own', async () => {
    const held: http.ServerResponse[] = [];
    const server = await httpServer((request, response) => {
      request.resume();
      held.push(response);
      if (held.length === 3) held.forEach((answer, i) => answer.end(`${i}`));
    });
    const connections = pool(server.url);
    const answers = await Promise.all([0, 1, 2].map(() => connections.request(post('{}'))));
    assert.deepEqual(answers.map((answer) => answer.body.toString()).sort(), ['0', '1', '2']);
    assert.equal(server.connections(), 3);
  });

  it('reads no body after an answer to HEAD', async () => {
    const server = await httpServer((request, response) => {
      if (request.method !== 'HEAD') return response.end('ok');
      response.setHeader('Content-Length', '123');
      response.end();
    });
    const connections = pool(server.url);
    const head = await connections.request({ method: 'HEAD', path: '/', headerLines: '' });
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    // The connection is still in step: the next answer is the next request's.
    const get = await connections.request({ method: 'GET', path: '/', headerLines: '' });
    assert.equal(get.body.toString(), 'ok');
    assert.equal(server.connections(), 1);
  });

  it('sends a request once more on a new connection when a reused one was closed before any answer', async () => {
    const answer = 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok';
    // Connection 0 answers its first request, then closes on the second without a byte (the keep-alive race).
    const server = await rawServer((socket, index) => {
      let requests = 0;
      socket.on('data', () => {
        requests++;
        if (index === 0 && requests === 2) socket.destroy();
        else socket.write(answer);
      });
    });
    const connections = pool(server.url);
    assert.equal((await connections.request(post('{}'))).body.toString(), 'ok');
    assert.equal((await connections.request(post('{}'))).body.toString(), 'ok');
    assert.equal(server.connections(), 2);
  });

  it('fails a request on a new connection that closes without an answer, as not started', async () => {
    const server = await rawServer((socket) => socket.on('data', () => socket.destroy()));
    const error = await rejection(pool(server.url).request(post('{}')));
    assert.equal(error.answerStarted, false);
    assert.equal(server.connections(), 1);
  });

  it('fails a refused connection as not started, naming the error', async () => {
    const server = await rawServer((socket) => socket.destroy());
    const url = server.url;
    closers.pop()!(); // closed: nothing listens on the port any more
    await new Promise((resolve) => setTimeout(resolve, 20));
    const error = await rejection(pool(url).request(post('{}')));
    assert.equal(error.answerStarted, false);
    assert.equal(error.problem, 'ECONNREFUSED');
  });

  it('fails an answer cut off after its head as started, keeping the status it saw', async () => {
    const server = await rawServer((socket) => socket.on('data', () => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"half":')));
    const error = await rejection(pool(server.url).request(post('{}')));
    assert.equal(error.answerStarted, true);
    assert.equal(error.status, 200);
  });

  it('retries on a new connection, not on another idle one, and only once', async () => {
    const answer = 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok';
    // Connections 0 and 1 answer their first request and close on any later one; connection 2 closes at once.
    const server = await rawServer((socket, index) => {
      let requests = 0;
      socket.on('data', () => {
        requests++;
        if (index >= 2 || requests > 1) socket.destroy();
        else socket.write(answer);
      });
    });
    const connections = pool(server.url);
    await Promise.all([connections.request(post('{}')), connections.request(post('{}'))]);
    assert.equal(connections.openConnections, 2);
    // Sent on an idle connection (1), closed unanswered: sent again on a new one (2), which fails too.
    const error = await rejection(connections.request(post('{}')));
    assert.equal(error.answerStarted, false);
    assert.equal(server.connections(), 3);
  });

  it('refuses a request beyond its connection limit as busy, and says so through send', async () => {
    const server = await rawServer(() => undefined);
    const connections = pool(server.url, { maxConnections: 1 });
    const pending = connections.request({ ...post('{}'), timeoutMs: 50 });
    assert.equal(connections.available, false);
    assert.equal(connections.inFlight, 1);
    assert.equal(connections.send(post('{}'), () => assert.fail('not sent, so never done')), false);
    assert.equal((await rejection(connections.request(post('{}')))).problem, 'busy');
    assert.equal((await rejection(pending)).problem, 'timeout');
    assert.equal(connections.available, true);
  });

  it('fails a malformed answer', async () => {
    const server = await rawServer((socket) => socket.on('data', () => socket.write('SMTP ready\r\n\r\n')));
    const error = await rejection(pool(server.url).request(post('{}')));
    assert.equal(error.problem, 'malformed answer');
  });

  it('gives up on an answer larger than the limit', async () => {
    const server = await httpServer((request, response) => response.end('x'.repeat(1000)));
    const error = await rejection(pool(server.url, { maxAnswerBytes: 100 }).request(post('{}')));
    assert.equal(error.problem, 'answer larger than 100 bytes');
  });

  it('gives up on a request unanswered within its timeout', async () => {
    const server = await rawServer(() => undefined);
    const error = await rejection(pool(server.url).request({ ...post('{}'), timeoutMs: 20 }));
    assert.equal(error.problem, 'timeout');
    assert.equal(error.answerStarted, false);
  });

  it('fails the requests under way when closed, and every later one', async () => {
    const server = await rawServer(() => undefined);
    const connections = pool(server.url);
    const pending = connections.request(post('{}'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    connections.close();
    assert.equal((await rejection(pending)).problem, 'closed');
    assert.equal((await rejection(connections.request(post('{}')))).problem, 'closed');
    assert.equal(connections.openConnections, 0);
  });

  it('closes connections idle longer than the idle timeout', async () => {
    const server = await httpServer((request, response) => response.end('ok'));
    const connections = pool(server.url, { idleTimeoutMs: 10 });
    await connections.request(post('{}'));
    assert.equal(connections.openConnections, 1);
    const deadline = performance.now() + 5_000;
    while (connections.openConnections > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(connections.openConnections, 0);
  });

  it('refuses another protocol than http and https, and a bad connection limit', () => {
    assert.throws(() => new HttpConnections('ftp://127.0.0.1:1'), /unsupported protocol/);
    assert.throws(() => new HttpConnections('http://127.0.0.1:1', { maxConnections: 0 }), /invalid maxConnections/);
  });
});
