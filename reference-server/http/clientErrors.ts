// Answers requests that never reach a route because Node's HTTP parser refused them (malformed HTTP,
// oversized headers, a slow client's timeout) with the same JSON errors as every other 4xx.

import type { Duplex } from 'node:stream';

/** Status and error code for a parser or timeout error code of Node's http server. */
export function clientErrorAnswer(code: string | undefined): { status: number; reason: string; code: string; error: string } {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, reason: 'Request Timeout', code: 'E_REQUEST_TIMEOUT', error: 'the request took too long to arrive (--headers-timeout-ms, --request-timeout-ms)' };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, reason: 'Request Header Fields Too Large', code: 'E_HEADERS_TOO_LARGE', error: 'the request headers are too large' };
    case 'HPE_INVALID_METHOD':
      return { status: 405, reason: 'Method Not Allowed', code: 'E_METHOD_NOT_ALLOWED', error: 'the request method is not an HTTP method this server knows' };
    default:
      return { status: 400, reason: 'Bad Request', code: 'E_BAD_HTTP', error: `the request is not valid HTTP/1.1 (${code ?? 'parse error'})` };
  }
}

/** The server's 'clientError' listener: a JSON error answer when the socket can still take one, then close. */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // As Node's own handler: answer only when no response has started on this socket, else just close.
  const responding = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (socket.writable && !responding && error.code !== 'ECONNRESET') {
    const answer = clientErrorAnswer(error.code);
    const body = JSON.stringify({ error: answer.error, code: answer.code });
    socket.end(
      `HTTP/1.1 ${answer.status} ${answer.reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      // A client that never closes its side must not keep the socket half-open.
      () => socket.destroy(),
    );
    return;
  }
  socket.destroy();
}
