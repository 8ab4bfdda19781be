// The YAML declaration of a synthetic trace: its length, seed, base rate and an ordered list of shape
// components. Schema and TypeScript type are this one definition.

import { z } from 'zod';
import { parseTimestamp } from './timestamps.ts';
import { checkWindow, transformShape } from './traceFileSchema.ts';
import { traceSecondsSchema } from './traceDuration.ts';

const rps = z.number().min(0);

const diurnalSchema = z.strictObject({
  /** Requests per second added at the peak and removed at the trough. */
  amplitude: z.number().min(0),
  /** Hour (UTC, of the cycle since the unix epoch) at which the cycle peaks. */
  peakHour: z.number().min(0),
  periodHours: z.number().positive().default(24),
});

const weekendSchema = z.strictObject({
  /** Multiplies the rate on Saturdays and Sundays (UTC). */
  factor: z.number().min(0),
});

const stepSchema = z.strictObject({ at: traceSecondsSchema, rps });

const spikeSchema = z
  .strictObject({ at: traceSecondsSchema, duration: traceSecondsSchema, rps: rps.optional(), factor: z.number().min(0).optional() })
  .check((ctx) => {
    if ((ctx.value.rps === undefined) === (ctx.value.factor === undefined)) {
      ctx.issues.push({ code: 'custom', message: 'give exactly one of rps (added) or factor (multiplied)', input: ctx.value });
    }
  });

const rampSchema = z
  .strictObject({ from: rps, to: rps, start: traceSecondsSchema, end: traceSecondsSchema })
  .check((ctx) => {
    if (ctx.value.end <= ctx.value.start) {
      ctx.issues.push({ code: 'custom', message: 'end must be after start', input: ctx.value, path: ['end'] });
    }
  });

const noiseSchema = z.strictObject({
  kind: z.enum(['gaussian', 'poisson']),
  /** Standard deviation of the multiplicative noise, relative to the rate (0.1 = 10 %). */
  relative: z.number().min(0),
});

const componentKeys = ['diurnal', 'weekend', 'steps', 'spike', 'ramp', 'noise'] as const;

/** One shape component: a mapping with exactly one of the component keys. */
const componentSchema = z
  .strictObject({
    diurnal: diurnalSchema.optional(),
    weekend: weekendSchema.optional(),
    steps: z.array(stepSchema).min(1).optional(),
    spike: spikeSchema.optional(),
    ramp: rampSchema.optional(),
    noise: noiseSchema.optional(),
  })
  .check((ctx) => {
    const present = componentKeys.filter((key) => ctx.value[key] !== undefined);
    if (present.length !== 1) {
      ctx.issues.push({
        code: 'custom',
        message: `a component has exactly one of ${componentKeys.join(', ')}${present.length > 1 ? `; got ${present.join(', ')}` : ''}`,
        input: ctx.value,
      });
    }
  })
  .transform((value): TraceComponent => {
    if (value.diurnal !== undefined) return { kind: 'diurnal', ...value.diurnal };
    if (value.weekend !== undefined) return { kind: 'weekend', ...value.weekend };
    if (value.steps !== undefined) return { kind: 'steps', steps: [...value.steps].sort((a, b) => a.at - b.at) };
    if (value.spike !== undefined) return { kind: 'spike', at: value.spike.at, duration: value.spike.duration, ...change(value.spike) };
    if (value.ramp !== undefined) return { kind: 'ramp', ...value.ramp };
    return { kind: 'noise', noise: value.noise!.kind, relative: value.noise!.relative };
  });

const change = (spike: { rps?: number | undefined; factor?: number | undefined }) =>
  spike.rps !== undefined ? { add: spike.rps, factor: 1 } : { add: 0, factor: spike.factor! };

/** A shape component, applied to the rate in the order listed. Times are seconds from the trace start. */
export type TraceComponent =
  | { kind: 'diurnal'; amplitude: number; peakHour: number; periodHours: number }
  | { kind: 'weekend'; factor: number }
  | { kind: 'steps'; steps: { at: number; rps: number }[] }
  | { kind: 'spike'; at: number; duration: number; add: number; factor: number }
  | { kind: 'ramp'; from: number; to: number; start: number; end: number }
  | { kind: 'noise'; noise: 'gaussian' | 'poisson'; relative: number };

const startTimeSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const parsed = parseTimestamp(String(value));
  if (parsed.ok && Number.isInteger(parsed.seconds)) return parsed.seconds;
  ctx.addIssue({ code: 'custom', message: parsed.ok ? 'must be a whole second' : parsed.problem, input: value });
  return z.NEVER;
});

/** A synthetic trace declaration as written in YAML, validated and normalized. */
export const syntheticTraceSchema = z
  .strictObject({
    $schema: z.string().optional(),
    /** Length of the trace: seconds or a duration (`7d`, `12h`); or give `seconds`. */
    duration: traceSecondsSchema.optional(),
    seconds: z.int().positive().optional(),
    seed: z.int(),
    /** Unix seconds or ISO 8601 of the first second; sets the time of day for `diurnal` and the weekday for `weekend`. */
    startTime: startTimeSchema.default(0),
    baseRps: rps,
    /** `poisson`: whole arrivals drawn per second; `expected`: the rate itself (fractional). */
    sampling: z.enum(['poisson', 'expected']).default('poisson'),
    components: z.array(componentSchema).default([]),
    /** Transformations of the generated trace (scale, window, speedup, shift, repeat), as for a trace file. */
    ...transformShape,
  })
  .check((ctx) => {
    checkWindow(ctx, 'UTC');
    const { duration, seconds } = ctx.value;
    if ((duration === undefined) === (seconds === undefined)) {
      ctx.issues.push({ code: 'custom', message: 'give exactly one of duration (e.g. 7d) or seconds', input: ctx.value, path: ['duration'] });
    } else if (duration === 0) {
      ctx.issues.push({ code: 'custom', message: 'must be longer than 0', input: duration, path: ['duration'] });
    }
  })
  .transform(({ duration, seconds, $schema: _, ...rest }) => ({ ...rest, seconds: seconds ?? duration! }));

/** A validated synthetic trace declaration. */
export type SyntheticTraceSpec = z.output<typeof syntheticTraceSchema>;
