import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pruneReason, pruningBounds } from '../../../simulator/plan/pruningBounds.ts';
import { serviceModel } from '../../../simulator/service/serviceModel.ts';
import { minReplicasForLoad } from '../../../simulator/plan/fixedFleetSizing.ts';
import { parseSlo } from '../../../simulator/simulate/sloExpression.ts';

const model = serviceModel({ capacity: 100, queueLimit: 100, serviceTimeMs: { mean: 9, p50: 8, p95: 15, p99: 25 } });
const slo = parseSlo('p95 < 100ms', '99%');

describe('pruningBounds', () => {
  // Two hours: an hour at 50 req/s, an hour at 250 req/s; checkpoints every hour.
  const arrivals = Float64Array.from({ length: 7200 }, (_, s) => (s < 3600 ? 50 : 250));
  const bounds = pruningBounds(arrivals, model, slo, [1, 4], 3600);

  it('needs, in each second, at most the replicas a steady fleet needs at that load', () => {
    const [low, high] = [minReplicasForLoad(model, 50, slo)!, minReplicasForLoad(model, 250, slo)!];
    const suffix = bounds.byMinReplicas[1]!.suffix;
    assert.ok(suffix[1]! <= 3600 * high && suffix[1]! >= 3600 * Math.ceil(250 / 100 - 1));
    assert.ok(suffix[0]! - suffix[1]! <= 3600 * low);
    assert.equal(bounds.byMinReplicas[4]!.suffix[0], 3600 * 4 + Math.max(4, suffix[1]! / 3600) * 3600);
  });

  it('allows 1 % of the requests outside the SLO', () => {
    assert.ok(Math.abs(bounds.allowance - 0.01 * 3600 * 300) < 1e-2);
  });

  it('stops a policy that missed more than the allowance, or that cannot cost less than the best; never on a tie', () => {
    assert.equal(pruneReason(bounds, 1, 3600, 0, bounds.allowance + 1, Number.POSITIVE_INFINITY), 'cannot-meet-slo');
    assert.equal(pruneReason(bounds, 1, 3600, 0, 0, Number.POSITIVE_INFINITY), undefined);
    // minReplicas 4 over the second hour costs at least 4 × 3600 pod-seconds more.
    assert.equal(pruneReason(bounds, 4, 3600, 14_400, 0, 14_400 + 4 * 3600 - 1), 'cannot-beat-cheapest');
    const rest = Math.max(4 * 3600, bounds.byMinReplicas[4]!.suffix[1]! - bounds.byMinReplicas[4]!.rho * bounds.allowance);
    assert.equal(pruneReason(bounds, 4, 3600, 14_400, 0, 14_400 + rest), undefined);
  });
});
