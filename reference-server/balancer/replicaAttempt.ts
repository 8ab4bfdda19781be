// One attempt of a request on one replica over its keep-alive agent, classified for the retry rule:
// not reached (no answer at all), refused before any work (503 queue full, shutting down, not ready),
// or answered (anything else, passed through unchanged).

import http from 'node:http';

/** 503 codes with which a replica says it did no work on the request, so another replica may do it. */
const refusalCodes = new Set(['E_QUEUE_FULL', 'E_SHUTTING_DOWN', 'E_NOT_READY']);

/** Request headers that belong to one connection, never forwarded (RFC 9110 §7.6.1), plus the ones we set. */
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length']);

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
  | { readonly kind: 'refused'; readonly response: http.IncomingMessage; readonly body: Buffer }
  /** `body` is set when the answer was read to classify it (a 503); otherwise `response` is still to be read. */
  | { readonly kind: 'answered'; readonly response: http.IncomingMessage; readonly body?: Buffer };

/** The client's headers without hop-by-hop ones, as a flat list for http.request. */
export function forwardableHeaders(rawHeaders: readonly string[]): string[][] {
  const kept: string[][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (!hopByHop.has(rawHeaders[i]!.toLowerCase())) kept.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  }
  return kept;
}

/** Whether a 503 body is one of the refusals a retry may follow (the server's `{"code": ...}`). */
export function isRefusal(body: Buffer): boolean {
  try {
    return refusalCodes.has((JSON.parse(body.toString('utf8')) as { code?: unknown }).code as string);
  } catch {
    return false;
  }
}

function readAll(response: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.once('end', () => resolve(Buffer.concat(chunks)));
    response.once('error', reject);
  });
}

/** Sends the request to `baseUrl` through `agent`; resolves once it is classified, never rejects. */
export function attemptOn(baseUrl: string, agent: http.Agent, request: ForwardedRequest): Promise<Attempt> {
  return new Promise((resolve) => {
    const url = new URL(request.path, baseUrl);
    const headers = forwardableHeaders(request.rawHeaders);
    headers.push(['host', url.host], ['content-length', String(request.body.length)]);
    const outgoing = http.request(url, { method: request.method, agent, headers: Object.fromEntries(headersAsEntries(headers)) }, (response) => {
      if (response.statusCode !== 503) {
        resolve({ kind: 'answered', response });
        return;
      }
      readAll(response).then(
        (body) => resolve(isRefusal(body) ? { kind: 'refused', response, body } : { kind: 'answered', response, body }),
        (error: Error) => resolve({ kind: 'unreached', problem: error.message }),
      );
    });
    outgoing.once('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'unreached', problem: error.code ?? error.message }));
    outgoing.end(request.body);
  });
}

/** Repeated header names (e.g. two Accept lines) joined as the client sent them, for http.request's object form. */
function headersAsEntries(headers: readonly string[][]): [string, string | string[]][] {
  const merged = new Map<string, [string, string | string[]]>();
  for (const [name, value] of headers) {
    const key = name!.toLowerCase();
    const seen = merged.get(key);
    if (seen === undefined) merged.set(key, [name!, value!]);
    else seen[1] = [...(Array.isArray(seen[1]) ? seen[1] : [seen[1]]), value!];
  }
  return [...merged.values()];
}
