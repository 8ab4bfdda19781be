import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createApiKeyChecker, loadApiKeys, parseKeysFile } from '../../../reference-server/security/apiKeys.ts';
import { useTempDir } from '../../support/tempDir.ts';

const temp = useTempDir('infercap-keys');

describe('createApiKeyChecker', () => {
  const checker = createApiKeyChecker(['alpha-key', 'beta-key']);

  it('accepts every configured key as a Bearer token and names the client without the key', () => {
    const alpha = checker.check('Bearer alpha-key');
    const beta = checker.check('bearer   beta-key');
    assert.equal(alpha.kind, 'ok');
    assert.equal(beta.kind, 'ok');
    assert.ok(alpha.kind === 'ok' && beta.kind === 'ok' && alpha.client !== beta.client);
    assert.ok(alpha.kind === 'ok' && !alpha.client.includes('alpha'));
  });

  it('tells a missing credential from a wrong one', () => {
    assert.deepEqual(checker.check(undefined), { kind: 'missing' });
    assert.deepEqual(checker.check('Basic YWxwaGE6a2V5'), { kind: 'missing' });
    assert.deepEqual(checker.check('Bearer '), { kind: 'missing' });
    assert.deepEqual(checker.check('Bearer alpha-ke'), { kind: 'wrong' });
    assert.deepEqual(checker.check('Bearer alpha-key-and-more'), { kind: 'wrong' });
    assert.deepEqual(checker.check('Bearer ALPHA-KEY'), { kind: 'wrong' });
  });
});

describe('loadApiKeys', () => {
  it('joins --api-key values and the lines of a keys file, skipping blanks and comments', () => {
    assert.deepEqual(parseKeysFile('# team keys\nk1\r\n\n  k2  \n'), ['k1', 'k2']);
    const file = path.join(temp.path(), 'keys.txt');
    writeFileSync(file, 'k1\n# old: k0\nk2\n');
    assert.deepEqual(loadApiKeys(['cli'], file), ['cli', 'k1', 'k2']);
  });

  it('names the problem with a missing or empty keys file, or a key with spaces', () => {
    assert.throws(() => loadApiKeys([], path.join(temp.path(), 'none.txt')), /--api-keys-file: cannot read .*none\.txt: ENOENT/);
    const empty = path.join(temp.path(), 'empty.txt');
    writeFileSync(empty, '# nothing\n');
    assert.throws(() => loadApiKeys([], empty), /--api-keys-file: .*empty\.txt holds no key/);
    assert.throws(() => loadApiKeys(['two words'], undefined), /--api-key: a key must be printable ASCII without spaces/);
  });
});
