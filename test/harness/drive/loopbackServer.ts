// A throwaway node:http server on 127.0.0.1 for the driver tests: counts the requests it receives, answers
// with a handler of the test's choosing, and closes every connection when stopped (even mid-request).

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  readonly url: string;
  /** Requests whose headers arrived, including ones never answered. */
  readonly received: () => number;
  stop(): Promise<void>;
}

/** Answers `respond(request, response, body)` once each request's body has arrived; default: 200 "ok". */
export async function startLoopbackServer(
  respond: (request: http.IncomingMessage, response: http.ServerResponse, body: Buffer) => void = (_request, response) => response.end('ok'),
): Promise<LoopbackServer> {
  let received = 0;
  const server = http.createServer((request, response) => {
    received++;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => respond(request, response, Buffer.concat(chunks)));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v2/models/m/infer`,
    received: () => received,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback URL on which nothing listens: a port that was just free. */
export async function deadUrl(): Promise<string> {
  const server = await startLoopbackServer();
  await server.stop();
  return server.url;
}

/** The value at quantile q (nearest rank) of `values`. */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}
