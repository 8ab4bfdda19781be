// The phases of a scenario, run in order: open-loop arrivals, closed-loop connections, or a pause
// (Artillery's phases, k6's executors). `kind` is explicit, so a typo cannot turn one kind into another.

import { z } from 'zod';
import { checkWindow, transformShape } from '../../simulator/trace/traceFileSchema.ts';
import { durationSchema } from './duration.ts';

const name = z
  .string()
  .min(1)
  .describe('Name of the phase in results and reports; phase-1, phase-2, ... by position when absent. Unique.')
  .optional();

const warmup = z
  .boolean()
  .describe('A warmup phase drives load but is excluded from thresholds (its results are still kept).')
  .default(false);

const duration = durationSchema.describe('How long the phase lasts, e.g. 30s or 2m.');

/** Requests sent on a schedule fixed in advance, whatever the server's speed; latency counts from the intended send time. */
export const openPhaseSchema = z
  .strictObject({
    name,
    kind: z.literal('open'),
    rate: z.number().positive().describe('Arrival rate in requests per second (at the start, when rampTo is set).'),
    rampTo: z.number().nonnegative().describe('Rate at the end of the phase; the rate changes linearly from rate to rampTo.').optional(),
    arrivals: z
      .enum(['constant', 'poisson'])
      .describe('constant: evenly spaced sends; poisson: seeded exponential gaps with the same mean rate (MLPerf Server).')
      .default('constant'),
    duration,
    warmup,
  })
  .describe('Open loop: a fixed arrival rate, as wrk2 and k6 constant-arrival-rate.');

/** A fixed number of connections, each sending its next request when the previous answer arrives. */
export const closedPhaseSchema = z
  .strictObject({
    name,
    kind: z.literal('closed'),
    connections: z.number().int().min(1).max(10_000).describe('Concurrent connections, each with one request in flight.'),
    duration,
    warmup,
  })
  .describe('Closed loop: a fixed number of connections, each sending its next request when the previous answer arrives, so the server sets the pace.');

/**
 * A trace replayed open-loop: its per-second load (or each logged request) becomes the intended send times,
 * fixed in advance. The phase lasts as long as the transformed trace; the trace file is read when the
 * scenario is loaded (see traceSource.ts), so a bad path or a window outside the trace fails before any traffic.
 */
export const tracePhaseSchema = z
  .strictObject({
    name,
    kind: z.literal('trace'),
    trace: z
      .string()
      .min(1)
      .describe('The trace file, relative to the scenario file: a CSV (timestamp,rps; timestamp,count; or an arrival log) or a trace YAML declaration.'),
    speedup: transformShape.speedup.describe('Compress the trace\'s time by this factor (60: an hour in a minute, at 60 times the rate).'),
    scale: transformShape.scale.describe('Multiply the load (0.5 halves it; an arrival log keeps or duplicates requests at random, seeded).'),
    window: transformShape.window.describe('Replay only [start, end) of the trace: seconds or durations from its start (1h, 90m), or timestamps.'),
    arrivals: z
      .enum(['constant', 'poisson'])
      .describe('For rate and count traces: each second\'s requests evenly spaced (constant) or at seeded random times within the second (poisson, the default). An arrival log is replayed as logged.')
      .optional(),
    seed: z.int().describe('Seed of Poisson times, of a fractional scale of an arrival log, and of the split between shards; the same on every shard.').default(1),
    warmup,
  })
  .check((ctx) => checkWindow(ctx, 'UTC'))
  .describe('Trace replay: a trace\'s arrivals sent open-loop (AIPerf\'s trace replay, k6 and Locust load shapes).');

/** No traffic: lets queues drain and caches expire between phases. */
export const pausePhaseSchema = z
  .strictObject({ name, kind: z.literal('pause'), duration })
  .describe('No traffic for the duration.');

/** Phases in order, each named (defaults filled), names unique. */
export const phasesSchema = z
  .array(z.discriminatedUnion('kind', [openPhaseSchema, closedPhaseSchema, pausePhaseSchema, tracePhaseSchema]))
  .min(1)
  .transform((phases) => phases.map((phase, index) => ({ ...phase, name: phase.name ?? `phase-${index + 1}` })))
  .superRefine((phases, ctx) => {
    const firstIndex = new Map<string, number>();
    phases.forEach((phase, index) => {
      const earlier = firstIndex.get(phase.name);
      if (earlier === undefined) firstIndex.set(phase.name, index);
      else {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `"${phase.name}" is already the name of phases[${earlier}]; phase names must be unique`,
        });
      }
    });
    // Only on valid phases: with an invalid one, names may be missing and the duplicates meaningless.
  }, { when: (payload) => payload.issues.length === 0 })
  .describe('Phases, run in order.');
