// The one interface every phase kind's load driver implements; the registry (loadDriverRegistry.ts) maps each
// kind to its driver, so nothing else switches on `phase.kind`.

import type { ShardSpec } from '../run/shardShare.ts';
import type { Phase } from '../scenario/scenarioSchema.ts';
import type { RequestMix, RequestSource } from './modelRoutes.ts';
import type { OutcomeSink, ScheduleWindow } from './requestOutcome.ts';

/** What every driver gets to run a phase. */
export interface DriveContext {
  /** The inference URL every request is POSTed to; with a mix, the origin of its routes. */
  readonly url: string;
  readonly nextBody: () => string | Buffer;
  /** A mix of models: each request goes to the model `mix.pick()` chooses, instead of `url` with `nextBody`. */
  readonly mix?: RequestMix;
  /** A request unanswered this long after its intended send time ends as a timeout. */
  readonly timeoutMs: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Seed of any randomness (Poisson arrivals): different per phase and shard, the same on every run. */
  readonly seed: number;
  /** Receives every request's outcome as it happens. */
  readonly onOutcome: OutcomeSink;
  /** Aborting stops at once; requests in flight are abandoned without an outcome. */
  readonly signal?: AbortSignal;
  /** Ending stops new requests before the phase's duration; requests in flight still complete. */
  readonly endSignal?: AbortSignal;
}

/** What every driver passes on to its loop from the context: where, what, how long to wait, where outcomes go. */
export function requestOptionsOf(context: DriveContext) {
  const source: RequestSource = context.mix === undefined ? { nextBody: context.nextBody } : { mix: context.mix };
  return {
    url: context.url,
    ...source,
    timeoutMs: context.timeoutMs,
    onOutcome: context.onOutcome,
    ...(context.headers ? { headers: context.headers } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
    ...(context.endSignal ? { endSignal: context.endSignal } : {}),
  };
}

/** What a driver's run of a phase gives back: its schedule window, and what it meant to send each second. */
export interface DriveResult extends ScheduleWindow {
  /** Intended sends in each second of the phase, when its schedule varies by second (trace replay). */
  readonly targetPerSecond?: readonly number[];
}

/** The driver of one phase kind. */
export interface LoadDriver<P extends Phase = Phase> {
  /**
   * Runs `phase` until its duration is over (or it is ended or aborted) and every request it sent has an
   * outcome; resolves with the phase's schedule window (the denominator of its rates) and, when the
   * schedule varies by second, its target per second.
   */
  drive(phase: P, context: DriveContext): Promise<DriveResult>;
  /** The arrival rate the phase asks for (req/s, the mean when it ramps); undefined when it sets none. */
  targetRate(phase: P): number | undefined;
  /** This shard's part of the phase (`--shard i/n`); may be another kind, e.g. a pause when nothing is left. */
  shard(phase: P, shard: ShardSpec): Phase;
  /** The load as the progress line shows it, e.g. `target 100/s` or `8 connections`; empty for none. */
  describeLoad(phase: P): string;
}
