import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactSecrets } from '../../../harness/run/redactSecrets.ts';

describe('redactSecrets', () => {
  it('replaces API keys in targets and variants, leaving everything else and the input untouched', () => {
    const scenario = {
      name: 'guarded',
      target: { reference: { apiKey: ['k1', 'k2'], maxBatchSize: 8 } },
      variants: [{ name: 'b', target: { reference: { apiKey: ['k3'] } } }, { name: 'c', workload: { rows: 2 } }],
    };
    assert.deepEqual(redactSecrets(scenario), {
      name: 'guarded',
      target: { reference: { apiKey: ['<redacted>', '<redacted>'], maxBatchSize: 8 } },
      variants: [{ name: 'b', target: { reference: { apiKey: ['<redacted>'] } } }, { name: 'c', workload: { rows: 2 } }],
    });
    assert.deepEqual(scenario.target.reference.apiKey, ['k1', 'k2']);
  });
});
