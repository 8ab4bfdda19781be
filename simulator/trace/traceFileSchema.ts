// A trace declared in YAML: a CSV file and how to read it (format, columns, interval, timezone, gaps), and
// the transformations (scale, window, speedup, shift, repeat) — which a synthetic declaration takes too.
// One zod schema, also the type; unknown keys are errors reported as `file:line: field: message`.

import { z } from 'zod';
import { parseTimestamp } from './timestamps.ts';
import { traceSecondsSchema, tryParseTraceSeconds } from './traceDuration.ts';
import { timeZoneProblem } from './timeZone.ts';
import { gapPolicies, traceFormats, type TraceReadOptions, type TraceTransforms, type WindowBound } from './traceReading.ts';

// A window bound as written: seconds or a duration from the trace's start (`3600`, `2d`), or a timestamp.
const boundSchema = z.union([z.number(), z.string()], { error: () => 'must be seconds or a duration from the trace start (2d, 90m), or a timestamp' });
type BoundInput = z.infer<typeof boundSchema>;

const shiftSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const negative = typeof value === 'string' ? value.trim().startsWith('-') : value < 0;
  const magnitude = typeof value === 'string' ? value.trim().replace(/^[-+]/, '') : Math.abs(value);
  const parsed = tryParseTraceSeconds(magnitude);
  if (parsed.ok) return negative ? -parsed.seconds : parsed.seconds;
  ctx.addIssue({ code: 'custom', message: parsed.problem, input: value });
  return z.NEVER;
});

/** The transformation keys, shared by trace-file and synthetic declarations. */
export const transformShape = {
  /** Multiply the load (0.5 halves it). */
  scale: z.number().nonnegative().optional(),
  /** Keep `[start, end)`; either bound may be left out. */
  window: z.strictObject({ start: boundSchema.optional(), end: boundSchema.optional() }).optional(),
  /** Compress time by this factor (60: an hour in a minute). */
  speedup: z.number().positive().optional(),
  /** Move the trace in time: seconds or a duration, negative for earlier (`-2h`). */
  shift: shiftSchema.optional(),
  /** Play the trace this many times back to back. */
  repeat: z.int().min(1).optional(),
} as const;

/** The keys of a trace-file declaration. */
export const traceFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    /** The CSV, relative to the YAML file. */
    file: z.string().min(1),
    format: z.enum(traceFormats).optional(),
    /** Header names of the timestamp and value columns, when they are not recognised. */
    columns: z.strictObject({ time: z.string().min(1).optional(), value: z.string().min(1).optional() }).optional(),
    /** The interval of per-interval counts (`1m`, `1h`); inferred from the rows by default. */
    interval: traceSecondsSchema.optional(),
    /** The zone of zone-less timestamps: UTC (default), +02:00, or an IANA name. */
    timezone: z.string().optional(),
    gaps: z.enum(gapPolicies).optional(),
    /** For rps files: the longest spacing between samples that is not a gap. */
    maxGap: traceSecondsSchema.optional(),
    /** Seeds a fractional scale of a replayed arrival log. */
    seed: z.int().optional(),
    ...transformShape,
  })
  .check((ctx) => {
    const { timezone, interval, maxGap } = ctx.value;
    const zone = timezone === undefined ? undefined : timeZoneProblem(timezone);
    if (zone !== undefined) ctx.issues.push({ code: 'custom', message: zone, input: timezone, path: ['timezone'] });
    if (interval === 0) ctx.issues.push({ code: 'custom', message: 'must be longer than 0', input: interval, path: ['interval'] });
    if (maxGap === 0) ctx.issues.push({ code: 'custom', message: 'must be longer than 0', input: maxGap, path: ['maxGap'] });
    checkWindow(ctx, timezone ?? 'UTC');
  });
export type TraceFileDeclaration = z.output<typeof traceFileSchema>;

type TransformInput = { [K in keyof typeof transformShape]?: z.output<(typeof transformShape)[K]> } & { seed?: number | undefined };

/** Validates the window's bounds in a zod `.check` of an object that has `window`. */
export function checkWindow(ctx: { value: unknown; issues: unknown[] }, zone: string): void {
  const window = (ctx.value as TransformInput).window;
  if (window === undefined) return;
  for (const key of ['start', 'end'] as const) {
    const bound = window[key];
    if (bound === undefined) continue;
    const parsed = parseBound(bound, zone);
    if (!parsed.ok) ctx.issues.push({ code: 'custom', message: parsed.problem, input: bound, path: ['window', key] });
  }
  const start = window.start === undefined ? undefined : parseBound(window.start, zone);
  const end = window.end === undefined ? undefined : parseBound(window.end, zone);
  if (start?.ok && end?.ok && sameKind(start.bound, end.bound) && value(end.bound) <= value(start.bound)) {
    ctx.issues.push({ code: 'custom', message: 'end must be after start', input: window.end, path: ['window', 'end'] });
  }
}

const sameKind = (a: WindowBound, b: WindowBound) => ('offset' in a) === ('offset' in b);
const value = (b: WindowBound) => ('offset' in b ? b.offset : b.unix);

function parseBound(bound: BoundInput, zone: string): { ok: true; bound: WindowBound } | { ok: false; problem: string } {
  const seconds = tryParseTraceSeconds(bound);
  if (seconds.ok) return { ok: true, bound: { offset: seconds.seconds } };
  if (typeof bound === 'number') return { ok: false, problem: seconds.problem };
  const time = parseTimestamp(bound, zone);
  if (time.ok) return { ok: true, bound: { unix: time.seconds } };
  return { ok: false, problem: `"${bound}" is neither a duration from the trace start (2d, 90m, 3600) nor a timestamp (2024-01-01 00:00:00)` };
}

/** The transformations of a validated declaration (its window bounds resolved in `zone`). */
export function transformsOf(declaration: TransformInput, zone = 'UTC'): TraceTransforms {
  const window = declaration.window;
  const bound = (b: BoundInput | undefined) => {
    if (b === undefined) return undefined;
    const parsed = parseBound(b, zone);
    if (!parsed.ok) throw new Error(parsed.problem); // validated by checkWindow
    return parsed.bound;
  };
  return {
    ...(window === undefined ? {} : { window: { start: bound(window.start) ?? { offset: 0 }, end: bound(window.end) } }),
    ...(declaration.speedup === undefined ? {} : { speedup: declaration.speedup }),
    ...(declaration.scale === undefined ? {} : { scale: declaration.scale }),
    ...(declaration.repeat === undefined ? {} : { repeat: declaration.repeat }),
    ...(declaration.shift === undefined ? {} : { shift: declaration.shift }),
    ...(declaration.seed === undefined ? {} : { seed: declaration.seed }),
  };
}

/** The reading options of a validated declaration. */
export function readOptionsOf(declaration: TraceFileDeclaration): TraceReadOptions {
  return {
    ...(declaration.format === undefined ? {} : { format: declaration.format }),
    ...(declaration.columns?.time === undefined ? {} : { timeColumn: declaration.columns.time }),
    ...(declaration.columns?.value === undefined ? {} : { valueColumn: declaration.columns.value }),
    ...(declaration.interval === undefined ? {} : { intervalSeconds: declaration.interval }),
    ...(declaration.timezone === undefined ? {} : { timezone: declaration.timezone }),
    ...(declaration.gaps === undefined ? {} : { gaps: declaration.gaps }),
    ...(declaration.maxGap === undefined ? {} : { maxGapSeconds: declaration.maxGap }),
  };
}
