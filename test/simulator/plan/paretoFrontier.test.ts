import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paretoFrontier } from '../../../simulator/plan/paretoFrontier.ts';
import { minReplicasForLoad } from '../../../simulator/plan/fixedFleetSizing.ts';
import { serviceModel } from '../../../simulator/service/serviceModel.ts';
import { parseSlo } from '../../../simulator/simulate/sloExpression.ts';

describe('paretoFrontier', () => {
  it('keeps the points no other point beats on both cost and attainment', () => {
    const flags = paretoFrontier([
      { cost: 10, attainment: 0.99 }, // on: cheapest at 0.99
      { cost: 12, attainment: 0.99 }, // off: same attainment, dearer
      { cost: 15, attainment: 0.999 }, // on
      { cost: 8, attainment: 0.9 }, // on: cheapest
      { cost: 15, attainment: 0.995 }, // off: same cost, worse
      { cost: 20, attainment: 0.999 }, // off
    ]);
    assert.deepEqual(flags, [true, false, true, true, false, false]);
  });
});

describe('minReplicasForLoad', () => {
  // No waiting term to speak of (deterministic service, no arrival variance) leaves the capacity bound alone.
  const model = serviceModel({ capacity: 100, queueLimit: 10, serviceTimeMs: { p50: 10, p95: 10, p99: 10 }, arrivalCv2: 0, serviceCv2: 0 });

  it('is the capacity bound when latency is not the limit', () => {
    assert.equal(minReplicasForLoad(model, 450, parseSlo('p95 < 100ms')), 5);
    assert.equal(minReplicasForLoad(model, 500, parseSlo('p95 < 100ms')), 5);
    assert.equal(minReplicasForLoad(model, 501, parseSlo('p95 < 100ms')), 6);
  });

  it('is undefined when the service time alone breaks the SLO', () => {
    assert.equal(minReplicasForLoad(model, 100, parseSlo('p95 < 10ms')), undefined);
  });

  it('adds replicas until the waiting time fits the bound', () => {
    const variable = serviceModel({ capacity: 100, queueLimit: 10, serviceTimeMs: { p50: 10, p95: 30, p99: 50 } });
    const tight = minReplicasForLoad(variable, 450, parseSlo('p95 < 40ms'))!;
    const loose = minReplicasForLoad(variable, 450, parseSlo('p95 < 400ms'))!;
    assert.ok(tight > loose, `${tight} > ${loose}`);
  });
});
