import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runInfercap } from '../../../harness/target/infercapProcess.ts';

describe('infercap serve: replica and balancer options', () => {
  it('refuses fleet options without a fleet, naming the flag (exit 2)', async () => {
    const result = await runInfercap(['serve', '--replica-slowdown', '2=4x', '--port', '0']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'infercap: --replica-slowdown: applies to a balanced fleet; add --replicas N (or use --slowdown for this server)\n');
  });

  it('refuses a slowdown for a replica that does not exist before starting anything (exit 2)', async () => {
    const result = await runInfercap(['serve', '--replicas', '3', '--replica-slowdown', '4=2x', '--port', '0']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'infercap: --replica-slowdown: "4=2x" names replica 4; the ids are 1 to 3\n');
  });

  it('refuses an unknown strategy, listing the known ones (exit 2)', async () => {
    const result = await runInfercap(['serve', '--replicas', '2', '--balancer', 'fastest', '--port', '0']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Invalid values:\n\s+Argument: balancer, Given: "fastest", Choices: "round-robin", "weighted-round-robin", "least-connections", "least-response-time", "random", "p2c"/);
  });
});
