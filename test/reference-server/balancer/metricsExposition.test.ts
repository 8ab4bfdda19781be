import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeExpositions, withReplicaLabel } from '../../../reference-server/balancer/metricsExposition.ts';

describe('metricsExposition', () => {
  it('adds the replica label first, with or without other labels', () => {
    assert.equal(withReplicaLabel('up 1', 2), 'up{replica="2"} 1');
    assert.equal(withReplicaLabel('req_total{model="m",status="200"} 5', 3), 'req_total{replica="3",model="m",status="200"} 5');
    assert.equal(withReplicaLabel('x{} 7', 1), 'x{replica="1"} 7');
    assert.equal(withReplicaLabel('x{le="+Inf"} 7 1700000000', 1), 'x{replica="1",le="+Inf"} 7 1700000000');
  });

  it('keeps one HELP and TYPE per family and groups every replica\'s samples under it', () => {
    const text = (n: number) => `# HELP a_total A.\n# TYPE a_total counter\na_total{s="200"} ${n}\n# HELP b B.\n# TYPE b gauge\nb ${n * 10}\n`;
    assert.equal(
      mergeExpositions([{ replicaId: 1, text: text(1) }, { replicaId: 2, text: text(2) }]),
      '# HELP a_total A.\n# TYPE a_total counter\na_total{replica="1",s="200"} 1\na_total{replica="2",s="200"} 2\n' +
        '# HELP b B.\n# TYPE b gauge\nb{replica="1"} 10\nb{replica="2"} 20\n',
    );
  });

  it('is empty without replicas', () => {
    assert.equal(mergeExpositions([]), '');
  });
});
