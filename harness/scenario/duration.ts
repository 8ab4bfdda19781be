// Durations as scenario files write them (`500ms`, `30s`, `2m`, `1h`, `1.5s`), and back.
// Milliseconds are the harness's one unit of time, so everything is converted here, once, at load.

import { z } from 'zod';

const unitMs = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

// A unit is required: a bare `30` could mean seconds (Artillery) or milliseconds (k6's `timeout`).
const durationPattern = /^(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)$/;

const example = 'write a number and a unit: ms, s, m or h (e.g. 500ms, 30s, 2m, 1h)';

/** The outcome of reading a duration: milliseconds, or the reason it is not one. */
export type DurationParse = { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly problem: string };

/** Reads `text` as a duration without throwing, for callers that report problems their own way. */
export function tryParseDuration(text: string): DurationParse {
  const match = durationPattern.exec(text);
  if (match === null) return { ok: false, problem: `"${text}" is not a duration; ${example}` };
  // Rounded to whole microseconds, the harness's resolution, so 0.1s is 100 and not 100.00000000000001.
  const ms = Math.round(Number(match[1]) * unitMs[match[2] as keyof typeof unitMs] * 1_000) / 1_000;
  return { ok: true, ms };
}

/** Parses a duration such as `1.5s` to milliseconds (1500); throws a RangeError naming the text otherwise. */
export function parseDuration(text: string): number {
  const parsed = tryParseDuration(text);
  if (!parsed.ok) throw new RangeError(parsed.problem);
  return parsed.ms;
}

/**
 * Writes milliseconds in the largest unit that holds them exactly (`90000` → `90s`, `120000` → `2m`,
 * `1500` → `1.5s`, `0.25` → `0.25ms`), so that `parseDuration(formatDuration(ms)) === ms`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot format ${ms} as a duration`);
  if (ms > 0 && ms % unitMs.h === 0) return `${ms / unitMs.h}h`;
  if (ms > 0 && ms % unitMs.m === 0) return `${ms / unitMs.m}m`;
  // Seconds only when the milliseconds are whole, so no rounding hides below three decimals.
  if (ms >= unitMs.s && Number.isInteger(ms)) return `${ms / unitMs.s}s`;
  return `${ms}ms`;
}

/** A positive duration string in a scenario file, parsed to milliseconds. */
export const durationSchema = z
  .string({ error: (issue) => (issue.input === undefined ? undefined : `must be a duration string; ${example}`) })
  // The pattern also lands in the JSON Schema, so editors flag a bad duration as it is typed.
  .regex(durationPattern, { error: (issue) => `"${String(issue.input)}" is not a duration; ${example}` })
  .transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === 0) ctx.addIssue({ code: 'custom', message: `"${text}" must be longer than 0`, input: text });
    return ms;
  })
  .meta({ description: 'A duration: a number and a unit, ms, s, m or h (e.g. 500ms, 30s, 2m, 1h).' });
