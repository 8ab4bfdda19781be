import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { bodyTooLarge } from '../../../common/errors.ts';
import { ClientConnection, type Answer, type ClientRequest } from '../../../reference-server/balancer/clientConnection.ts';

// A server of ClientConnections whose handler answers each request with what it received, so the raw
// bytes a client writes and the raw bytes it gets back can be compared exactly.
const seen: ClientRequest[] = [];
let server: net.Server;
let port = 0;

const echo = (request: ClientRequest, reply: (answer: Answer) => void) => {
  seen.push(request);
  const text = `${request.method} ${request.url} ${request.body.toString('latin1')}`;
  // A request for /later is answered after 30 ms, so a pipelined one behind it must wait its turn.
  if (request.url === '/later') setTimeout(() => reply({ status: 200, headerLines: 'X-Test: a\r\n', body: text }), 30);
  else reply({ status: request.url === '/missing' ? 404 : 200, headerLines: 'X-Test: a\r\n', body: Buffer.from(text, 'latin1') });
};

before(async () => {
  server = net.createServer({ allowHalfOpen: true }, (socket) => {
    new ClientConnection(socket, 64, { handle: echo, refuse: (error) => ({ status: error.httpStatus, headerLines: '', body: error.code, close: true }), closed: () => {} });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Writes `chunks` (each after the previous has gone out), then collects every byte until `expected` answers arrived or the server closed. */
async function exchange(chunks: readonly (string | Buffer)[], until: (text: string) => boolean = () => false): Promise<{ text: string; closed: boolean }> {
  const socket = net.connect({ host: '127.0.0.1', port });
  let text = '';
  let closed = false;
  const done = new Promise<void>((resolve) => {
    socket.on('data', (data: Buffer) => {
      text += data.toString('latin1');
      if (until(text)) resolve();
    });
    socket.on('close', () => ((closed = true), resolve()));
  });
  for (const chunk of chunks) await new Promise<void>((resolve) => socket.write(chunk, () => resolve()));
  await done;
  socket.destroy();
  return { text, closed };
}

const answers = (text: string) => text.split(/(?=HTTP\/1\.1 )/);
const withoutDate = (text: string) => text.replace(/\r\nDate: [^\r]*/g, '');

describe('ClientConnection', () => {
  it('answers keep-alive requests on one connection in order, each with its length, bodies read whole', async () => {
    const { text, closed } = await exchange(
      ['POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhel', 'lo', 'GET /missing HTTP/1.1\r\nHost: x\r\n\r\n'],
      (t) => answers(t).length === 2 && t.endsWith('GET /missing '),
    );
    assert.equal(closed, false);
    assert.deepEqual(answers(text), [
      'HTTP/1.1 200 OK\r\nX-Test: a\r\nContent-Length: 13\r\nConnection: keep-alive\r\nKeep-Alive: timeout=65\r\n\r\nPOST /a hello',
      'HTTP/1.1 404 Not Found\r\nX-Test: a\r\nContent-Length: 13\r\nConnection: keep-alive\r\nKeep-Alive: timeout=65\r\n\r\nGET /missing ',
    ]);
  });

  it('answers pipelined requests in the order they came, however long each takes', async () => {
    const { text } = await exchange(['GET /later HTTP/1.1\r\nHost: x\r\n\r\nGET /now HTTP/1.1\r\nHost: x\r\n\r\n'], (t) => answers(t).length === 2 && t.endsWith('/now '));
    assert.deepEqual(answers(text).map((a) => a.split('\r\n\r\n')[1]), ['GET /later ', 'GET /now ']);
  });

  it('decodes a chunked body and keeps header bytes as they came (latin1)', async () => {
    const before = seen.length;
    const { text } = await exchange([Buffer.from('POST /c HTTP/1.1\r\nHost: x\r\nX-Name: caf\xe9\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n', 'latin1')], (t) => t.endsWith('abcde'));
    assert.match(text, /Content-Length: 13\r\n/);
    assert.deepEqual(seen[before]!.rawHeaders, ['Host', 'x', 'X-Name', 'caf\xe9', 'Transfer-Encoding', 'chunked']);
    assert.equal(seen[before]!.body.toString(), 'abcde');
  });

  it('sends 100 Continue to a client that expects it before its body', async () => {
    const { text } = await exchange(['POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n'], (t) => t.startsWith('HTTP/1.1 100 Continue\r\n\r\n'));
    assert.equal(text, 'HTTP/1.1 100 Continue\r\n\r\n');
  });

  it('closes after the answer when the client asks to, or speaks HTTP/1.0 without keep-alive', async () => {
    for (const request of ['GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 'GET /x HTTP/1.0\r\n\r\n']) {
      const { text, closed } = await exchange([request]);
      assert.equal(closed, true);
      assert.equal(text, 'HTTP/1.1 200 OK\r\nX-Test: a\r\nContent-Length: 7\r\nConnection: close\r\n\r\nGET /x ');
    }
  });

  it('answers a client that closed its side after its requests, then closes', async () => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let text = '';
    socket.on('data', (data: Buffer) => (text += data.toString('latin1')));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.end('GET /later HTTP/1.1\r\nHost: x\r\n\r\nGET /now HTTP/1.1\r\nHost: x\r\n\r\n');
    await closed;
    assert.deepEqual(answers(text).map((a) => a.split('\r\n').filter((line) => line.startsWith('Connection') || line.startsWith('GET'))), [
      ['Connection: keep-alive', 'GET /later '],
      ['Connection: close', 'GET /now '],
    ]);
  });

  it('answers HEAD with the length but without the body', async () => {
    const { text } = await exchange(['HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n'], (t) => t.endsWith('\r\n\r\n'));
    assert.equal(text, 'HTTP/1.1 200 OK\r\nX-Test: a\r\nContent-Length: 8\r\nConnection: keep-alive\r\nKeep-Alive: timeout=65\r\n\r\n');
  });

  it('refuses a body over the limit, declared or chunked, with the refusal answer, then closes', async () => {
    const declared = await exchange(['POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\n\r\n']);
    assert.deepEqual(declared, { text: `HTTP/1.1 413 Payload Too Large\r\nContent-Length: 16\r\nConnection: close\r\n\r\n${bodyTooLarge(64).code}`, closed: true });
    const chunked = await exchange([`POST /big HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n${'a'.repeat(64)}\r\n1\r\nb\r\n0\r\n\r\n`]);
    assert.equal(chunked.closed, true);
    assert.match(chunked.text, /^HTTP\/1\.1 413 Payload Too Large\r\n/);
  });

  it('answers 400 to what it cannot parse and 431 to a head over 16 KiB, then closes', async () => {
    assert.deepEqual(await exchange(['NOT HTTP\r\n\r\n']), { text: 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n', closed: true });
    const long = await exchange([`GET / HTTP/1.1\r\nX-Long: ${'a'.repeat(17 * 1024)}\r\n\r\n`]);
    assert.deepEqual(long, { text: 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n', closed: true });
  });

  it('answers what came before a malformed request first', async () => {
    const { text, closed } = await exchange(['GET /later HTTP/1.1\r\nHost: x\r\n\r\nBROKEN\r\n\r\n']);
    assert.equal(closed, true);
    assert.deepEqual(answers(withoutDate(text)).map((a) => a.split('\r\n')[0]), ['HTTP/1.1 200 OK', 'HTTP/1.1 400 Bad Request']);
  });
});
