// One client connection of the balancer, HTTP/1.1 on a plain socket: requests parsed by http-parser-js
// (the parser of infercap's HTTP client), handled one at a time in the order they came (pipelining
// allowed), each answer written with one write, keep-alive unless the client or the answer says otherwise.
// Why not node:http's server: side by side at 100 req/s on this 2-core VM, reading a 5 KB body and writing
// a small answer cost 467 µs of CPU a request through node:http (IncomingMessage/ServerResponse, streams,
// corked writev) and 308 µs through this design, 0.15–0.25 ms of latency on the balancer's path.

import { STATUS_CODES } from 'node:http';
import type net from 'node:net';
import { HTTPParser } from 'http-parser-js';
import { bodyTooLarge, type InfercapError } from '../../common/errors.ts';

// Header bytes as they came (node:http's latin1), not 'ascii', which clears each byte's high bit. The
// setting is the parser module's (so it also keeps the replicas' header bytes in the HTTP client).
HTTPParser.encoding = 'latin1';

/** node:http's default limit on a request's head; above it the answer is 431. */
const maxHeaderBytes = 16 * 1024;
const headTooLarge: Answer = { status: 431, headerLines: '', close: true };
/** node:http's keep-alive timeout, which the balancer kept: an idle client connection closes after it. */
export const keepAliveTimeoutMs = 65_000;
const keepAliveLines = `Connection: keep-alive\r\nKeep-Alive: timeout=${keepAliveTimeoutMs / 1000}\r\n\r\n`;
/** Answers the client may have pipelined ahead before the balancer stops reading its socket. */
const maxQueuedRequests = 32;

/** A whole request, body included (read before the first attempt, so that a retry can send it again). */
export interface ClientRequest {
  readonly method: string;
  /** Path and query, as the client sent them. */
  readonly url: string;
  /** name, value, name, value, … as the client sent them. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly remoteAddress: string | undefined;
}

/** An answer to write: `headerLines` are `Name: value\r\n` lines, without Content-Length or Connection. */
export interface Answer {
  readonly status: number;
  readonly headerLines: string;
  /**
   * Sent with its Content-Length (latin1 for a string: its bytes unchanged). Undefined: no body and no
   * length added (an answer to HEAD whose headerLines carry the length, a 204 or 304).
   */
  readonly body?: Buffer | string;
  /** Close the connection once written (e.g. the rest of an oversized body will not be read). */
  readonly close?: boolean;
}

/** Handles one request; `reply` must be called exactly once (later calls are ignored). */
export type RequestHandler = (request: ClientRequest, reply: (answer: Answer) => void) => void;

/** What the connection tells its server (errors never throw out of a socket callback). */
export interface ClientConnectionEvents {
  readonly handle: RequestHandler;
  /** The answer to a request refused before any handler saw it (a body over the limit). */
  readonly refuse: (error: InfercapError) => Answer;
  /** The connection closed; the server forgets it. */
  readonly closed: (connection: ClientConnection) => void;
}

const dateCache = { second: -1, text: '' };
/** The Date header's value, rebuilt once a second as node:http does. */
export function httpDate(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== dateCache.second) {
    dateCache.second = second;
    dateCache.text = new Date(second * 1000).toUTCString();
  }
  return dateCache.text;
}

/** The head and body of `answer` as one latin1 string or one buffer, so one write carries both. */
function serialise(answer: Answer, method: string, keepAlive: boolean): string | Buffer {
  const { status, body } = answer;
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n${answer.headerLines}`;
  if (body !== undefined) head += `Content-Length: ${typeof body === 'string' ? Buffer.byteLength(body, 'latin1') : body.length}\r\n`;
  head += keepAlive ? keepAliveLines : 'Connection: close\r\n\r\n';
  if (body === undefined || method === 'HEAD' || body.length === 0) return head;
  if (typeof body === 'string') return head + body;
  const whole = Buffer.allocUnsafe(head.length + body.length);
  whole.write(head, 0, 'latin1');
  body.copy(whole, head.length);
  return whole;
}

/** A parsed request waiting for its turn, and whether the client keeps the connection after its answer. */
interface Pending {
  readonly request: ClientRequest;
  readonly keepAlive: boolean;
  readonly refusal?: Answer;
}

export class ClientConnection {
  readonly socket: net.Socket;
  readonly #events: ClientConnectionEvents;
  readonly #bodyLimitBytes: number;
  readonly #parser = new HTTPParser(HTTPParser.REQUEST);
  readonly #queue: Pending[] = [];
  /** The request being handled (answers go out in order, one at a time). */
  #current: Pending | undefined;
  /** Reading no more, closing after the answers due: the parser failed or a body was too large. */
  #closing = false;
  /** The server drains: the next answer closes the connection. */
  #draining = false;
  /** The client has closed its side: the answers due still go out (the server allows half-open sockets). */
  #clientEnded = false;
  /** When the first bytes of the request now arriving came (undefined between requests), and when the last answer went. */
  receivingSinceMs: number | undefined;
  idleSinceMs = performance.now();
  // The request being parsed.
  #head: { method: string; url: string; rawHeaders: string[]; keepAlive: boolean } | undefined;
  #chunks: Buffer[] = [];
  #size = 0;

  constructor(socket: net.Socket, bodyLimitBytes: number, events: ClientConnectionEvents) {
    this.socket = socket;
    this.#events = events;
    this.#bodyLimitBytes = bodyLimitBytes;
    socket.setNoDelay(true);
    const parser = this.#parser;
    parser.maxHeaderSize = maxHeaderBytes;
    parser[HTTPParser.kOnHeadersComplete] = (info) => this.#onHead(info);
    parser[HTTPParser.kOnBody] = (chunk: Buffer, start: number, length: number) => this.#onBody(chunk, start, length);
    parser[HTTPParser.kOnMessageComplete] = () => this.#onComplete();
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('end', () => {
      this.#clientEnded = true;
      if (this.#current === undefined) socket.end();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => events.closed(this));
  }

  /** Whether no request is being received, waiting or handled. */
  get idle(): boolean {
    return this.#current === undefined && this.receivingSinceMs === undefined;
  }

  /** Close after the answer under way (at once when idle): the server is draining. */
  closeWhenDone(): void {
    this.#draining = true;
    if (this.idle) this.socket.end();
  }

  #onData(chunk: Buffer): void {
    if (this.#closing) return;
    this.receivingSinceMs ??= performance.now();
    const result = this.#parser.execute(chunk, 0, chunk.length);
    // As node:http's server answers what it cannot parse: a bare status, then the connection closes.
    if (result instanceof Error) this.#refuse(result.message === 'max header size exceeded' ? headTooLarge : { status: 400, headerLines: '', close: true });
  }

  #onHead(info: { method: number; url: string; headers: string[]; upgrade: boolean; shouldKeepAlive: boolean; versionMinor: number }): number {
    if (this.#closing) return 1;
    const method = HTTPParser.methods[info.method]!;
    const rawHeaders = info.headers;
    let declared = -1;
    let expectContinue = false;
    // The parser checks its limit only on a head still incomplete at the end of a read; this counts a whole one.
    let headBytes = info.url.length;
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const name = rawHeaders[i]!;
      headBytes += name.length + rawHeaders[i + 1]!.length + 4;
      if (name.length === 14 && name.toLowerCase() === 'content-length') declared = Number(rawHeaders[i + 1]);
      else if (name.length === 6 && name.toLowerCase() === 'expect') expectContinue = rawHeaders[i + 1]!.toLowerCase() === '100-continue';
    }
    this.#head = { method, url: info.url, rawHeaders, keepAlive: info.shouldKeepAlive && !info.upgrade };
    this.#chunks = [];
    this.#size = 0;
    if (headBytes > maxHeaderBytes) {
      this.#refuse(headTooLarge);
      return 1;
    }
    if (declared > this.#bodyLimitBytes) {
      this.#refuse(this.#events.refuse(bodyTooLarge(this.#bodyLimitBytes)));
      return 1;
    }
    // As node:http's server does by default: the client waits for this before sending a large body.
    if (expectContinue && info.versionMinor >= 1) this.socket.write('HTTP/1.1 100 Continue\r\n\r\n');
    return 0;
  }

  #onBody(chunk: Buffer, start: number, length: number): void {
    if (this.#closing || this.#head === undefined) return;
    this.#size += length;
    if (this.#size > this.#bodyLimitBytes) return this.#refuse(this.#events.refuse(bodyTooLarge(this.#bodyLimitBytes)));
    this.#chunks.push(chunk.subarray(start, start + length));
  }

  #onComplete(): void {
    const head = this.#head;
    this.#head = undefined;
    this.receivingSinceMs = undefined;
    if (head === undefined || this.#closing) return;
    const chunks = this.#chunks;
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.#size);
    this.#enqueue({ request: { method: head.method, url: head.url, rawHeaders: head.rawHeaders, body, remoteAddress: this.socket.remoteAddress }, keepAlive: head.keepAlive });
  }

  /** Stops reading this connection: `answer` goes out after the answers already due, then it closes. */
  #refuse(answer: Answer): void {
    if (this.#closing) return;
    this.#closing = true;
    this.#head = undefined;
    this.receivingSinceMs = undefined;
    this.#enqueue({ request: { method: 'GET', url: '', rawHeaders: [], body: Buffer.alloc(0), remoteAddress: undefined }, keepAlive: false, refusal: answer });
  }

  #enqueue(pending: Pending): void {
    this.#queue.push(pending);
    if (this.#queue.length >= maxQueuedRequests) this.socket.pause();
    if (this.#current === undefined) this.#next();
  }

  #next(): void {
    const pending = this.#queue.shift();
    if (pending === undefined) return;
    if (this.socket.isPaused() && this.#queue.length < maxQueuedRequests) this.socket.resume();
    this.#current = pending;
    if (pending.refusal !== undefined) return this.#write(pending, pending.refusal);
    let replied = false;
    this.#events.handle(pending.request, (answer) => {
      if (replied) return;
      replied = true;
      this.#write(pending, answer);
    });
  }

  #write(pending: Pending, answer: Answer): void {
    const keepAlive = pending.keepAlive && !answer.close && !this.#draining && !(this.#clientEnded && this.#queue.length === 0);
    const socket = this.socket;
    if (socket.writable) {
      const bytes = serialise(answer, pending.request.method, keepAlive);
      if (typeof bytes === 'string') socket.write(bytes, 'latin1');
      else socket.write(bytes);
    }
    this.#current = undefined;
    this.idleSinceMs = performance.now();
    if (!keepAlive) {
      this.#closing = true;
      this.#queue.length = 0;
      socket.end();
      return;
    }
    this.#next();
  }
}
