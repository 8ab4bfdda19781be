// API keys: loaded once from the options (and a keys file), checked in constant time. Keys and the
// presented token are compared as SHA-256 digests, so lengths never leak and every key is compared.

import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { apiKeyNotPrintable, apiKeysFileEmpty, apiKeysFileUnreadable } from '../../common/errors.ts';

export type ApiKeyVerdict =
  | { readonly kind: 'ok'; /** A stable, non-secret name of the key, for rate limiting. */ readonly client: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'wrong' };

export interface ApiKeyChecker {
  /** Judges an `Authorization` header value. */
  check(authorization: string | undefined): ApiKeyVerdict;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Keys of a keys file: one a line; blank lines and lines starting with # are skipped. */
export function parseKeysFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** The keys of `--api-key` and `--api-keys-file`; an unreadable or empty file is a usage error. */
export function loadApiKeys(keys: readonly string[], keysFile: string | undefined): string[] {
  const all = [...keys];
  if (keysFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(keysFile, 'utf8');
    } catch (error) {
      throw apiKeysFileUnreadable(keysFile, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
    const fromFile = parseKeysFile(text);
    if (fromFile.length === 0) throw apiKeysFileEmpty(keysFile);
    all.push(...fromFile);
  }
  for (const key of all) {
    if (!/^[\x21-\x7e]+$/.test(key)) throw apiKeyNotPrintable();
  }
  return all;
}

/** A checker of `Authorization: Bearer <key>` against `keys` (at least one). */
export function createApiKeyChecker(keys: readonly string[]): ApiKeyChecker {
  const digests = keys.map(digest);
  const names = digests.map((d) => `key:${d.subarray(0, 6).toString('hex')}`);
  return {
    check(authorization) {
      const match = authorization === undefined ? null : /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
      if (match === null) return { kind: 'missing' };
      const presented = digest(match[1]!);
      let found = -1;
      // No early exit: the time taken does not say which key (or how much of one) matched.
      for (let i = 0; i < digests.length; i++) {
        if (timingSafeEqual(presented, digests[i]!) && found < 0) found = i;
      }
      return found < 0 ? { kind: 'wrong' } : { kind: 'ok', client: names[found]! };
    },
  };
}
