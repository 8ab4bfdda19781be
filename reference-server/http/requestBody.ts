// Reads a client's request body whole, within a byte limit: the server parses it, the balancer keeps it
// so that a retry can send it again. 413 over the limit (before reading when Content-Length says so).

import type { IncomingMessage } from 'node:http';
import { bodyIncomplete, bodyTooLarge } from '../../common/errors.ts';

export function readRequestBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.reject(bodyTooLarge(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) {
        cleanup();
        reject(bodyTooLarge(limitBytes));
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received));
    };
    const onAborted = () => {
      cleanup();
      reject(bodyIncomplete());
    };
    const cleanup = () => request.off('data', onData).off('end', onEnd).off('aborted', onAborted).off('error', onAborted);
    request.on('data', onData).on('end', onEnd).on('aborted', onAborted).on('error', onAborted);
  });
}
