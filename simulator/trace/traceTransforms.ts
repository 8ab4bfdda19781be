// The transformations a trace takes wherever it is used, in this order: `window` (keep [start, end) of the
// original timeline), `speedup` (compress time: the same requests in 1/k of the time), `scale` (multiply
// the load), `repeat` (play it n times back to back), `shift` (move it in time). On per-second counts
// they are exact integrals (a fractional speedup splits a second's requests across the two seconds it
// now straddles); on kept arrival offsets they move each request, and a fractional scale keeps or
// duplicates requests at random (seeded), so the per-second counts are those of the offsets.

import { traceWindowEmpty } from '../../common/errors.ts';
import { createRng } from '../../common/prng.ts';
import type { LoadTrace } from './loadTrace.ts';
import { addConstantRate } from './rateBins.ts';
import { noTransforms, type TraceReading, type TraceTransforms, type WindowBound } from './traceReading.ts';

/** `trace` transformed; `where` (a file, or file:line) names the trace in errors. Throws InfercapError (exit code 2). */
export function transformTrace(trace: LoadTrace, transforms: TraceTransforms, where: string): LoadTrace {
  let arrivals = trace.arrivals;
  let offsets = trace.arrivalOffsets;
  let startTime = trace.startTime;
  let integer = trace.meta.counts === 'integer';
  // Transformations compose: a declaration's own, then the command line's.
  const report: { -readonly [K in keyof TraceReading['transforms']]: TraceReading['transforms'][K] } = { ...(trace.meta.reading?.transforms ?? noTransforms) };

  if (transforms.window !== undefined) {
    const resolve = (bound: WindowBound) => ('offset' in bound ? bound.offset : Math.floor(bound.unix) - trace.startTime);
    const start = Math.max(0, resolve(transforms.window.start));
    const end = Math.min(arrivals.length, transforms.window.end === undefined ? arrivals.length : resolve(transforms.window.end));
    if (!(start < end)) {
      throw traceWindowEmpty(where, resolve(transforms.window.start), transforms.window.end === undefined ? undefined : resolve(transforms.window.end), arrivals.length);
    }
    arrivals = arrivals.slice(start, end);
    startTime += start;
    if (offsets !== undefined) offsets = offsets.filter((o) => o >= start && o < end).map((o) => o - start);
    report.window = { start, end: transforms.window.end === undefined ? null : end };
  }

  const speedup = transforms.speedup ?? 1;
  if (speedup !== 1) {
    if (offsets !== undefined) {
      offsets = offsets.map((o) => o / speedup);
      arrivals = binOffsets(offsets, Math.ceil(arrivals.length / speedup));
    } else {
      const compressed = new Float64Array(Math.ceil(arrivals.length / speedup));
      for (let i = 0; i < arrivals.length; i++) addConstantRate(compressed, i / speedup, (i + 1) / speedup, arrivals[i]! * speedup);
      arrivals = compressed;
      integer &&= Number.isInteger(speedup);
    }
    report.speedup *= speedup;
  }

  const scale = transforms.scale ?? 1;
  if (scale !== 1) {
    if (offsets !== undefined) {
      offsets = scaleOffsets(offsets, scale, transforms.seed ?? 1);
      arrivals = binOffsets(offsets, arrivals.length);
    } else {
      arrivals = arrivals.map((a) => a * scale);
      integer &&= Number.isInteger(scale);
    }
    report.scale *= scale;
  }

  const repeat = transforms.repeat ?? 1;
  if (repeat !== 1) {
    const n = arrivals.length;
    const tiled = new Float64Array(n * repeat);
    for (let r = 0; r < repeat; r++) tiled.set(arrivals, r * n);
    if (offsets !== undefined) {
      const once = offsets;
      const all = new Float64Array(once.length * repeat);
      for (let r = 0; r < repeat; r++) for (let i = 0; i < once.length; i++) all[r * once.length + i] = once[i]! + r * n;
      offsets = all;
    }
    arrivals = tiled;
    report.repeat *= repeat;
  }

  if (transforms.shift !== undefined && transforms.shift !== 0) {
    startTime += transforms.shift;
    report.shift += transforms.shift;
  }

  const reading = trace.meta.reading;
  return {
    arrivals,
    startTime,
    ...(offsets === undefined ? {} : { arrivalOffsets: offsets }),
    meta: { ...trace.meta, counts: integer ? 'integer' : 'expected', ...(reading === undefined ? {} : { reading: { ...reading, transforms: report } }) },
  };
}

function binOffsets(offsets: Float64Array, seconds: number): Float64Array {
  const bins = new Float64Array(seconds);
  for (let i = 0; i < offsets.length; i++) bins[Math.min(seconds - 1, Math.floor(offsets[i]!))]! += 1;
  return bins;
}

/** Each request `floor(scale)` times, and once more with probability `scale − floor(scale)`; order kept. */
function scaleOffsets(offsets: Float64Array, scale: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const whole = Math.floor(scale);
  const fraction = scale - whole;
  const out: number[] = [];
  for (let i = 0; i < offsets.length; i++) {
    const copies = whole + (fraction > 0 && rng.next() < fraction ? 1 : 0);
    for (let c = 0; c < copies; c++) out.push(offsets[i]!);
  }
  return Float64Array.from(out);
}
