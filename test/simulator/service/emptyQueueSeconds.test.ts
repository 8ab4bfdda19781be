import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EmptyQueueSeconds } from '../../../simulator/service/emptyQueueSeconds.ts';
import { serviceModel } from '../../../simulator/service/serviceModel.ts';
import { compileServiceModel, createServiceSecond, initialServiceState, serviceStep } from '../../../simulator/service/serviceStep.ts';

const models = {
  queueing: serviceModel({ capacity: 100, queueLimit: 100, serviceTimeMs: { mean: 9, p50: 8, p95: 15, p99: 25 } }),
  'measured curve': serviceModel({
    capacity: 50,
    queueLimit: 10,
    serviceTimeMs: { mean: 9, p50: 8, p95: 15, p99: 25 },
    latencyCurve: [
      { throughput: 10, p50: 8, p95: 14, p99: 20 },
      { throughput: 40, p50: 12, p95: 30, p99: 60 },
    ],
  }),
};

// Mostly small whole counts (so that pairs repeat: table hits), some past the first table's 1024, fractions,
// negatives and NaN; 0 to 6 replicas.
const arrivals = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 30 }), weight: 8 },
  { arbitrary: fc.integer({ min: 0, max: 5000 }), weight: 1 },
  { arbitrary: fc.double({ min: -5, max: 3000, noNaN: false }), weight: 1 },
);
const seconds = fc.array(fc.tuple(arrivals, fc.integer({ min: 0, max: 6 })), { minLength: 100, maxLength: 400 });

describe('EmptyQueueSeconds', () => {
  for (const [name, model] of Object.entries(models)) {
    it(`gives exactly serviceStep's figures and backlog, second after second (${name})`, () => {
      const compiled = compileServiceModel(model);
      fc.assert(
        fc.property(seconds, (trace) => {
          const cached = new EmptyQueueSeconds(compiled);
          const [a, b] = [initialServiceState(), initialServiceState()];
          const [x, y] = [createServiceSecond(), createServiceSecond()];
          for (const [count, ready] of trace) {
            serviceStep(compiled, a, count, ready, x);
            cached.step(b, count, ready, y);
            for (const key of Object.keys(x) as (keyof typeof x)[]) assert.ok(Object.is(x[key], y[key]), `${key}: ${x[key]} vs ${y[key]} (${count} arriving, ${ready} ready)`);
            assert.ok(Object.is(a.backlog, b.backlog));
          }
        }),
        { numRuns: 200, seed: 17 },
      );
    });
  }
});
