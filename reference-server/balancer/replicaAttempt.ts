// One attempt of a request on one replica over its keep-alive connections, classified for the retry rule:
// not reached (no answer at all), refused before any work (503 queue full, shutting down, not ready),
// broken (the replica began answering, then its connection failed), or answered (passed through unchanged).

import { HttpConnectionError, type HttpAnswer, type HttpConnections } from '../../common/http/httpConnections.ts';

/** 503 codes with which a replica says it did no work on the request, so another replica may do it. */
const refusalCodes = new Set(['E_QUEUE_FULL', 'E_SHUTTING_DOWN', 'E_NOT_READY']);

/**
 * Request headers that belong to one connection, never forwarded (RFC 9110 §7.6.1), plus the ones the
 * connection sets itself; `expect` too, since the whole body is sent at once.
 */
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'expect']);

export interface ForwardedRequest {
  readonly method: string;
  readonly path: string;
  /** The client's raw headers (name, value, name, value, …). */
  readonly rawHeaders: readonly string[];
  /** The whole body, read before the first attempt so that a retry can send it again. */
  readonly body: Buffer;
}

export type Attempt =
  | { readonly kind: 'unreached'; readonly problem: string }
  | { readonly kind: 'broken'; readonly problem: string }
  | { readonly kind: 'refused'; readonly answer: HttpAnswer }
  | { readonly kind: 'answered'; readonly answer: HttpAnswer };

/** The client's headers without hop-by-hop ones, as `name: value\r\n` lines (values as the client's parser accepted them). */
export function forwardableHeaderLines(rawHeaders: readonly string[]): string {
  let lines = '';
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (!hopByHop.has(rawHeaders[i]!.toLowerCase())) lines += `${rawHeaders[i]}: ${rawHeaders[i + 1]}\r\n`;
  }
  return lines;
}

/** Whether a 503 body is one of the refusals a retry may follow (the server's `{"code": ...}`). */
export function isRefusal(body: Buffer): boolean {
  try {
    return refusalCodes.has((JSON.parse(body.toString('utf8')) as { code?: unknown }).code as string);
  } catch {
    return false;
  }
}

/** Sends the request over `connections`; resolves once it is classified, never rejects. */
export async function attemptOn(connections: HttpConnections, request: ForwardedRequest, headerLines: string): Promise<Attempt> {
  try {
    const answer = await connections.request({ method: request.method, path: request.path, headerLines, body: request.body });
    return answer.status === 503 && isRefusal(answer.body) ? { kind: 'refused', answer } : { kind: 'answered', answer };
  } catch (error) {
    if (!(error instanceof HttpConnectionError)) throw error;
    return error.answerStarted ? { kind: 'broken', problem: error.problem } : { kind: 'unreached', problem: error.problem };
  }
}
