import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readModelConfig } from '../../../reference-server/registry/modelConfig.ts';
import { useTempDir } from '../../support/tempDir.ts';

describe('config.yaml of a model', () => {
  const dir = useTempDir('infercap-model-config');
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.join(dir.path(), name), { recursive: true });
    fs.writeFileSync(path.join(dir.path(), name, 'config.yaml'), text);
  };

  it("reads Triton's field names and infercap's shape hints", () => {
    write(
      'full',
      [
        'default_version: 2',
        'max_batch_size: 16',
        'dynamic_batching:',
        '  max_queue_delay_microseconds: 500',
        '  preferred_batch_size: [4, 8]',
        'instance_group:',
        '  - count: 2',
        '    kind: KIND_CPU',
        'input:',
        '  - name: tokens',
        '    dims: [128]',
        '  - name: rate',
        '    batched: false',
        'output:',
        '  - name: logits',
        '    label_filename: labels.txt',
      ].join('\n'),
    );
    assert.deepEqual(readModelConfig(dir.path(), 'full'), {
      default_version: '2',
      max_batch_size: 16,
      dynamic_batching: { max_queue_delay_microseconds: 500, preferred_batch_size: [4, 8] },
      instance_group: [{ count: 2, kind: 'KIND_CPU' }],
      input: [{ name: 'tokens', dims: [128] }, { name: 'rate', batched: false }],
      output: [{ name: 'logits', label_filename: 'labels.txt' }],
    });
  });

  it('is empty without a file', () => {
    assert.deepEqual(readModelConfig(dir.path(), 'absent'), {});
  });

  it('names the file, line and field of an unknown key, a nested one too', () => {
    write('typo', 'max_batch_size: 4\ndynamic_batching:\n  max_queue_delay_us: 100\n');
    const file = path.join(dir.path(), 'typo', 'config.yaml');
    assert.throws(() => readModelConfig(dir.path(), 'typo'), {
      code: 'E_INVALID_CONFIG',
      message: new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3: dynamic_batching.max_queue_delay_us: unknown key \\(allowed here: max_queue_delay_microseconds, preferred_batch_size\\)$`),
    });
  });

  it('names the field of a value of the wrong kind', () => {
    write('negative', '\n\nmax_batch_size: -1\n');
    assert.throws(() => readModelConfig(dir.path(), 'negative'), { message: /config\.yaml:3: max_batch_size: must be at least 0/ });
  });
});
