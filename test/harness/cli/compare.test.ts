import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compare } from '../../../harness/cli/commands/compare.ts';

describe('infercap compare', () => {
  it('needs at least two results files', async () => {
    await assert.rejects(compare(['only.json'], '/tmp/never-written'), { code: 'E_INVALID_OPTION', exitCode: 2, message: /give at least two results files/ });
  });

  it('refuses a missing file before writing anything', async () => {
    await assert.rejects(compare(['/nonexistent/a.json', '/nonexistent/b.json'], '/tmp/never-written'), { code: 'E_RESULTS_UNREADABLE', exitCode: 2 });
  });
});
