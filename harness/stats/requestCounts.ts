// Arithmetic on request counts shared by the recorder, the aggregate over phases and the shard merge,
// so all three round and divide the same way and their results compare exactly.

import type { ErrorCounts, RequestCounts } from './phaseStats.ts';

/** All counts zero. */
export function emptyCounts(): RequestCounts {
  return { sent: 0, completed: 0, ok: 0, dropped: 0, errors: 0, cacheHits: 0, cacheMisses: 0 };
}

/** Field-by-field sum. */
export function addCounts(a: RequestCounts, b: RequestCounts): RequestCounts {
  return {
    sent: a.sent + b.sent,
    completed: a.completed + b.completed,
    ok: a.ok + b.ok,
    dropped: a.dropped + b.dropped,
    errors: a.errors + b.errors,
    cacheHits: a.cacheHits + b.cacheHits,
    cacheMisses: a.cacheMisses + b.cacheMisses,
  };
}

/** Kind-by-kind sum, keys sorted so equal counts serialize identically whatever the merge order. */
export function addErrorCounts(a: ErrorCounts, b: ErrorCounts): ErrorCounts {
  const sum: Record<string, number> = { ...a };
  for (const [kind, n] of Object.entries(b)) sum[kind] = (sum[kind] ?? 0) + n;
  return sortedErrorCounts(sum);
}

/** The same counts with keys in a stable order: status codes by number, then kinds by name. */
export function sortedErrorCounts(counts: ErrorCounts): ErrorCounts {
  const keys = Object.keys(counts).sort((x, y) => x.localeCompare(y, 'en', { numeric: true }));
  return Object.fromEntries(keys.map((key) => [key, counts[key]!]));
}

/**
 * errors / (sent + dropped): a dropped request is a failed one (its error kind is `dropped`), or a
 * saturated driver would hide exactly the failures that matter. `null` when nothing was due (a rate
 * over zero samples is unknown, not 0).
 */
export function errorRate(counts: RequestCounts): number | null {
  const due = counts.sent + counts.dropped;
  return due === 0 ? null : counts.errors / due;
}

/** Rounds milliseconds to the microsecond: the precision of every time in the results. */
export function roundToMicros(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** `count` per second over `durationMs`, to 0.001/s; 0 over an empty duration. */
export function perSecond(count: number, durationMs: number): number {
  return durationMs > 0 ? Math.round((count * 1_000_000) / durationMs) / 1000 : 0;
}

/** A sum of rates, to 0.001/s like every rate (shards run concurrently, so their rates add up). */
export function sumRates(rates: readonly number[]): number {
  return Math.round(rates.reduce((sum, r) => sum + r, 0) * 1000) / 1000;
}
