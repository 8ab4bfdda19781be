// Reads the trace of each `trace` phase when the scenario is loaded, relative to the scenario file, so a
// missing file, a bad row or a window outside the trace is a `file:line` error (exit code 2) before any
// traffic, and the phase's duration is the transformed trace's length.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { lineOfPath } from '../../common/config/yamlLines.ts';
import { deepFreeze } from '../../common/deepFreeze.ts';
import { tracePhaseArrivalsOfLog, tracePhaseEmpty, tracePhaseFileMissing } from '../../common/errors.ts';
import { loadTraceFile, type LoadTrace } from '../../simulator/trace/loadTrace.ts';
import { transformsOf } from '../../simulator/trace/traceFileSchema.ts';
import { transformTrace } from '../../simulator/trace/traceTransforms.ts';
import type { ParsedScenario, ResolvedTracePhase, Scenario } from './scenarioSchema.ts';

type TraceOptions = Pick<ResolvedTracePhase, 'file' | 'speedup' | 'scale' | 'window' | 'seed'>;

// Traces read at load are kept for the driver (which reads them again by the phase's options): a replayed
// trace is small, and an 87-day one at 1 s is 60 MB, read once instead of three times.
const loaded = new Map<string, LoadTrace>();
const keyOf = (phase: TraceOptions) => JSON.stringify([phase.file, phase.speedup, phase.scale, phase.window, phase.seed]);

/**
 * The trace of a resolved trace phase, its transformations applied; `where` (file:line) names it in errors.
 * Arrival logs keep each request's offset, so they replay as logged.
 */
export function phaseTrace(phase: TraceOptions, where: string = phase.file): LoadTrace {
  const key = keyOf(phase);
  const cached = loaded.get(key);
  if (cached !== undefined) return cached;
  const trace = transformTrace(loadTraceFile(phase.file, { keepArrivals: true }), transformsOf(phase), where);
  loaded.set(key, trace);
  return trace;
}

/** `parsed` with every trace phase's file read: its absolute path and its duration (ms) added; deep-frozen. */
export function resolveTracePhases(parsed: ParsedScenario, text: string, fileName: string): Scenario {
  if (!parsed.phases.some((phase) => phase.kind === 'trace')) return parsed as Scenario;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const at = (index: number, key: string) => `${fileName}:${lineOfPath(doc, lineCounter, ['phases', index, key])}`;
  const phases = parsed.phases.map((phase, index) => {
    if (phase.kind !== 'trace') return phase;
    const field = `phases[${index}]`;
    const file = path.resolve(path.dirname(fileName), phase.trace);
    if (!existsSync(file)) throw tracePhaseFileMissing(at(index, 'trace'), `${field}.trace`, file);
    const trace = phaseTrace({ ...phase, file }, at(index, phase.window === undefined ? 'trace' : 'window'));
    if (phase.arrivals !== undefined && trace.arrivalOffsets !== undefined) {
      throw tracePhaseArrivalsOfLog(at(index, 'arrivals'), `${field}.arrivals`);
    }
    if (!trace.arrivals.some((count) => count > 0)) {
      throw tracePhaseEmpty(at(index, 'trace'), `${field}.trace`);
    }
    return { ...phase, file, duration: trace.arrivals.length * 1000 };
  });
  return deepFreeze({ ...parsed, phases }) as Scenario;
}
