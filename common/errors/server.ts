// Messages of the reference server's process and its options: API keys, rate limits, request size, the
// prediction cache and the models directory.

import { type ExitCode, InfercapError } from './infercapError.ts';
import { optionError, runtime } from './kinds.ts';

export const apiKeyMissing = () =>
  new InfercapError('E_UNAUTHENTICATED', 'this server requires an API key: send "Authorization: Bearer <key>"', {
    httpStatus: 401,
    headers: { 'WWW-Authenticate': 'Bearer realm="infercap"' },
  });

export const apiKeyWrong = () =>
  new InfercapError('E_FORBIDDEN', 'the API key in the Authorization header is not one this server accepts', { httpStatus: 403 });

export const rateLimited = (retryAfterSeconds: number) =>
  new InfercapError('E_RATE_LIMITED', `too many requests from this client; retry after ${retryAfterSeconds} s`, {
    httpStatus: 429,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });

export const jsonTooDeep = (limit: number) =>
  new InfercapError('E_JSON_TOO_DEEP', `request body nests arrays and objects deeper than the limit of ${limit}`, { httpStatus: 400 });

const tooManyElements = (what: string, limit: number) =>
  new InfercapError('E_TOO_MANY_ELEMENTS', `${what} exceeds the limit of ${limit} elements (--max-tensor-elements); split the request`, {
    httpStatus: 413,
  });

export const bodyTooManyElements = (limit: number) => tooManyElements('the request body', limit);

export const inputTooManyElements = (input: string, shape: readonly number[], limit: number) =>
  tooManyElements(`input "${input}" of shape [${shape.join(', ')}]`, limit);

export const serverProcessFailed = (reason: string) =>
  new InfercapError('E_SERVER_PROCESS_FAILED', `the reference server process did not start: ${reason}`, runtime);

/** A catalogue error raised in a server process, raised again in its parent with the same code and exit code. */
export const relayedServerError = (code: string, message: string, exitCode: ExitCode) => new InfercapError(code, message, { exitCode });

export const apiKeysFileUnreadable = (file: string, reason: string) => optionError('--api-keys-file', `cannot read ${file}: ${reason}`);

export const apiKeysFileEmpty = (file: string) => optionError('--api-keys-file', `${file} holds no key (one key a line)`);

export const apiKeyNotPrintable = () => optionError('--api-key', 'a key must be printable ASCII without spaces');

export const headersTimeoutTooLong = (requestTimeoutMs: number) =>
  optionError('--headers-timeout-ms', `must not exceed --request-timeout-ms (${requestTimeoutMs})`);

export const redisUrlMissing = () => optionError('--redis-url', 'is required with --cache redis (e.g. redis://127.0.0.1:6379)');

export const redisUrlNotUrl = (url: string) => optionError('--redis-url', `"${url}" is not a URL; write it as redis://host:port (e.g. redis://127.0.0.1:6379)`);

export const redisUrlWrongScheme = (url: string) => optionError('--redis-url', `"${url}" must start with redis:// or rediss:// (e.g. redis://127.0.0.1:6379)`);

export const defaultVersionMissing = (model: string, wanted: string, versions: readonly string[]) =>
  optionError('--default-version', `model ${model} has no version "${wanted}" (found: ${versions.join(', ')})`);

export const modelNotInDirectory = (model: string, modelsDir: string, found: readonly string[]) =>
  optionError('--models', `model "${model}" is not in ${modelsDir} (found: ${found.join(', ') || 'none'})`);

export const serverExitedBeforeListening = (exit: number | string) => serverProcessFailed(`the server process exited (${exit}) before it listened`);
