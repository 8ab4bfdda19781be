// Reads a model's input from the target's V2 metadata, so the harness can drive any V2 server
// (Triton, KServe, MLServer) without being told the tensor name and width.

import { targetError, targetUnreachable } from '../../common/errors.ts';

export interface ModelInput {
  readonly name: string;
  /** Values per row: the product of the input's dimensions after the batch dimension. */
  readonly width: number;
}

/** GET /v2/models/{model}[/versions/{version}] and the first input's name and row width. */
export async function fetchModelInput(baseUrl: string, model: string, version?: string, headers: Readonly<Record<string, string>> = {}): Promise<ModelInput> {
  const url = `${baseUrl}/v2/models/${encodeURIComponent(model)}${version === undefined ? '' : `/versions/${encodeURIComponent(version)}`}`;
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw targetUnreachable(baseUrl, (error as Error).message);
  }
  const body = (await response.json().catch(() => ({}))) as { inputs?: { name?: unknown; shape?: unknown }[]; error?: unknown };
  if (!response.ok) throw targetError(`model ${model}${version === undefined ? '' : `/${version}`} metadata`, response.status, String(body.error ?? 'no details'));
  const input = body.inputs?.[0];
  const shape = Array.isArray(input?.shape) ? (input.shape as unknown[]) : [];
  if (typeof input?.name !== 'string' || shape.length < 2 || !shape.slice(1).every((d) => Number.isInteger(d) && (d as number) > 0)) {
    throw targetError(`model ${model} metadata`, response.status, 'no input with a batch dimension and fixed row shape');
  }
  return { name: input.name, width: shape.slice(1).reduce<number>((product, d) => product * (d as number), 1) };
}
