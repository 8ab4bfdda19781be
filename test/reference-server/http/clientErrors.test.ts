import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientErrorAnswer } from '../../../reference-server/http/clientErrors.ts';

describe('clientErrorAnswer', () => {
  it('maps Node parser and timeout errors to statuses and catalogue codes', () => {
    assert.deepEqual([408, 'E_REQUEST_TIMEOUT'], [clientErrorAnswer('ERR_HTTP_REQUEST_TIMEOUT').status, clientErrorAnswer('ERR_HTTP_REQUEST_TIMEOUT').code]);
    assert.deepEqual([431, 'E_HEADERS_TOO_LARGE'], [clientErrorAnswer('HPE_HEADER_OVERFLOW').status, clientErrorAnswer('HPE_HEADER_OVERFLOW').code]);
    assert.deepEqual([405, 'E_METHOD_NOT_ALLOWED'], [clientErrorAnswer('HPE_INVALID_METHOD').status, clientErrorAnswer('HPE_INVALID_METHOD').code]);
    assert.deepEqual(clientErrorAnswer('HPE_INVALID_CONSTANT'), {
      status: 400,
      reason: 'Bad Request',
      code: 'E_BAD_HTTP',
      error: 'the request is not valid HTTP/1.1 (HPE_INVALID_CONSTANT)',
    });
  });
});
