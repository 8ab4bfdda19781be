// Timestamps as trace files write them: unix seconds or milliseconds, ISO 8601 with or without a zone, and
// the common zone-less forms of log exports (`1998-04-30 21:30:00`, `1995/07/01 00:00:00`,
// `2023-11-16 18:15:46.6805900`). A zone-less time is read in the trace's time zone (UTC unless told):
// the same file must mean the same instants on every machine, so the machine's own zone is never used.
// Parsed by one regular expression and Date.UTC, not Date.parse: fractions keep all their digits (Date
// keeps milliseconds) and millions of rows parse in well under a second.

import { zoneOffsetSeconds, type TimeZone } from './timeZone.ts';

export type ParsedTimestamp =
  | { readonly ok: true; readonly seconds: number; /** True when the text carried no zone (the trace's zone was applied). */ readonly zoneless: boolean }
  | { readonly ok: false; readonly problem: string };

const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
// YYYY-MM-DD or YYYY/MM/DD, then optionally T or a space, HH:MM[:SS[.fraction]], then optionally a zone.
const datePattern = /^(\d{4})([-/])(\d{2})\2(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;
// Unix seconds beyond this are after the year 5000 and unix milliseconds below it before 1973: a larger
// number is milliseconds.
const maxUnixSeconds = 1e11;

const example = 'write unix seconds (1700000000.25) or milliseconds (1700000000250), ISO 8601 (2024-01-01T00:00:00Z), or YYYY-MM-DD HH:MM:SS[.fraction] (read in the trace\'s timezone)';

/** A timestamp field as unix seconds (fractions kept), or the reason it is not one. Zone-less times are read in `zone`. */
export function parseTimestamp(text: string, zone: TimeZone = 'UTC'): ParsedTimestamp {
  if (numberPattern.test(text)) {
    const value = Number(text);
    return { ok: true, seconds: Math.abs(value) >= maxUnixSeconds ? value / 1000 : value, zoneless: false };
  }
  const match = datePattern.exec(text);
  if (match === null) return { ok: false, problem: `"${text}" is not a timestamp; ${example}` };
  const [, year, , month, day, hour = '0', minute = '0', second = '0', fraction = '', zoneText] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 60) {
    return { ok: false, problem: `"${text}" is not a valid date and time` };
  }
  const wallSeconds = Date.UTC(y, mo - 1, d, h, mi, s) / 1000 + (fraction === '' ? 0 : Number(`0.${fraction}`));
  if (zoneText !== undefined) return { ok: true, seconds: wallSeconds - fixedOffsetSeconds(zoneText), zoneless: false };
  return { ok: true, seconds: wallSeconds - zoneOffsetSeconds(zone, wallSeconds), zoneless: true };
}

function fixedOffsetSeconds(zone: string): number {
  if (/^(Z|UTC)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2) || '0') * 60);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
