// Builds a synthetic trace from its declaration: a per-second rate shaped by the components in the
// order listed, then whole arrivals drawn from it (Poisson, seeded) or the rate itself (`expected`).
// One Float64Array holds the rates and then, in place, the arrivals: 87 days cost 60 MB and no objects.
//
// Components (times are seconds from the trace start, `t` is unix seconds of a second's start):
// - diurnal: rate += amplitude · cos(2π · (t / 3600 − peakHour) / periodHours)
// - weekend: rate ×= factor on Saturdays and Sundays (UTC)
// - steps:   rate = rps from each step's `at` until the next step (the last holds to the end)
// - spike:   during [at, at + duration): rate += rps, or rate ×= factor
// - ramp:    during [start, end): rate = from + (to − from) · (s − start) / (end − start); from end on: rate = to
// - noise:   rate ×= a random factor of mean 1 and standard deviation `relative`, per second:
//            gaussian 1 + relative · N(0, 1); poisson Poisson(μ) / μ with μ = 1 / relative²
// The rate is clipped at 0 after all components.

import { createRng, type Rng } from '../../common/prng.ts';
import { parseConfigText } from '../../common/config/configFile.ts';
import type { LoadTrace } from './loadTrace.ts';
import { samplePoisson } from './poisson.ts';
import { noTransforms } from './traceReading.ts';
import { syntheticTraceSchema, type SyntheticTraceSpec, type TraceComponent } from './syntheticSchema.ts';

const secondsPerDay = 86_400;

/**
 * The per-second rates (requests per second) of `spec`, before sampling. `rng` feeds the noise
 * components; pass the generator that will sample arrivals next so one seed fixes the whole trace.
 */
export function syntheticRates(spec: SyntheticTraceSpec, rng: Rng): Float64Array {
  const rates = new Float64Array(spec.seconds).fill(spec.baseRps);
  for (const component of spec.components) applyComponent(rates, component, spec.startTime, rng);
  for (let i = 0; i < rates.length; i++) if (rates[i]! < 0) rates[i] = 0;
  return rates;
}

/** The trace `spec` declares; the same spec (seed included) always gives the same arrivals. */
export function generateSyntheticTrace(spec: SyntheticTraceSpec, file?: string): LoadTrace {
  const rng = createRng(spec.seed);
  const arrivals = syntheticRates(spec, rng);
  if (spec.sampling === 'poisson') {
    for (let i = 0; i < arrivals.length; i++) arrivals[i] = samplePoisson(rng, arrivals[i]!);
  }
  return {
    arrivals,
    startTime: spec.startTime,
    meta: {
      source: 'synthetic',
      file,
      counts: spec.sampling === 'poisson' ? 'integer' : 'expected',
      seed: spec.seed,
      reading: { format: 'synthetic', zoneAssumed: null, interval: null, gaps: null, transforms: noTransforms },
    },
  };
}

/** Validates a YAML declaration (`fileName` names it in errors) and generates its trace. Throws InfercapError (exit code 2). */
export function parseSyntheticTrace(text: string, fileName: string): LoadTrace {
  return generateSyntheticTrace(parseSyntheticSpec(text, fileName), fileName);
}

/** Validates a YAML declaration; problems are reported as `file:line: field: problem` (the first by line). */
export function parseSyntheticSpec(text: string, fileName: string): SyntheticTraceSpec {
  return parseConfigText(text, fileName, syntheticTraceSchema, { what: 'trace' });
}

function applyComponent(rates: Float64Array, component: TraceComponent, startTime: number, rng: Rng): void {
  const n = rates.length;
  switch (component.kind) {
    case 'diurnal': {
      const { amplitude, peakHour, periodHours } = component;
      const radiansPerHour = (2 * Math.PI) / periodHours;
      for (let i = 0; i < n; i++) rates[i]! += amplitude * Math.cos(((startTime + i) / 3600 - peakHour) * radiansPerHour);
      return;
    }
    case 'weekend': {
      // Whole UTC days at a time; the epoch (day 0) was a Thursday.
      const firstDay = Math.floor(startTime / secondsPerDay);
      const lastDay = Math.floor((startTime + n - 1) / secondsPerDay);
      for (let day = firstDay; day <= lastDay; day++) {
        const weekday = (((day + 4) % 7) + 7) % 7;
        if (weekday !== 0 && weekday !== 6) continue;
        const from = Math.max(0, day * secondsPerDay - startTime);
        const to = Math.min(n, (day + 1) * secondsPerDay - startTime);
        for (let i = from; i < to; i++) rates[i]! *= component.factor;
      }
      return;
    }
    case 'steps': {
      const steps = component.steps;
      for (let j = 0; j < steps.length; j++) {
        const step = steps[j]!;
        rates.fill(step.rps, Math.min(step.at, n), Math.min(steps[j + 1]?.at ?? n, n));
      }
      return;
    }
    case 'spike': {
      const to = Math.min(component.at + component.duration, n);
      for (let i = component.at; i < to; i++) rates[i] = rates[i]! * component.factor + component.add;
      return;
    }
    case 'ramp': {
      const { from, to, start, end } = component;
      const stop = Math.min(end, n);
      for (let i = start; i < stop; i++) rates[i] = from + ((to - from) * (i - start)) / (end - start);
      if (end < n) rates.fill(to, end);
      return;
    }
    case 'noise': {
      const relative = component.relative;
      if (relative === 0) return;
      if (component.noise === 'gaussian') {
        for (let i = 0; i < n; i++) rates[i]! *= Math.max(0, 1 + relative * rng.normal());
      } else {
        const mean = 1 / (relative * relative);
        for (let i = 0; i < n; i++) rates[i]! *= samplePoisson(rng, mean) / mean;
      }
      return;
    }
  }
}
