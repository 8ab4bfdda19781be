// Parses a latency SLO as users write it, `p95 < 100ms` (p50, p95 or p99; ms or s), with the share of
// requests that must meet it (`--objective 99%`).

import { invalidOption } from '../../common/errors.ts';
import type { Slo } from './simulationResults.ts';

const pattern = /^\s*(p50|p95|p99)\s*<\s*(\d+(?:\.\d+)?)\s*(ms|s)\s*$/i;

/** The SLO named by `text` (the option `flag` in errors) with `objective` (0.99, "99%" or "99"). Throws exit-2 errors. */
export function parseSlo(text: string, objective: number | string = 0.99, flag = '--slo'): Slo {
  const match = pattern.exec(text);
  if (match === null) throw invalidOption(flag, `"${text}" is not a latency SLO; write e.g. "p95 < 100ms" (p50, p95 or p99; ms or s)`);
  const value = Number(match[2]);
  const thresholdMs = match[3]!.toLowerCase() === 's' ? value * 1000 : value;
  if (!(thresholdMs > 0)) throw invalidOption(flag, 'the latency bound must be greater than 0');
  return { text: `${match[1]!.toLowerCase()} < ${match[2]}${match[3]!.toLowerCase()}`, percentile: match[1]!.toLowerCase() as Slo['percentile'], thresholdMs, objective: parseObjective(objective) };
}

function parseObjective(objective: number | string): number {
  const text = String(objective).trim();
  const percent = text.endsWith('%');
  const value = Number(percent ? text.slice(0, -1) : text);
  const share = percent || value > 1 ? value / 100 : value;
  if (!Number.isFinite(share) || share <= 0 || share > 1) throw invalidOption('--objective', `"${text}" is not a share of requests; write e.g. 99% or 0.99`);
  return share;
}
