// A lean keep-alive HTTP/1.1 client pool for the open-loop driver: raw sockets, one request at a time per
// connection (no pipelining, so one slow answer never delays another), responses parsed by http-parser-js.
// Why not node:http or undici: side by side against a trivial loopback endpoint on a 2-core machine,
// node:http's keep-alive Agent reached ~10 k req/s and undici's Pool (dispatch API) 20–30 k where wrk
// reached 30–55 k; this design (autocannon's: a pre-built request head, a JS parser, reads into one shared
// buffer, no per-request streams, timers or closures) keeps up with wrk (npm run bench:harness).

import net from 'node:net';
import tls from 'node:tls';
import { HTTPParser } from 'http-parser-js';
import { cacheHeader } from './cacheHeader.ts';
import type { FailureKind, RequestOutcome } from './requestOutcome.ts';

export interface ConnectionPoolOptions {
  /** Where every request is POSTed (http: or https:). */
  readonly url: string;
  /** Most connections open at once = most requests in flight. */
  readonly connections: number;
  /** Extra request headers; content-type defaults to application/json. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A request unanswered this long after it was sent ends as a timeout (its connection is closed). */
  readonly timeoutMs: number;
  /** Called exactly once for every request sent, when it ends. */
  readonly onDone: (outcome: RequestOutcome) => void;
}

/** One socket and the request it carries (fields, not a per-request object: this is the hot path). */
interface Connection {
  readonly socket: net.Socket;
  busy: boolean;
  intendedMs: number;
  sentMs: number;
  status: number | undefined;
  cache: 'hit' | 'miss' | undefined;
  keepAlive: boolean;
}

/** Every read lands here and is parsed at once, so one buffer serves all sockets (net's `onread`). */
const readBuffer = Buffer.allocUnsafe(64 * 1024);

/** Keep-alive connections to one origin, opened on demand up to a limit, each carrying one POST at a time. */
export class ConnectionPool {
  readonly #options: ConnectionPoolOptions;
  readonly #idle: Connection[] = [];
  readonly #open = new Set<Connection>();
  readonly #connect: (onRead: (length: number) => void) => net.Socket;
  readonly #head: string;
  readonly #sweep: NodeJS.Timeout;
  #closed = false;

  /** @throws TypeError for a malformed URL; RangeError for another protocol, a bad connection count or timeout. */
  constructor(options: ConnectionPoolOptions) {
    if (!Number.isInteger(options.connections) || options.connections < 1) throw new RangeError(`invalid connections: ${options.connections}`);
    if (!(options.timeoutMs > 0)) throw new RangeError(`invalid timeoutMs: ${options.timeoutMs}`);
    const url = new URL(options.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RangeError(`unsupported protocol in ${options.url}`);
    this.#options = options;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const secure = url.protocol === 'https:';
    const port = Number(url.port || (secure ? 443 : 80));
    const servername = net.isIP(host) ? undefined : host;
    this.#connect = secure
      ? () => tls.connect({ host, port, servername })
      : (onRead) => net.connect({ host, port, onread: { buffer: readBuffer, callback: (length) => (onRead(length), true) } });
    const headers = { 'content-type': 'application/json', ...options.headers };
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    this.#head = `POST ${url.pathname}${url.search} HTTP/1.1\r\nhost: ${url.host}\r\n${lines}content-length: `;
    // One sweep instead of a timer per request; a timeout fires up to a tenth of timeoutMs (≤ 50 ms) late.
    this.#sweep = setInterval(() => this.#expire(), Math.min(50, Math.max(1, options.timeoutMs / 10)));
  }

  /** Requests in flight (= busy connections). */
  get inFlight(): number {
    return this.#open.size - this.#idle.length;
  }

  /** Whether a request can be sent now without waiting for a connection. */
  get available(): boolean {
    return !this.#closed && (this.#idle.length > 0 || this.#open.size < this.#options.connections);
  }

  /** Sends one POST on an idle connection, or a new one while under the limit; false if none is free. */
  send(body: string | Buffer, intendedMs: number): boolean {
    if (!this.available) return false;
    // LIFO: the most recently used connections stay hot; the rest may idle out on the server.
    const connection = this.#idle.pop() ?? this.#openConnection();
    const socket = connection.socket;
    connection.busy = true;
    connection.intendedMs = intendedMs;
    connection.status = undefined;
    connection.cache = undefined;
    connection.keepAlive = true;
    connection.sentMs = performance.now();
    if (typeof body === 'string') {
      socket.write(`${this.#head}${Buffer.byteLength(body)}\r\n\r\n${body}`);
    } else {
      socket.cork();
      socket.write(`${this.#head}${body.length}\r\n\r\n`);
      socket.write(body);
      socket.uncork();
    }
    return true;
  }

  /** Closes every connection; requests in flight are abandoned without an outcome. */
  close(): void {
    this.#closed = true;
    clearInterval(this.#sweep);
    this.#idle.length = 0;
    for (const connection of this.#open) {
      connection.busy = false;
      connection.socket.destroy();
    }
    this.#open.clear();
  }

  #openConnection(): Connection {
    const socket = this.#connect((length) => parse(readBuffer.subarray(0, length)));
    socket.setNoDelay(true);
    const connection: Connection = { socket, busy: false, intendedMs: 0, sentMs: 0, status: undefined, cache: undefined, keepAlive: true };
    const parser = new HTTPParser(HTTPParser.RESPONSE);
    parser[HTTPParser.kOnHeadersComplete] = (info) => {
      connection.status = info.statusCode;
      connection.keepAlive = info.shouldKeepAlive;
      connection.cache = cacheHeader(info.headers);
    };
    parser[HTTPParser.kOnBody] = () => {};
    parser[HTTPParser.kOnMessageComplete] = () => this.#complete(connection);
    const parse = (chunk: Buffer) => {
      if (parser.execute(chunk) instanceof Error) this.#end(connection, 'connection');
    };
    // Plain sockets read into the shared buffer (no Buffer and no stream push per read); TLS ones cannot.
    if (socket instanceof tls.TLSSocket) socket.on('data', parse);
    // A response without a length ends when the server closes the connection.
    socket.on('end', () => {
      if (parser.finish() instanceof Error) this.#end(connection, 'connection');
    });
    socket.on('error', () => this.#end(connection, 'connection'));
    socket.on('close', () => this.#end(connection, 'connection'));
    this.#open.add(connection);
    return connection;
  }

  #complete(connection: Connection): void {
    if (!connection.busy) return;
    connection.busy = false;
    const status = connection.status ?? 0;
    const outcome: { -readonly [K in keyof RequestOutcome]: RequestOutcome[K] } = {
      intendedMs: connection.intendedMs,
      sentMs: connection.sentMs,
      doneMs: performance.now(),
      status,
    };
    if (status < 200 || status >= 300) outcome.failure = 'status';
    if (connection.cache !== undefined) outcome.cache = connection.cache;
    if (connection.keepAlive && !this.#closed) this.#idle.push(connection);
    else this.#retire(connection);
    this.#options.onDone(outcome);
  }

  /** Ends the connection's request (if any) as `failure` and retires the connection. */
  #end(connection: Connection, failure: FailureKind): void {
    this.#retire(connection);
    if (!connection.busy) return;
    connection.busy = false;
    const outcome: { -readonly [K in keyof RequestOutcome]: RequestOutcome[K] } = {
      intendedMs: connection.intendedMs,
      sentMs: connection.sentMs,
      doneMs: performance.now(),
      failure,
    };
    if (connection.status !== undefined) outcome.status = connection.status;
    this.#options.onDone(outcome);
  }

  #retire(connection: Connection): void {
    if (!this.#open.delete(connection)) return;
    const index = this.#idle.indexOf(connection);
    if (index >= 0) this.#idle.splice(index, 1);
    connection.socket.destroy();
  }

  #expire(): void {
    const deadline = performance.now() - this.#options.timeoutMs;
    for (const connection of this.#open) {
      if (connection.busy && connection.sentMs <= deadline) this.#end(connection, 'timeout');
    }
  }
}
