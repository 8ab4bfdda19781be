// The window of a trace that `infercap fidelity` replays: parsed from `--window START:END`, checked against
// the trace, and made into the one `trace` phase that both sides use — the replay runs it (trace driver) and
// the simulator receives its intended sends, second by second, so both see the very same requests.

import path from 'node:path';
import { fidelitySpeedupInvalid, fidelityWindowBackwards, fidelityWindowBoundNotParsed, fidelityWindowEmpty, fidelityWindowNotRange, fidelityWindowOutsideTrace } from '../../common/errors.ts';
import { loadTraceFile } from '../../simulator/trace/loadTrace.ts';
import { tryParseTraceSeconds } from '../../simulator/trace/traceDuration.ts';
import type { ArrivalKind } from '../drive/arrivalSchedule.ts';
import { traceSendTimes } from '../drive/drivers/traceDriver.ts';
import { sendsPerSecond } from '../drive/traceSchedule.ts';
import type { TracePhase } from '../scenario/scenarioSchema.ts';
import { phaseTrace } from '../scenario/traceSource.ts';

/** `[start, end)` of the original trace, in seconds from its start; `end` undefined: to the trace's end. */
export interface WindowSeconds {
  readonly start: number;
  readonly end: number | undefined;
}

/** Parses `START:END` (seconds or durations from the trace's start; either may be empty). Throws exit-2 errors. */
export function parseWindow(text: string): WindowSeconds {
  const parts = text.split(':');
  if (parts.length !== 2) throw fidelityWindowNotRange(text);
  const bound = (part: string) => {
    if (part.trim() === '') return undefined;
    const parsed = tryParseTraceSeconds(/^\d+$/.test(part.trim()) ? Number(part) : part.trim());
    // The parser's problem ends with its own example of a duration; this message gives one of a window.
    if (!parsed.ok) throw fidelityWindowBoundNotParsed(text, parsed.problem.split(';')[0]!);
    return parsed.seconds;
  };
  const start = bound(parts[0]!) ?? 0;
  const end = bound(parts[1]!);
  if (end !== undefined && end <= start) throw fidelityWindowBackwards(text);
  return { start, end };
}

export interface ReplaySpec {
  /** A trace file (CSV read by its header, or a YAML declaration). */
  readonly file: string;
  readonly window: WindowSeconds;
  readonly speedup: number;
  readonly scale: number;
  readonly arrivals: ArrivalKind;
  readonly seed: number;
}

/** The replay as one trace phase, and the window it resolved to (seconds of the original trace). */
export interface ReplayPlan {
  readonly phase: TracePhase;
  readonly window: { readonly start: number; readonly end: number };
  /** The requests due in each second of the replay: the simulator's arrivals. */
  readonly arrivals: number[];
}

/**
 * The replay phase of `spec`, after checking that the window lies inside the trace (a window running past
 * its end is an error, not silently cut) and that it holds requests. Throws exit-2 errors.
 */
export function replayPlanOf(spec: ReplaySpec): ReplayPlan {
  if (!(spec.speedup > 0)) throw fidelitySpeedupInvalid(spec.speedup);
  const file = path.resolve(spec.file);
  const traceSeconds = loadTraceFile(file).arrivals.length;
  const end = spec.window.end ?? traceSeconds;
  if (spec.window.start >= traceSeconds || end > traceSeconds) throw fidelityWindowOutsideTrace(spec.file, spec.window.start, end, traceSeconds);
  const options = {
    file,
    window: { start: spec.window.start, end },
    speedup: spec.speedup,
    scale: spec.scale,
    seed: spec.seed,
  };
  const trace = phaseTrace(options);
  const phase = {
    ...options,
    name: 'replay',
    kind: 'trace',
    trace: file,
    arrivals: spec.arrivals,
    warmup: false,
    duration: trace.arrivals.length * 1000,
  } as const satisfies TracePhase;
  const arrivals = sendsPerSecond(traceSendTimes(phase), phase.duration);
  if (!arrivals.some((count) => count > 0)) throw fidelityWindowEmpty(spec.file);
  return { phase, window: { start: spec.window.start, end }, arrivals };
}
