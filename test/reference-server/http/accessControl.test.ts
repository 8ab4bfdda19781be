import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { describe, it } from 'node:test';
import { resolveServerOptions } from '../../../reference-server/config/serverOptions.ts';
import { createAccessCheck } from '../../../reference-server/http/accessControl.ts';

const request = (url: string, authorization?: string, address = '10.0.0.1') =>
  ({ url, headers: authorization === undefined ? {} : { authorization }, socket: { remoteAddress: address } }) as unknown as IncomingMessage;
const codeOf = (error: { code: string } | undefined) => error?.code;

describe('createAccessCheck', () => {
  it('lets everything through when neither keys nor a rate limit are set', () => {
    const check = createAccessCheck(resolveServerOptions({}));
    assert.equal(check(request('/v2/models/m/infer')), undefined);
  });

  it('requires a key everywhere but the health probes', () => {
    const check = createAccessCheck(resolveServerOptions({ apiKey: ['secret'] }));
    assert.equal(codeOf(check(request('/v2/models/m/infer'))), 'E_UNAUTHENTICATED');
    assert.equal(codeOf(check(request('/metrics', 'Bearer nope'))), 'E_FORBIDDEN');
    assert.equal(check(request('/v2/models/m/infer', 'Bearer secret')), undefined);
    assert.equal(check(request('/v2/health/live')), undefined);
    assert.equal(check(request('/v2/health/ready?verbose=1')), undefined);
    assert.equal(codeOf(check(request('/v2/health/ready/../../models/m'))), 'E_UNAUTHENTICATED');
  });

  it('limits each remote address when there are no keys, with Retry-After in whole seconds', () => {
    let now = 0;
    const check = createAccessCheck(resolveServerOptions({ rateLimit: 2 }), { now: () => now });
    assert.deepEqual([check(request('/v2')), check(request('/v2')), check(request('/v2'))].map(codeOf), [undefined, undefined, 'E_RATE_LIMITED']);
    assert.equal(check(request('/v2'))?.headers['Retry-After'], '1');
    assert.equal(check(request('/v2', undefined, '10.0.0.2')), undefined);
    assert.equal(check(request('/v2/health/live')), undefined);
    now = 500;
    assert.equal(check(request('/v2')), undefined);
  });

  it('limits per key, not per address, when keys are required', () => {
    const check = createAccessCheck(resolveServerOptions({ apiKey: ['a', 'b'], rateLimit: 1, rateBurst: 1 }), { now: () => 0 });
    assert.equal(check(request('/v2', 'Bearer a', '10.0.0.1')), undefined);
    assert.equal(codeOf(check(request('/v2', 'Bearer a', '10.0.0.9'))), 'E_RATE_LIMITED');
    assert.equal(check(request('/v2', 'Bearer b', '10.0.0.1')), undefined);
  });
});

describe('security options', () => {
  it('refuse a missing keys file and header timeouts longer than the request timeout, naming the flag', () => {
    assert.throws(() => resolveServerOptions({ apiKeysFile: path.join('/nonexistent', 'keys.txt') }), /--api-keys-file: cannot read \/nonexistent\/keys\.txt: ENOENT/);
    assert.throws(() => resolveServerOptions({ headersTimeoutMs: 5_000, requestTimeoutMs: 1_000 }), /--headers-timeout-ms: must not exceed --request-timeout-ms \(1000\)/);
    assert.throws(() => resolveServerOptions({ maxJsonDepth: 0 }), /--max-json-depth: /);
  });
});
