import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compare } from '../../../harness/cli/commands/compare.ts';
import { comparisonOptionsOf } from '../../../harness/cli/comparisonFlags.ts';

describe('infercap compare', () => {
  it('needs at least two results files', async () => {
    await assert.rejects(compare(['only.json'], '/tmp/never-written'), { code: 'E_INVALID_OPTION', exitCode: 2, message: /give at least two results files/ });
  });

  it('refuses a bad price, replica count, row count, bar or --model-file, naming the option', () => {
    const refuses = (flags: Parameters<typeof comparisonOptionsOf>[0], message: RegExp) =>
      assert.throws(() => comparisonOptionsOf(flags, undefined), { code: 'E_INVALID_OPTION', exitCode: 2, message });
    for (const pricePerReplicaHour of [-1, Number.NaN]) refuses({ pricePerReplicaHour }, /^--price-per-replica-hour: must be a price of 0 or more/);
    refuses({ replicas: 1.5 }, /^--replicas: must be a whole number above 0/);
    refuses({ qualityRows: 0 }, /^--quality-rows: must be a whole number above 0/);
    refuses({ minAgreement: 1.5 }, /^--min-agreement: must be a share from 0 to 1/);
    refuses({ minCosine: 2 }, /^--min-cosine: must be from -1 to 1/);
    refuses({ modelFile: ['int8'] }, /^--model-file: "int8" is not VARIANT=PATH/);
    refuses({ modelFile: ['int8=/nonexistent/model.onnx'] }, /^--model-file: int8=\/nonexistent\/model.onnx: no such file/);
  });

  it('refuses a quality-data file that is not perf_analyzer JSON, naming file, line and field', () => {
    assert.throws(() => comparisonOptionsOf({ qualityData: '/nonexistent/inputs.json' }, undefined), { code: 'E_INVALID_INPUT_DATA', exitCode: 2, message: '/nonexistent/inputs.json: cannot be read: no such file' });
  });

  it('refuses a missing file before writing anything', async () => {
    await assert.rejects(compare(['/nonexistent/a.json', '/nonexistent/b.json'], '/tmp/never-written'), { code: 'E_RESULTS_UNREADABLE', exitCode: 2 });
  });
});
