// A loopback HTTP proxy in front of a real reference server that injects the faults the gate must catch:
// a stall at the start of every third second, fast 503s for a share of requests, or answers held
// longer. Only inference requests are touched; health and metadata pass straight through.

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { readonly kind: 'none' }
  /** Inference requests arriving in the first `ms` of every third second wait until it ends. */
  | { readonly kind: 'stall'; readonly ms: number }
  /** `perHundred` of every 100 inference requests are answered 503 at once, without reaching the server. */
  | { readonly kind: 'shed'; readonly perHundred: number }
  /** Each answer is held `ms` longer: 30 % of a baseline's median latency is a 30 % slowdown at the median. */
  | { readonly kind: 'slow'; readonly ms: number };

export interface FaultProxy {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Calls `fn` `ms` from now, to a fraction of a millisecond: Node truncates a timer's delay to whole
 * milliseconds (a 1.14 ms hold became 1 ms and a 30 % slowdown showed as 16 %), so the last stretch is
 * waited on the event loop's check phase against performance.now().
 */
function after(ms: number, fn: () => void): void {
  const deadline = performance.now() + ms;
  const tick = () => {
    const left = deadline - performance.now();
    if (left <= 0) fn();
    else if (left > 2) setTimeout(tick, Math.floor(left - 1));
    else setImmediate(tick);
  };
  tick();
}

export async function startFaultProxy(upstream: string, fault: Fault): Promise<FaultProxy> {
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const epoch = performance.now();
  let inferences = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received = performance.now();
      const infer = request.method === 'POST' && request.url?.endsWith('/infer') === true;
      const index = infer ? inferences++ : -1;
      if (infer && fault.kind === 'shed' && index % 100 < fault.perHundred) {
        response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"error":"shed by the fault proxy"}');
        return;
      }
      const forward = () => {
        const upstreamRequest = http.request(
          { host: target.hostname, port: target.port, path: request.url, method: request.method, headers: request.headers, agent },
          (answer) => {
            const body: Buffer[] = [];
            answer.on('data', (chunk: Buffer) => body.push(chunk));
            answer.on('end', () => {
              const reply = () => response.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(body));
              if (infer && fault.kind === 'slow') after(fault.ms, reply);
              else reply();
            });
          },
        );
        upstreamRequest.on('error', () => response.writeHead(502).end());
        upstreamRequest.end(Buffer.concat(chunks));
      };
      const intoSecond = (received - epoch) % 1000;
      const second = Math.floor((received - epoch) / 1000);
      if (infer && fault.kind === 'stall' && second % 3 === 2 && intoSecond < fault.ms) after(fault.ms - intoSecond, forward);
      else forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
