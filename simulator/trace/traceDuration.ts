// Times in a synthetic trace declaration: whole seconds from the trace start, written as a number of
// seconds or a duration with a unit (`90s`, `15m`, `12h`, `3d`). Days are added here to the harness's
// ms/s/m/h durations, since traces run for weeks.

import { z } from 'zod';
import { tryParseDuration } from '../../harness/scenario/duration.ts';

const example = 'write seconds (3600) or a number and a unit: s, m, h or d (e.g. 90s, 15m, 12h, 3d)';

/** Parses `3d`, `12h`, `90s`, `1.5h` or a number of seconds to whole seconds, or says why not. */
export function tryParseTraceSeconds(value: number | string): { ok: true; seconds: number } | { ok: false; problem: string } {
  let seconds: number;
  if (typeof value === 'number') {
    seconds = value;
  } else {
    const days = /^(\d+(?:\.\d+)?|\.\d+)d$/.exec(value);
    const parsed = days === null ? tryParseDuration(value) : { ok: true as const, ms: Number(days[1]) * 86_400_000 };
    if (!parsed.ok) return { ok: false, problem: `"${value}" is not a duration; ${example}` };
    seconds = parsed.ms / 1000;
  }
  if (!Number.isFinite(seconds) || seconds < 0) return { ok: false, problem: `must be 0 or more seconds, got ${String(value)}` };
  // A trace's resolution is the second; a fraction would be silently rounded away.
  if (!Number.isInteger(seconds)) return { ok: false, problem: `${String(value)} is not a whole number of seconds` };
  return { ok: true, seconds };
}

/** A time offset or length in a trace declaration, parsed to whole seconds. */
export const traceSecondsSchema = z
  .union([z.number(), z.string()], { error: () => `must be seconds or a duration; ${example}` })
  .transform((value, ctx) => {
    const parsed = tryParseTraceSeconds(value);
    if (parsed.ok) return parsed.seconds;
    ctx.addIssue({ code: 'custom', message: parsed.problem, input: value });
    return z.NEVER;
  });
