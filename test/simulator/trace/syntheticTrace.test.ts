import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isInfercapError } from '../../../common/errors.ts';
import { createRng } from '../../../common/prng.ts';
import { syntheticTraceSchema } from '../../../simulator/trace/syntheticSchema.ts';
import { generateSyntheticTrace, parseSyntheticTrace, syntheticRates } from '../../../simulator/trace/syntheticTrace.ts';

const rates = (declaration: Record<string, unknown>) =>
  syntheticRates(syntheticTraceSchema.parse({ seed: 1, baseRps: 100, ...declaration }), createRng(1));

function problem(yaml: string): string {
  try {
    parseSyntheticTrace(yaml, 'trace.yaml');
  } catch (error) {
    assert.ok(isInfercapError(error));
    assert.equal(error.exitCode, 2);
    return error.message;
  }
  assert.fail('expected a validation error');
}

const hour = 3600;

describe('synthetic trace components', () => {
  it('diurnal adds amplitude · cos(2π (hour − peakHour) / period)', () => {
    const r = rates({ duration: '1d', components: [{ diurnal: { amplitude: 50, peakHour: 14 } }] });
    assert.equal(r.length, 86_400);
    assert.equal(r[14 * hour], 150);
    assert.equal(r[2 * hour], 50);
    assert.ok(Math.abs(r[8 * hour]! - 100) < 1e-9);
    assert.ok(Math.abs(r[14 * hour + 1]! - (100 + 50 * Math.cos((2 * Math.PI) / 24 / hour))) < 1e-12);
  });

  it('diurnal follows startTime and periodHours', () => {
    const r = rates({ seconds: 13 * hour, startTime: 2 * hour, components: [{ diurnal: { amplitude: 10, peakHour: 2, periodHours: 12 } }] });
    assert.equal(r[0], 110); // 02:00
    assert.equal(r[12 * hour], 110); // 14:00, one period later
    assert.equal(r[6 * hour], 90); // 08:00, half a period
  });

  it('weekend multiplies Saturdays and Sundays (UTC)', () => {
    // 2024-01-05 is a Friday.
    const r = rates({ duration: '4d', startTime: '2024-01-05T00:00:00Z', components: [{ weekend: { factor: 0.5 } }] });
    assert.deepEqual([r[0], r[86_399], r[86_400], r[2 * 86_400 + 5], r[3 * 86_400]], [100, 100, 50, 50, 100]);
  });

  it('steps set the rate from each step until the next, in time order', () => {
    const r = rates({ seconds: 10, components: [{ steps: [{ at: 6, rps: 7 }, { at: '3s', rps: 20 }] }] });
    assert.deepEqual([...r], [100, 100, 100, 20, 20, 20, 7, 7, 7, 7]);
  });

  it('spike adds rps or multiplies by factor for its duration', () => {
    assert.deepEqual([...rates({ seconds: 6, components: [{ spike: { at: 2, duration: 3, rps: 50 } }] })], [100, 100, 150, 150, 150, 100]);
    assert.deepEqual([...rates({ seconds: 5, components: [{ spike: { at: 3, duration: '1m', factor: 3 } }] })], [100, 100, 100, 300, 300]);
  });

  it('ramp interpolates from start to end, then holds `to`', () => {
    const r = rates({ seconds: 8, components: [{ ramp: { from: 0, to: 40, start: 2, end: 6 } }] });
    assert.deepEqual([...r], [100, 100, 0, 10, 20, 30, 40, 40]);
  });

  it('applies components in order and clips the rate at 0', () => {
    const spike = { spike: { at: 1, duration: 1, rps: 5 } };
    const steps = { steps: [{ at: 0, rps: 10 }] };
    assert.deepEqual([...rates({ seconds: 4, components: [steps, spike] })], [10, 15, 10, 10]);
    assert.deepEqual([...rates({ seconds: 4, components: [spike, steps] })], [10, 10, 10, 10]);
    const clipped = rates({ duration: '1d', components: [{ diurnal: { amplitude: 150, peakHour: 0 } }] });
    assert.equal(clipped[12 * hour], 0);
  });

  it('noise multiplies the rate by a factor of mean 1 and the relative standard deviation', () => {
    for (const kind of ['gaussian', 'poisson']) {
      const r = rates({ seconds: 100_000, components: [{ noise: { kind, relative: 0.1 } }] });
      const mean = r.reduce((sum, x) => sum + x, 0) / r.length;
      const sd = Math.sqrt(r.reduce((sum, x) => sum + (x - mean) ** 2, 0) / r.length);
      assert.ok(Math.abs(mean - 100) < 0.2, `${kind} mean ${mean}`);
      assert.ok(Math.abs(sd - 10) < 0.2, `${kind} sd ${sd}`);
    }
  });
});

describe('generateSyntheticTrace', () => {
  const spec = (seed: number, sampling = 'poisson') =>
    syntheticTraceSchema.parse({ duration: '1h', seed, baseRps: 50, sampling, components: [{ noise: { kind: 'gaussian', relative: 0.2 } }] });

  it('gives identical arrivals for the same seed and different ones for another', () => {
    const a = generateSyntheticTrace(spec(7)).arrivals;
    assert.deepEqual(generateSyntheticTrace(spec(7)).arrivals, a);
    assert.notDeepEqual(generateSyntheticTrace(spec(8)).arrivals, a);
  });

  it('draws whole Poisson arrivals, or keeps the rate with sampling: expected', () => {
    const sampled = generateSyntheticTrace(spec(7));
    assert.ok(sampled.arrivals.every(Number.isInteger));
    assert.equal(sampled.meta.counts, 'integer');
    const expected = generateSyntheticTrace(syntheticTraceSchema.parse({ seconds: 3, seed: 1, baseRps: 2.5, sampling: 'expected' }));
    assert.deepEqual([...expected.arrivals], [2.5, 2.5, 2.5]);
    assert.deepEqual({ ...expected.meta, reading: undefined }, { source: 'synthetic', file: undefined, counts: 'expected', seed: 1, reading: undefined });
  });

  it('generates 87 days at 1 s in one Float64Array', () => {
    const started = performance.now();
    const trace = parseSyntheticTrace(
      'duration: 87d\nseed: 3\nbaseRps: 230\ncomponents:\n  - diurnal: { amplitude: 170, peakHour: 14 }\n  - noise: { kind: gaussian, relative: 0.05 }\n',
      '87d.yaml',
    );
    assert.equal(trace.arrivals.length, 87 * 86_400);
    assert.ok(trace.arrivals instanceof Float64Array);
    // Reported, not asserted: machines differ.
    console.log(`# 87 days (${trace.arrivals.length} s) generated in ${Math.round(performance.now() - started)} ms`);
  });
});

describe('parseSyntheticTrace', () => {
  it('loads the bundled diurnal-week example: a Monday-start week peaking near 400 req/s', () => {
    const file = new URL('../../../simulator/trace/examples/diurnal-week.yaml', import.meta.url);
    const trace = parseSyntheticTrace(readFileSync(file, 'utf8'), 'diurnal-week.yaml');
    assert.equal(trace.arrivals.length, 7 * 86_400);
    assert.equal(trace.startTime, 1704067200);
    const mondayPeak = trace.arrivals.subarray(13 * hour, 15 * hour).reduce((a, b) => a + b, 0) / (2 * hour);
    const mondayTrough = trace.arrivals.subarray(1 * hour, 3 * hour).reduce((a, b) => a + b, 0) / (2 * hour);
    assert.ok(mondayPeak > 370 && mondayPeak < 410, `peak ${mondayPeak}`);
    assert.ok(mondayTrough > 50 && mondayTrough < 75, `trough ${mondayTrough}`);
  });

  it('names the file, line and field of a problem', () => {
    assert.equal(problem('duration: 1d\nseed: 1\nbaseRps: -5\n'), 'trace.yaml:3: baseRps: must be at least 0');
    assert.equal(
      problem('duration: 2w\nseed: 1\nbaseRps: 5\n'),
      'trace.yaml:1: duration: "2w" is not a duration; write seconds (3600) or a number and a unit: s, m, h or d (e.g. 90s, 15m, 12h, 3d, 1h30m)',
    );
    assert.equal(problem('seed: 1\nbaseRps: 5\n'), 'trace.yaml:1: duration: give exactly one of duration (e.g. 7d) or seconds');
    assert.match(problem('duration: 1d\nseed: 1\nbaseRps: 5\ncomponents:\n  - spike: { at: 10, duration: 5 }\n'), /^trace\.yaml:5: components\[0\]\.spike: give exactly one of rps/);
    assert.match(problem('duration: 1d\nseed: 1\nbaseRps: 5\ncomponents:\n  - diurnl: { amplitude: 1 }\n'), /^trace\.yaml:5: components\[0\]\.diurnl: unknown key; did you mean "diurnal"\?/);
    assert.match(problem('duration: 1d\nseed: 1\nbaseRps: 5\ncomponents:\n  - noise: { kind: pink, relative: 0.1 }\n'), /^trace\.yaml:5: components\[0\]\.noise\.kind: must be one of gaussian, poisson/);
    assert.match(problem('duration: 1d\nseed: 1\nbaseRps: 5\ncomponents:\n  - ramp: { from: 1, to: 2, start: 1.5, end: 9 }\n'), /^trace\.yaml:5: components\[0\]\.ramp\.start: 1\.5 is not a whole number of seconds/);
  });
});
