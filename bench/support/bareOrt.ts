// Bare onnxruntime-node throughput in process: the ceiling the server is compared against.

import ort from 'onnxruntime-node';
import { createOrtSession } from '../../reference-server/inference/ortSession.ts';
import { resolveServerOptions } from '../../reference-server/config/serverOptions.ts';

/**
 * Rows per second of `session.run` at a fixed batch size, measured for about `seconds`, with the session
 * options the server uses by default (same thread counts, no spin-waiting).
 */
export async function bareRowsPerSecond(modelPath: string, batch: number, seconds: number, width = 784): Promise<number> {
  const session = await createOrtSession(modelPath, resolveServerOptions({}));
  try {
    const data = Float32Array.from({ length: batch * width }, (_, i) => ((i * 7919) % 1000) / 1000);
    const feeds = { input: new ort.Tensor('float32', data, [batch, width]) };
    for (let i = 0; i < 3; i++) await session.run(feeds);
    const started = performance.now();
    let runs = 0;
    while (performance.now() - started < seconds * 1000) {
      await session.run(feeds);
      runs++;
    }
    return (runs * batch) / ((performance.now() - started) / 1000);
  } finally {
    await session.release();
  }
}
