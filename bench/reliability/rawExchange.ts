// Sends one raw HTTP/1.1 request on a fresh loopback socket, the way a hostile client would (whole,
// truncated, stalled or trickled), and reads back whatever the server answers until it closes.

import net from 'node:net';
import type { Delivery } from './hostileRequests.ts';

export interface RawReply {
  /** Status of the answer; undefined when the server closed without one (or the wait ran out). */
  readonly status?: number;
  /** The response body (after the head), as text. */
  readonly body: string;
  /** Header names (lower case) and values of the answer. */
  readonly headers: Readonly<Record<string, string>>;
  /** False when `waitMs` ran out with the socket still open. */
  readonly closed: boolean;
  /** A socket error (e.g. ECONNREFUSED, ECONNRESET) before any answer. */
  readonly error?: string;
}

/** Splits a raw HTTP response into status, headers and body. */
export function parseRawReply(raw: Buffer): Pick<RawReply, 'status' | 'headers' | 'body'> {
  const text = raw.toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  if (match === null || headEnd < 0) return { headers: {}, body: '' };
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, headEnd).split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(match[1]), headers, body: raw.subarray(Buffer.byteLength(text.slice(0, headEnd + 4), 'latin1')).toString('utf8') };
}

/** Delivers `bytes` as `delivery` says to 127.0.0.1:`port`; resolves when the server closes or after `waitMs`. */
export function rawExchange(port: number, bytes: Buffer, delivery: Delivery, waitMs: number): Promise<RawReply> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let error: string | undefined;
    let trickle: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => finish(false), waitMs);
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(trickle);
      socket.destroy();
      const reply = parseRawReply(Buffer.concat(chunks));
      resolve({ ...reply, closed, ...(error === undefined ? {} : { error }) });
    };
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.once('close', () => finish(true));
    socket.on('error', (e: NodeJS.ErrnoException) => (error ??= e.code ?? e.message));
    socket.once('connect', () => {
      if (delivery.mode === 'whole') socket.write(bytes);
      else if (delivery.mode === 'truncate') socket.end(bytes.subarray(0, delivery.sendBytes));
      else if (delivery.mode === 'stall') socket.write(bytes.subarray(0, delivery.sendBytes));
      else {
        let sent = 0;
        // Never the last byte: a trickling client never completes its request.
        trickle = setInterval(() => {
          if (sent < bytes.length - 1 && !socket.destroyed) socket.write(bytes.subarray(sent, ++sent));
        }, delivery.everyMs);
      }
    });
  });
}
