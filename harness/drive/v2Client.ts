// A minimal Open Inference Protocol (KServe V2) client over fetch, for one-off predictions.

import { targetAnsweredWithoutOutputs, targetError } from '../../common/errors.ts';

interface V2Output {
  name: string;
  shape: number[];
  data: number[];
}

/**
 * Sends `rows` (flat, `width` values per row) as the model's `input` tensor; returns one probability row
 * per input row. `apiKey` goes as `Authorization: Bearer` to servers that require one.
 */
export async function inferRows(baseUrl: string, model: string, version: string, rows: Float32Array, width: number, apiKey?: string): Promise<number[][]> {
  const count = rows.length / width;
  const response = await fetch(`${baseUrl}/v2/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}/infer`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` }) },
    body: JSON.stringify({ inputs: [{ name: 'input', shape: [count, width], datatype: 'FP32', data: Array.from(rows) }] }),
  });
  const body = (await response.json()) as { outputs?: V2Output[]; error?: string };
  if (!response.ok || body.outputs === undefined) {
    throw body.error === undefined ? targetAnsweredWithoutOutputs(`${model}/${version}`, response.status) : targetError(`${model}/${version}`, response.status, body.error);
  }
  const output = body.outputs[0]!;
  const classes = output.shape[1]!;
  return Array.from({ length: count }, (_, row) => output.data.slice(row * classes, (row + 1) * classes));
}
