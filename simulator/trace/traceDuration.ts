// Times in a synthetic trace declaration: whole seconds from the trace start, written as a number of
// seconds or a duration with a unit (`90s`, `15m`, `12h`, `3d`), or several units in falling order as Go and
// k6 write them (`1h30m`, `2d12h`). Days are added here to the harness's ms/s/m/h durations, since traces
// run for weeks.

import { z } from 'zod';
import { tryParseDuration } from '../../harness/scenario/duration.ts';

const example = 'write seconds (3600) or a number and a unit: s, m, h or d (e.g. 90s, 15m, 12h, 3d, 1h30m)';

const unitSeconds = { d: 86_400, h: 3_600, m: 60, s: 1 } as const;
const unitOrder = Object.keys(unitSeconds);
const compoundPattern = /^(?:(?:\d+(?:\.\d+)?|\.\d+)[dhms])+$/;
const partPattern = /(\d+(?:\.\d+)?|\.\d+)([dhms])/g;

/** `1h30m`, `2d12h`: the sum of its parts in seconds, or undefined when the units do not fall (`30m1h`, `1h1h`). */
function compoundSeconds(text: string): number | undefined {
  if (!compoundPattern.test(text)) return undefined;
  let seconds = 0;
  let last = -1;
  for (const [, amount, unit] of text.matchAll(partPattern)) {
    const order = unitOrder.indexOf(unit!);
    if (order <= last) return undefined;
    last = order;
    seconds += Number(amount) * unitSeconds[unit as keyof typeof unitSeconds];
  }
  return seconds;
}

/** Parses `3d`, `12h`, `90s`, `1.5h`, `1h30m` or a number of seconds to whole seconds, or says why not. */
export function tryParseTraceSeconds(value: number | string): { ok: true; seconds: number } | { ok: false; problem: string } {
  let seconds: number;
  if (typeof value === 'number') {
    seconds = value;
  } else {
    const parsed = tryParseDuration(value);
    const compound = parsed.ok ? parsed.ms / 1000 : compoundSeconds(value);
    if (compound === undefined) return { ok: false, problem: `"${value}" is not a duration; ${example}` };
    seconds = compound;
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
