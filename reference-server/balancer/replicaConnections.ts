// Keep-alive HTTP/1.1 connections from the balancer to one replica process: raw sockets, one request at a
// time per connection, each answer parsed by http-parser-js and read whole (so the retry rule can read a 503
// and a replica that dies mid-answer gives the client a clean 502, never half a body).
// Why not node:http's Agent: measured once when this replaced it (sequential requests to a trivial loopback
// endpoint on this 2-core machine, the balancer of commit 2397c19 on node:http's client and this one run side
// by side, median added latency), node:http's client added 249 µs back to back and 630 µs with 10 ms between
// requests; these connections 164 µs and 340 µs (a plain TCP relay: 36 and 149 µs). npm run bench:balancer
// keeps measuring the balancer against a replica and the relay.

import net from 'node:net';
import { HTTPParser } from 'http-parser-js';

export interface ReplicaRequest {
  readonly method: string;
  /** Path and query, as the client sent them. */
  readonly path: string;
  /** Extra header lines, each `name: value\r\n` (host and content-length are added here). */
  readonly headerLines: string;
  /** None by default (content-length: 0). */
  readonly body?: Buffer;
  /** Gives up (and closes the connection) when no whole answer came within this; none by default. */
  readonly timeoutMs?: number;
}

export interface ReplicaAnswer {
  readonly status: number;
  /** name, value, name, value, … as the replica sent them. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

/** The request got no whole answer; `answerStarted` says whether the replica had begun answering. */
export class ReplicaConnectionError extends Error {
  constructor(
    readonly problem: string,
    readonly answerStarted: boolean,
  ) {
    super(`replica connection failed: ${problem}`);
  }
}

export interface ReplicaConnectionsOptions {
  /** Idle connections are closed after this (below the replica's own keep-alive timeout of 65 s). */
  readonly idleTimeoutMs?: number;
  /** An answer body above this fails the request rather than filling the balancer's memory. */
  readonly maxAnswerBytes?: number;
}

/** The request a connection carries and what has arrived of its answer. */
interface Exchange {
  readonly request: ReplicaRequest;
  readonly resolve: (answer: ReplicaAnswer) => void;
  readonly reject: (error: ReplicaConnectionError) => void;
  /** Sent on a connection that had carried an earlier request, so it may have been closed by the replica meanwhile. */
  readonly onReusedConnection: boolean;
  readonly timer: NodeJS.Timeout | undefined;
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

/** Keep-alive connections to one replica's `http://host:port`, opened on demand, closed by `destroy()`. */
export class ReplicaConnections {
  readonly #host: string;
  readonly #port: number;
  readonly #hostHeader: string;
  readonly #idleTimeoutMs: number;
  readonly #maxAnswerBytes: number;
  readonly #idle: Connection[] = [];
  readonly #open = new Set<Connection>();
  readonly #sweep: NodeJS.Timeout;
  #destroyed = false;

  /** @throws TypeError for a malformed URL, RangeError for another protocol than http:. */
  constructor(baseUrl: string, options: ReplicaConnectionsOptions = {}) {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:') throw new RangeError(`replica URL must be http: ${baseUrl}`);
    this.#host = url.hostname.replace(/^\[|\]$/g, '');
    this.#port = Number(url.port || 80);
    this.#hostHeader = url.host;
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.#maxAnswerBytes = options.maxAnswerBytes ?? 256 << 20;
    this.#sweep = setInterval(() => this.#closeIdle(), Math.min(this.#idleTimeoutMs, 5_000));
    this.#sweep.unref();
  }

  /** Connections open now (idle or busy). */
  get openConnections(): number {
    return this.#open.size;
  }

  /** Sends one request; resolves with the whole answer, rejects with a ReplicaConnectionError. */
  request(request: ReplicaRequest): Promise<ReplicaAnswer> {
    return new Promise((resolve, reject) => this.#send(request, resolve, reject, true));
  }

  /** Closes every connection; requests under way fail with `closed`. Idempotent. */
  destroy(): void {
    this.#destroyed = true;
    clearInterval(this.#sweep);
    for (const connection of [...this.#open]) this.#fail(connection, 'closed');
  }

  #send(request: ReplicaRequest, resolve: Exchange['resolve'], reject: Exchange['reject'], mayRetry: boolean): void {
    if (this.#destroyed) return reject(new ReplicaConnectionError('closed', false));
    const reused = this.#idle.pop();
    const connection = reused ?? this.#connect();
    const timer = request.timeoutMs === undefined ? undefined : setTimeout(() => this.#fail(connection, 'timeout'), request.timeoutMs);
    connection.exchange = {
      request,
      resolve,
      reject,
      onReusedConnection: reused !== undefined && mayRetry,
      timer,
      bytesReceived: false,
      status: 0,
      rawHeaders: [],
      chunks: [],
      size: 0,
    };
    const { socket } = connection;
    const body = request.body ?? noBody;
    socket.cork();
    socket.write(`${request.method} ${request.path} HTTP/1.1\r\nhost: ${this.#hostHeader}\r\n${request.headerLines}content-length: ${body.length}\r\n\r\n`);
    if (body.length > 0) socket.write(body);
    socket.uncork();
  }

  #connect(): Connection {
    const socket = net.connect({ host: this.#host, port: this.#port, noDelay: true });
    const parser = new HTTPParser(HTTPParser.RESPONSE);
    const connection: Connection = { socket, exchange: undefined, keepAlive: true, idleSinceMs: 0 };
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
      // Each read is a Buffer of its own, so a view of it stays valid.
      exchange.chunks.push(chunk.subarray(start, start + length));
    };
    parser[HTTPParser.kOnMessageComplete] = () => this.#complete(connection);
    socket.on('data', (chunk: Buffer) => {
      if (connection.exchange !== undefined) connection.exchange.bytesReceived = true;
      else return this.#fail(connection, 'unexpected bytes on an idle connection');
      if (parser.execute(chunk) instanceof Error) this.#fail(connection, 'malformed answer');
    });
    // An answer without a length ends when the replica closes the connection.
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
    clearTimeout(exchange.timer);
    if (connection.keepAlive && !this.#destroyed) {
      connection.idleSinceMs = performance.now();
      this.#idle.push(connection);
    } else {
      this.#retire(connection);
    }
    const body = exchange.chunks.length === 0 ? noBody : exchange.chunks.length === 1 ? exchange.chunks[0]! : Buffer.concat(exchange.chunks, exchange.size);
    exchange.resolve({ status: exchange.status, rawHeaders: exchange.rawHeaders, body });
  }

  /** Closes the connection; its request, if any, fails, or is sent once more on a new connection when a reused one broke before any answer. */
  #fail(connection: Connection, problem: string): void {
    this.#retire(connection);
    const exchange = connection.exchange;
    if (exchange === undefined) return;
    connection.exchange = undefined;
    clearTimeout(exchange.timer);
    // A keep-alive connection the replica closed just as the request went out: the usual race of
    // connection reuse, not the replica failing, so the request goes once more on a fresh connection.
    if (exchange.onReusedConnection && !exchange.bytesReceived && problem !== 'timeout') {
      return this.#send(exchange.request, exchange.resolve, exchange.reject, false);
    }
    exchange.reject(new ReplicaConnectionError(problem, exchange.bytesReceived));
  }

  #retire(connection: Connection): void {
    if (!this.#open.delete(connection)) return;
    const index = this.#idle.indexOf(connection);
    if (index >= 0) this.#idle.splice(index, 1);
    connection.socket.destroy();
  }

  #closeIdle(): void {
    const before = performance.now() - this.#idleTimeoutMs;
    for (const connection of [...this.#idle]) if (connection.idleSinceMs <= before) this.#retire(connection);
  }
}
