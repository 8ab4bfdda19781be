// How a trace is read and transformed, as command-line flags shared by `infercap simulate` and `infercap plan`.
// Reading flags apply to a CSV given directly (a YAML declaration says its own); transformation flags
// apply to any trace, after a declaration's own.

import { optionDurationZero, optionNegative, optionNotAboveZero, optionNotCount, optionNotParsed, optionNotPositive, traceWindowBoundNotValid, traceWindowNotRange } from '../../common/errors.ts';
import type { LoadTraceOptions } from './loadTrace.ts';
import { timeZoneProblem } from './timeZone.ts';
import { parseTimestamp } from './timestamps.ts';
import { tryParseTraceSeconds } from './traceDuration.ts';
import { gapPolicies, traceFormats, type TraceTransforms, type WindowBound } from './traceReading.ts';

export const traceFlagOptions = {
  'trace-format': { type: 'string', alias: 'csv', choices: traceFormats, describe: 'CSV format: rps, counts (per interval) or arrivals (one row a request); default from the header' },
  interval: { type: 'string', describe: 'Interval of a counts CSV (1m, 1h); default: the most common row spacing' },
  timezone: { type: 'string', default: 'UTC', describe: 'Zone of zone-less timestamps: UTC, +02:00 or an IANA name' },
  gaps: { type: 'string', choices: gapPolicies, default: 'error', describe: 'What missing data in a rps or counts CSV means' },
  'max-gap': { type: 'number', default: 300, describe: 'Longest interval (s) between rps samples that is not a gap' },
  scale: { type: 'number', describe: 'Multiply the trace\'s load' },
  window: { type: 'string', describe: 'Keep START:END of the trace (durations from its start, e.g. 1d:2d, or timestamps; either may be empty)' },
  speedup: { type: 'number', describe: 'Compress the trace\'s time by this factor (60: an hour in a minute)' },
  shift: { type: 'string', describe: 'Move the trace in time (e.g. -2h)' },
  repeat: { type: 'number', describe: 'Play the trace this many times back to back' },
} as const;

export interface TraceFlags {
  traceFormat?: string | undefined;
  interval?: string | undefined;
  timezone: string;
  gaps: string;
  maxGap: number;
  scale?: number | undefined;
  window?: string | undefined;
  speedup?: number | undefined;
  shift?: string | undefined;
  repeat?: number | undefined;
}

export function traceOptionsFromFlags(flags: TraceFlags): LoadTraceOptions {
  if (!(flags.maxGap > 0)) throw optionNotPositive('--max-gap', 'seconds', flags.maxGap);
  const zone = timeZoneProblem(flags.timezone);
  if (zone !== undefined) throw optionNotParsed('--timezone', zone);
  const interval = flags.interval === undefined ? undefined : seconds('--interval', flags.interval);
  if (interval === 0) throw optionDurationZero('--interval');
  return {
    ...(flags.traceFormat === undefined ? {} : { format: flags.traceFormat as (typeof traceFormats)[number] }),
    ...(interval === undefined ? {} : { intervalSeconds: interval }),
    timezone: flags.timezone,
    gaps: flags.gaps as (typeof gapPolicies)[number],
    maxGapSeconds: flags.maxGap,
    transforms: transformsFromFlags(flags),
  };
}

function transformsFromFlags(flags: TraceFlags): TraceTransforms {
  if (flags.scale !== undefined && !(flags.scale >= 0)) throw optionNegative('--scale', flags.scale);
  if (flags.speedup !== undefined && !(flags.speedup > 0)) throw optionNotAboveZero('--speedup', flags.speedup);
  if (flags.repeat !== undefined && !(Number.isInteger(flags.repeat) && flags.repeat >= 1)) throw optionNotCount('--repeat', flags.repeat);
  let window: TraceTransforms['window'];
  if (flags.window !== undefined) {
    const [startText, endText] = splitWindow(flags.window);
    if (endText === undefined) throw traceWindowNotRange(flags.window);
    const bound = (text: string): WindowBound | undefined => {
      if (text === '') return undefined;
      const offset = tryParseTraceSeconds(/^\d+(\.\d+)?$/.test(text) ? Number(text) : text);
      if (offset.ok) return { offset: offset.seconds };
      const time = parseTimestamp(text, flags.timezone);
      if (time.ok) return { unix: time.seconds };
      throw traceWindowBoundNotValid(text);
    };
    window = { start: bound(startText) ?? { offset: 0 }, end: bound(endText ?? '') };
  }
  const shift = flags.shift === undefined ? undefined : signedSeconds('--shift', flags.shift);
  return {
    ...(window === undefined ? {} : { window }),
    ...(flags.speedup === undefined ? {} : { speedup: flags.speedup }),
    ...(flags.scale === undefined ? {} : { scale: flags.scale }),
    ...(flags.repeat === undefined ? {} : { repeat: flags.repeat }),
    ...(shift === undefined ? {} : { shift }),
  };
}

/** `1d:2d` → [1d, 2d]; timestamps hold colons, so a bound is split at the `:` that is followed by the other bound. */
function splitWindow(text: string): [string, string | undefined] {
  // Durations never contain a colon; timestamps contain exactly two (HH:MM:SS) or one (HH:MM). Try each colon.
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== ':') continue;
    const start = text.slice(0, i);
    const end = text.slice(i + 1);
    if (isBound(start) && isBound(end)) return [start, end];
  }
  return [text, undefined];
}

const isBound = (text: string) => text === '' || tryParseTraceSeconds(/^\d+(\.\d+)?$/.test(text) ? Number(text) : text).ok || parseTimestamp(text).ok;

function seconds(flag: string, text: string): number {
  const parsed = tryParseTraceSeconds(/^\d+(\.\d+)?$/.test(text) ? Number(text) : text);
  if (!parsed.ok) throw optionNotParsed(flag, parsed.problem);
  return parsed.seconds;
}

function signedSeconds(flag: string, text: string): number {
  const negative = text.trim().startsWith('-');
  const value = seconds(flag, text.trim().replace(/^[-+]/, ''));
  return negative ? -value : value;
}
