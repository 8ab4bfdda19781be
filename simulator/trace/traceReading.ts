// How a trace file is read (the options) and how it was read (the report that results files carry):
// its format, the zone its zone-less timestamps were read in, the interval of per-interval counts, the
// gaps found and what was done with them, and the transformations applied.

import { z } from 'zod';
import type { TimeZone } from './timeZone.ts';

/** `rps`: timestamp,rate rows; `counts`: requests per interval; `arrivals`: one timestamp per request. */
export const traceFormats = ['rps', 'counts', 'arrivals'] as const;
export type TraceFormat = (typeof traceFormats)[number];

/** What missing data means: `error` rejects the file; `zero`: no load was there; `hold`: the last value went on. */
export const gapPolicies = ['error', 'zero', 'hold'] as const;
export type GapPolicy = (typeof gapPolicies)[number];

/** How a trace CSV is read; everything is optional and guessed or defaulted (`readingDefaults`). */
export interface TraceReadOptions {
  /** By default, from the header's value column name, or the column count without a header. */
  readonly format?: TraceFormat;
  /** Header name of the timestamp column; by default the one named timestamp, time, period, datetime or date, else the first. */
  readonly timeColumn?: string;
  /** Header name of the rate or count column; by default the one named rps/rate or count/requests/views, else the second. */
  readonly valueColumn?: string;
  /** The interval of per-interval counts, in seconds; by default the most common spacing of the rows. */
  readonly intervalSeconds?: number;
  /** Zone of zone-less timestamps. */
  readonly timezone?: TimeZone;
  readonly gaps?: GapPolicy;
  /** For `rps`: the longest spacing between two samples that is not a gap. */
  readonly maxGapSeconds?: number;
  /** For `arrivals`: keep each request's offset (`LoadTrace.arrivalOffsets`) for a load driver; costs 8 bytes a request. */
  readonly keepArrivals?: boolean;
}

export const readingDefaults = { timezone: 'UTC', gaps: 'error', maxGapSeconds: 300 } as const;

/** A bound of a window: an offset in seconds from the trace's first second, or an instant (unix seconds). */
export type WindowBound = { readonly offset: number } | { readonly unix: number };

/** The transformations of a trace, applied in this order: window, speedup, scale, repeat, shift. */
export interface TraceTransforms {
  /** Keep only `[start, end)`: each bound seconds from the trace's first second, or a unix time. */
  readonly window?: { readonly start: WindowBound; readonly end: WindowBound | undefined };
  /** Compress time: `speedup: 60` plays an hour in a minute (the same requests, 60 times the rate). */
  readonly speedup?: number;
  /** Multiply the load. */
  readonly scale?: number;
  /** Play the trace this many times back to back. */
  readonly repeat?: number;
  /** Move the trace in time by whole seconds (negative: earlier). */
  readonly shift?: number;
  /** Seeds the thinning or duplication of kept arrivals under a fractional `scale`. */
  readonly seed?: number;
}

/** How the trace was read and transformed, as results files report it. */
export const traceReadingSchema = z.strictObject({
  format: z.enum([...traceFormats, 'synthetic']),
  /** The zone zone-less timestamps were read in (UTC unless `timezone:` said otherwise); null when every timestamp carried its zone or was unix time. */
  zoneAssumed: z.string().nullable(),
  /** Per-interval counts: the interval in seconds, and whether it was inferred from the rows or given. */
  interval: z.strictObject({ seconds: z.number().positive(), inferred: z.boolean() }).nullable(),
  /** Missing data: how many gaps, how many seconds they span (beyond the expected spacing), and the policy applied. */
  gaps: z.strictObject({ policy: z.enum(gapPolicies), count: z.number().int().nonnegative(), missingSeconds: z.number().nonnegative() }).nullable(),
  transforms: z.strictObject({
    window: z.strictObject({ start: z.number(), end: z.number().nullable() }).nullable(),
    speedup: z.number().positive(),
    scale: z.number().nonnegative(),
    repeat: z.number().int().positive(),
    shift: z.number(),
  }),
});
export type TraceReading = z.infer<typeof traceReadingSchema>;

export const noTransforms: TraceReading['transforms'] = { window: null, speedup: 1, scale: 1, repeat: 1, shift: 0 };
