// The fidelity results as text: real and simulated totals side by side with the relative errors, the
// per-second agreement, and the verdict against the goals. Shared by the command and the bench.

import { formatMs, formatRate } from '../gate/figureFormat.ts';
import type { FidelityFigures, FidelityResults } from './fidelityResults.ts';

/** A relative error as a signed percentage: `+3.2 %`, `−12.0 %`; `–` when there is none. */
export function formatError(error: number | null): string {
  if (error === null) return '–';
  return `${error >= 0 ? '+' : '−'}${Math.abs(error * 100).toFixed(1)} %`;
}

/** An absolute error as a percentage: `3.2 %`; `–` when there is none. */
export function formatAbsoluteError(error: number | null): string {
  return error === null ? '–' : `${Math.abs(error * 100).toFixed(1)} %`;
}

const ms = (value: number | null) => (value === null ? '–' : formatMs(value));
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

type Row = readonly [label: string, pick: (f: FidelityFigures) => string, key: keyof FidelityFigures];
const rows: readonly Row[] = [
  ['throughput', (f) => formatRate(f.throughput), 'throughput'],
  ['rejected', (f) => Math.round(f.rejected).toLocaleString('en-US'), 'rejected'],
  ['p50', (f) => ms(f.p50), 'p50'],
  ['p95', (f) => ms(f.p95), 'p95'],
  ['p99', (f) => ms(f.p99), 'p99'],
];

export function formatFidelitySummary(results: FidelityResults): string {
  const { totals, trace, target, goals, verdict, perSecondError } = results;
  const width = (text: string, n: number) => text.padStart(n);
  const lines = [
    `${results.model} on ${target.replicas} replica${target.replicas === 1 ? '' : 's'} (${target.kind === 'reference' ? 'reference fleet' : target.url}): ` +
      `${trace.file} [${trace.window.start} s, ${trace.window.end} s) at ${trace.speedup}x, scale ${Number(trace.scale.toPrecision(3))}: ${trace.requests} requests in ${trace.seconds} s; latency model ${results.latencyModel}, capacity ${results.capacitySource}`,
    `${'figure'.padEnd(10)} ${width('real', 12)} ${width('simulated', 12)} ${width('error', 9)}`,
    ...rows.map(([label, pick, key]) => `${label.padEnd(10)} ${width(pick(totals.real), 12)} ${width(pick(totals.simulated), 12)} ${width(formatError(totals.error[key]), 9)}`),
    `per second: throughput |error| ${formatAbsoluteError(perSecondError.throughput)} (weighted), p95 |error| ${formatAbsoluteError(perSecondError.p95)} (mean)`,
    `goals: throughput within ${(goals.throughput * 100).toFixed(0)} % — ${met(verdict.throughput)}; p95 within ${(goals.p95 * 100).toFixed(0)} % — ${met(verdict.p95)}`,
  ];
  return lines.join('\n');
}
