import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compare } from '../../../harness/cli/commands/compare.ts';

describe('infercap compare', () => {
  it('needs at least two results files', async () => {
    await assert.rejects(compare(['only.json'], '/tmp/never-written'), { code: 'E_INVALID_OPTION', exitCode: 2, message: /give at least two results files/ });
  });

  it('refuses a negative or non-numeric price and a bad number of accuracy rows, naming the option', async () => {
    for (const pricePerReplicaHour of [-1, Number.NaN]) {
      await assert.rejects(compare(['a.json', 'b.json'], '/tmp/never-written', { pricePerReplicaHour }), { code: 'E_INVALID_OPTION', exitCode: 2, message: /^--price-per-replica-hour: must be a price of 0 or more/ });
    }
    await assert.rejects(compare(['a.json', 'b.json'], '/tmp/never-written', { replicas: 1.5 }), { code: 'E_INVALID_OPTION', exitCode: 2, message: /^--replicas: must be a whole number above 0/ });
    await assert.rejects(compare(['a.json', 'b.json'], '/tmp/never-written', { rows: 0 }), { code: 'E_INVALID_OPTION', exitCode: 2, message: /^--accuracy-rows: must be a whole number above 0/ });
  });

  it('refuses a missing file before writing anything', async () => {
    await assert.rejects(compare(['/nonexistent/a.json', '/nonexistent/b.json'], '/tmp/never-written'), { code: 'E_RESULTS_UNREADABLE', exitCode: 2 });
  });
});
