// The time zone a trace's zone-less timestamps are read in: `UTC`, a fixed offset (`+02:00`, `-0530`) or an
// IANA name (`America/New_York`, with its daylight-saving rules, from the ICU data Node ships with).

/** A validated zone: `UTC`, `+HH:MM`/`-HH:MM`, or an IANA zone name. */
export type TimeZone = string;

const offsetPattern = /^([+-])(\d{2}):?(\d{2})$/;

/** Checks `zone`; returns the problem, or undefined when it is a zone. */
export function timeZoneProblem(zone: string): string | undefined {
  if (zone === 'UTC' || offsetPattern.test(zone)) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return undefined;
  } catch {
    return `"${zone}" is not a time zone; write UTC, an offset (+02:00) or an IANA name (Europe/Paris, America/New_York)`;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
// Offsets change at most hourly (at a daylight-saving switch): cache them per zone and wall-clock hour, so a
// file of millions of rows asks ICU a few thousand times.
const offsets = new Map<string, number>();

/**
 * The offset from UTC, in seconds, of `zone` at the wall-clock time `wallSeconds` (a local time written as
 * if it were UTC). A wall time that is ambiguous (the hour a clock is set back) or skipped (set forward)
 * takes the larger of the two offsets around the switch.
 */
export function zoneOffsetSeconds(zone: TimeZone, wallSeconds: number): number {
  if (zone === 'UTC') return 0;
  const fixed = offsetPattern.exec(zone);
  if (fixed !== null) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 3600 + Number(fixed[3]) * 60);
  const hour = Math.floor(wallSeconds / 3600);
  const key = `${zone}@${hour}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  // Two rounds: the offset at the guessed instant, then at the instant that offset gives.
  const first = offsetAt(zone, hour * 3600);
  const second = offsetAt(zone, hour * 3600 - first);
  const offset = Math.max(first, second);
  offsets.set(key, offset);
  return offset;
}

/** The offset of `zone` at the instant `unixSeconds`. */
function offsetAt(zone: string, unixSeconds: number): number {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(unixSeconds * 1000))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) / 1000;
  return wall - unixSeconds;
}
