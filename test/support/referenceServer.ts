// Real reference servers for tests: built models, an ephemeral loopback port, silent logs.

import { silentLogger } from '../../common/log.ts';
import type { ServerOptionsInput } from '../../reference-server/config/serverOptions.ts';
import { defaultModelsDir, ensureModels } from '../../models/index.ts';
import { startServer, type RunningServer } from '../../reference-server/server.ts';

/** Builds the built-in models into the default models directory if they are missing (first use only). */
export async function ensureTestModels(): Promise<string> {
  await ensureModels(defaultModelsDir, silentLogger);
  return defaultModelsDir;
}

export async function startTestServer(options: ServerOptionsInput = {}): Promise<RunningServer> {
  const modelsDir = await ensureTestModels();
  return startServer({ modelsDir, port: 0, logLevel: 'silent', ...options }, silentLogger);
}

export interface JsonResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

/** Sends a request and parses the JSON answer (every answer of the server is JSON but /metrics). */
export async function requestJson(url: string, init: RequestInit = {}): Promise<JsonResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // left as text so the assertion shows what came back
  }
  return { status: response.status, headers: response.headers, body };
}

export function inferUrl(server: RunningServer, model: string, version?: string): string {
  return `${server.url}/v2/models/${model}${version === undefined ? '' : `/versions/${version}`}/infer`;
}

/** POSTs a V2 request with `rows` (flat, 784 per row) as the `input` tensor. */
export function inferRows(url: string, rows: Float32Array | number[], extra: Record<string, unknown> = {}): Promise<JsonResponse> {
  const count = rows.length / 784;
  return requestJson(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ inputs: [{ name: 'input', shape: [count, 784], datatype: 'FP32', data: Array.from(rows) }], ...extra }),
  });
}

/** Sum of a Prometheus series' samples whose labels include every pair in `labels`. */
export async function metricValue(server: RunningServer, series: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${series}{`) && !line.startsWith(`${series} `)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) total += Number(line.split(' ').at(-1));
  }
  return total;
}
