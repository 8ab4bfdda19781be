// The phases of a scenario, run in order: open-loop arrivals, closed-loop connections, or a pause
// (Artillery's phases, k6's executors). `kind` is explicit, so a typo cannot turn one kind into another.

import { z } from 'zod';
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
  .describe('Closed loop: a fixed number of connections (autocannon), so the server sets the pace.');

/** No traffic: lets queues drain and caches expire between phases. */
export const pausePhaseSchema = z
  .strictObject({ name, kind: z.literal('pause'), duration })
  .describe('No traffic for the duration.');

/** Phases in order, each named (defaults filled), names unique. */
export const phasesSchema = z
  .array(z.discriminatedUnion('kind', [openPhaseSchema, closedPhaseSchema, pausePhaseSchema]))
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
