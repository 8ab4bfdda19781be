// The one HTTP/1.1 client of infercap: keep-alive connections to one origin, one request at a time per
// connection (no pipelining, so one slow answer never delays another), answers parsed by http-parser-js.
// The load drivers, the balancer's calls to its replicas and the benches' and reliability suite's traffic
// all go through it.
// Why not node:http or undici: side by side against a trivial loopback endpoint on a 2-core machine,
// node:http's keep-alive Agent reached ~10 k req/s and undici's Pool (dispatch API) 20–30 k where wrk
// reached 30–55 k; this design (autocannon's: a pre-built request head, a JS parser, plain-socket reads into
// one shared buffer, no per-request streams or timers) keeps up with wrk (npm run bench:harness). As the
// balancer's client, node:http's added 249 µs back to back and 630 µs at 10 ms spacing, this one 164 and
// 340 µs (npm run bench:balancer keeps measuring it).

import net from 'node:net';
import tls from 'node:tls';
import { HTTPParser } from 'http-parser-js';

export interface HttpRequest {
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  /** Extra header lines, each `name: value\r\n` (host and content-length are added here). */
  readonly headerLines?: string;
  /** None by default (content-length: 0). */
  readonly body?: string | Buffer;
  /** The whole answer must arrive within this after the request went out, or it fails as `timeout`. */
  readonly timeoutMs?: number;
  /**
   * When (performance.now()) the timeout starts instead: a load generator's intended send time, so a
   * request that waited for a connection has that much less time. Default: when the request goes out.
   */
  readonly timeoutFromMs?: number;
}

export interface HttpAnswer {
  readonly status: number;
  /** name, value, name, value, … as the server sent them. */
  readonly rawHeaders: readonly string[];
  /** The whole body; empty when the connections were made with `keepBodies: false`. */
  readonly body: Buffer;
}

/**
 * The request got no whole answer. `problem` is `timeout`, `closed`, `busy`, a socket error code
 * (ECONNREFUSED, ECONNRESET, …) or what went wrong with the answer; `answerStarted` says whether the server
 * had begun answering, and `status` is the status it sent, when its head had arrived.
 */
export class HttpConnectionError extends Error {
  constructor(
    readonly problem: string,
    readonly answerStarted: boolean,
    readonly status?: number,
  ) {
    super(`HTTP connection failed: ${problem}`);
  }
}

/** Called once per request sent: with the answer, or with the error. */
export type HttpDone = (error: HttpConnectionError | undefined, answer: HttpAnswer | undefined) => void;

export interface HttpConnectionsOptions {
  /** Most connections open at once = most requests in flight (none by default). */
  readonly maxConnections?: number;
  /** Idle connections are closed after this (below node:http's server keep-alive of 65 s); 60 s by default. */
  readonly idleTimeoutMs?: number;
  /** An answer body above this fails the request rather than filling memory; 256 MiB by default. */
  readonly maxAnswerBytes?: number;
  /** False: bodies are counted against maxAnswerBytes but not kept (load generators); true by default. */
  readonly keepBodies?: boolean;
}

/** The request a connection carries and what has arrived of its answer (fields, not closures: hot path). */
interface Exchange {
  readonly request: HttpRequest;
  readonly done: HttpDone;
  /** Sent on a connection that had carried an earlier request, so the server may have closed it meanwhile. */
  readonly mayRetry: boolean;
  readonly deadlineMs: number;
  bytesReceived: boolean;
  status: number;
  rawHeaders: readonly string[];
  chunks: Buffer[];
  size: number;
}

interface Connection {
  readonly socket: net.Socket;
  exchange: Exchange | undefined;
  keepAlive: boolean;
  idleSinceMs: number;
}

const noBody = Buffer.alloc(0);
const noHeaders: readonly string[] = [];

/** Every plain-socket read lands here and is parsed at once, so one buffer serves all sockets (net's `onread`). */
const readBuffer = Buffer.allocUnsafe(64 * 1024);

/** Keep-alive connections to one origin (`http://host:port` or https:), opened on demand, closed by `close()`. */
export class HttpConnections {
  readonly #connect: (onRead: (length: number) => void) => net.Socket;
  readonly #hostHeader: string;
  readonly #maxConnections: number;
  readonly #idleTimeoutMs: number;
  readonly #maxAnswerBytes: number;
  readonly #keepBodies: boolean;
  readonly #idle: Connection[] = [];
  readonly #open = new Set<Connection>();
  readonly #idleSweep: NodeJS.Timeout;
  #timeoutSweep: NodeJS.Timeout | undefined;
  #timeoutSweepMs = Infinity;
  #closed = false;

  /** @throws TypeError for a malformed URL; RangeError for another protocol or a bad option. */
  constructor(origin: string, options: HttpConnectionsOptions = {}) {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RangeError(`unsupported protocol in ${origin}`);
    const max = options.maxConnections ?? Infinity;
    if (!(max === Infinity || (Number.isInteger(max) && max >= 1))) throw new RangeError(`invalid maxConnections: ${max}`);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const secure = url.protocol === 'https:';
    const port = Number(url.port || (secure ? 443 : 80));
    const servername = net.isIP(host) ? undefined : host;
    this.#connect = secure
      ? () => tls.connect({ host, port, ...(servername === undefined ? {} : { servername }) })
      : (onRead) => net.connect({ host, port, noDelay: true, onread: { buffer: readBuffer, callback: (length) => (onRead(length), true) } });
    this.#hostHeader = url.host;
    this.#maxConnections = max;
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.#maxAnswerBytes = options.maxAnswerBytes ?? 256 << 20;
    this.#keepBodies = options.keepBodies ?? true;
    this.#idleSweep = setInterval(() => this.#closeIdle(), Math.min(this.#idleTimeoutMs, 5_000));
    this.#idleSweep.unref();
  }

  /** Connections open now (idle or busy). */
  get openConnections(): number {
    return this.#open.size;
  }

  /** Requests under way (= busy connections). */
  get inFlight(): number {
    return this.#open.size - this.#idle.length;
  }

  /** Whether a request can be sent now without waiting for a connection. */
  get available(): boolean {
    return !this.#closed && (this.#idle.length > 0 || this.#open.size < this.#maxConnections);
  }

  /** Sends one request; `done` is called once when it ends. False (and `done` never called) when no connection is free. */
  send(request: HttpRequest, done: HttpDone): boolean {
    if (!this.available) return false;
    this.#send(request, done, false);
    return true;
  }

  /** Sends one request; resolves with the whole answer, rejects with an HttpConnectionError (`busy` at the connection limit). */
  request(request: HttpRequest): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const sent = this.send(request, (error, answer) => (error === undefined ? resolve(answer!) : reject(error)));
      if (!sent) reject(new HttpConnectionError(this.#closed ? 'closed' : 'busy', false));
    });
  }

  /** Closes every connection; requests under way fail with `closed`. Idempotent. */
  close(): void {
    this.#closed = true;
    clearInterval(this.#idleSweep);
    clearInterval(this.#timeoutSweep);
    for (const connection of [...this.#open]) this.#fail(connection, 'closed');
  }

  /** `retry`: the second sending of a request, always on a new connection. */
  #send(request: HttpRequest, done: HttpDone, retry: boolean): void {
    if (this.#closed) return done(new HttpConnectionError('closed', false), undefined);
    // LIFO: the most recently used connections stay hot; the rest may idle out on the server.
    const reused = retry ? undefined : this.#idle.pop();
    const connection = reused ?? this.#openConnection();
    const timeoutMs = request.timeoutMs;
    if (timeoutMs !== undefined) this.#sweepTimeoutsEvery(timeoutMs);
    connection.exchange = {
      request,
      done,
      mayRetry: reused !== undefined,
      deadlineMs: timeoutMs === undefined ? Infinity : (request.timeoutFromMs ?? performance.now()) + timeoutMs,
      bytesReceived: false,
      status: 0,
      rawHeaders: noHeaders,
      chunks: [],
      size: 0,
    };
    const body = request.body ?? noBody;
    const head = `${request.method} ${request.path} HTTP/1.1\r\nhost: ${this.#hostHeader}\r\n${request.headerLines ?? ''}content-length: `;
    // One write, so one syscall and one TCP segment for a small request.
    if (typeof body === 'string') connection.socket.write(`${head}${Buffer.byteLength(body)}\r\n\r\n${body}`);
    else if (body.length === 0) connection.socket.write(`${head}0\r\n\r\n`);
    else {
      // Header text as node's server decoded it (latin1), so its bytes go on unchanged.
      const headText = `${head}${body.length}\r\n\r\n`;
      const whole = Buffer.allocUnsafe(headText.length + body.length);
      whole.write(headText, 0, 'latin1');
      body.copy(whole, headText.length);
      connection.socket.write(whole);
    }
  }

  #openConnection(): Connection {
    const socket = this.#connect((length) => parse(readBuffer, length));
    const connection: Connection = { socket, exchange: undefined, keepAlive: true, idleSinceMs: 0 };
    const parser = new HTTPParser(HTTPParser.RESPONSE);
    parser[HTTPParser.kOnHeadersComplete] = (info) => {
      const exchange = connection.exchange;
      if (exchange === undefined) return 1;
      exchange.status = info.statusCode;
      exchange.rawHeaders = info.headers;
      connection.keepAlive = info.shouldKeepAlive;
      // An answer to HEAD has a length but no body.
      return exchange.request.method === 'HEAD' ? 1 : 0;
    };
    parser[HTTPParser.kOnBody] = (chunk: Buffer, start: number, length: number) => {
      const exchange = connection.exchange;
      if (exchange === undefined) return;
      exchange.size += length;
      if (exchange.size > this.#maxAnswerBytes) return this.#fail(connection, `answer larger than ${this.#maxAnswerBytes} bytes`);
      // Plain-socket reads share one buffer, so a kept body is copied out of it.
      if (this.#keepBodies) exchange.chunks.push(chunk.buffer === readBuffer.buffer ? Buffer.from(chunk.subarray(start, start + length)) : chunk.subarray(start, start + length));
    };
    parser[HTTPParser.kOnMessageComplete] = () => this.#complete(connection);
    const parse = (chunk: Buffer, length: number) => {
      if (connection.exchange === undefined) return this.#fail(connection, 'unexpected bytes on an idle connection');
      connection.exchange.bytesReceived = true;
      if (parser.execute(chunk, 0, length) instanceof Error) this.#fail(connection, 'malformed answer');
    };
    if (socket instanceof tls.TLSSocket) socket.on('data', (chunk: Buffer) => parse(chunk, chunk.length));
    // An answer without a length ends when the server closes the connection.
    socket.on('end', () => {
      if (parser.finish() instanceof Error) this.#fail(connection, 'malformed answer');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => this.#fail(connection, error.code ?? error.message));
    socket.on('close', () => this.#fail(connection, 'connection closed'));
    this.#open.add(connection);
    return connection;
  }

  #complete(connection: Connection): void {
    const exchange = connection.exchange;
    if (exchange === undefined) return;
    // An interim 1xx answer is followed by the real one on the same connection.
    if (exchange.status < 200) return;
    connection.exchange = undefined;
    if (connection.keepAlive && !this.#closed) {
      connection.idleSinceMs = performance.now();
      this.#idle.push(connection);
    } else {
      this.#retire(connection);
    }
    const { chunks } = exchange;
    const body = chunks.length === 0 ? noBody : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, exchange.size);
    exchange.done(undefined, { status: exchange.status, rawHeaders: exchange.rawHeaders, body });
  }

  /** Closes the connection; its request, if any, fails, or is sent once more on a new connection when a reused one broke before any answer. */
  #fail(connection: Connection, problem: string): void {
    this.#retire(connection);
    const exchange = connection.exchange;
    if (exchange === undefined) return;
    connection.exchange = undefined;
    // A keep-alive connection the server closed just as the request went out: the usual race of
    // connection reuse, not the server failing, so the request goes once more on a fresh connection.
    if (exchange.mayRetry && !exchange.bytesReceived && problem !== 'timeout' && !this.#closed) {
      return this.#send(exchange.request, exchange.done, true);
    }
    exchange.done(new HttpConnectionError(problem, exchange.bytesReceived, exchange.status === 0 ? undefined : exchange.status), undefined);
  }

  #retire(connection: Connection): void {
    if (!this.#open.delete(connection)) return;
    const index = this.#idle.indexOf(connection);
    if (index >= 0) this.#idle.splice(index, 1);
    connection.socket.destroy();
  }

  /** One sweep instead of a timer per request: a timeout fires up to a tenth of it (≤ 50 ms) late. */
  #sweepTimeoutsEvery(timeoutMs: number): void {
    const periodMs = Math.min(50, Math.max(1, timeoutMs / 10));
    if (periodMs >= this.#timeoutSweepMs) return;
    clearInterval(this.#timeoutSweep);
    this.#timeoutSweepMs = periodMs;
    this.#timeoutSweep = setInterval(() => this.#expire(), periodMs);
    this.#timeoutSweep.unref();
  }

  /** Fails the requests past their deadline; stops sweeping once no request has one (a balancer's health checks come once a second). */
  #expire(): void {
    const nowMs = performance.now();
    let timed = false;
    for (const connection of this.#open) {
      const deadlineMs = connection.exchange?.deadlineMs ?? Infinity;
      if (deadlineMs <= nowMs) this.#fail(connection, 'timeout');
      else if (deadlineMs !== Infinity) timed = true;
    }
    if (!timed) {
      clearInterval(this.#timeoutSweep);
      this.#timeoutSweepMs = Infinity;
    }
  }

  #closeIdle(): void {
    const before = performance.now() - this.#idleTimeoutMs;
    for (const connection of [...this.#idle]) if (connection.idleSinceMs <= before) this.#retire(connection);
  }
}
