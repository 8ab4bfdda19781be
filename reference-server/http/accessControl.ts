// Who may use the server, and how often: API-key authentication and per-client rate limiting, checked
// before any route runs. Health probes stay open so orchestrators need no key.

import { apiKeyMissing, apiKeyWrong, rateLimited, type InfercapError } from '../../common/errors.ts';
import type { ServerOptions } from '../config/serverOptions.ts';
import { createApiKeyChecker, loadApiKeys, type ApiKeyChecker } from '../security/apiKeys.ts';
import { RateLimiter } from '../security/rateLimiter.ts';

/** Most clients whose rate-limit buckets are remembered at once. */
const maxTrackedClients = 10_000;

const openPath = /^\/v2\/health\/(live|ready)(\?.*)?$/;

/** What the check reads of a request: node:http's IncomingMessage has it, and so does the balancer's. */
export interface AccessRequest {
  readonly url?: string | undefined;
  readonly headers: { readonly authorization?: string | undefined };
  readonly socket: { readonly remoteAddress?: string | undefined };
}

/** The error a request must be answered with before routing, or undefined to let it through. */
export type AccessCheck = (request: AccessRequest) => InfercapError | undefined;

export interface AccessCheckSources {
  /** The keys, when the caller has read them already (by default, read from the options' keys and keys file). */
  readonly keys?: readonly string[];
  readonly now?: () => number;
}

/** Builds the check from the options (a missing keys file is a usage error). */
export function createAccessCheck(options: ServerOptions, sources: AccessCheckSources = {}): AccessCheck {
  const keys = sources.keys ?? loadApiKeys(options.apiKey, options.apiKeysFile);
  const now = sources.now ?? (() => performance.now());
  const checker: ApiKeyChecker | undefined = keys.length === 0 ? undefined : createApiKeyChecker(keys);
  const limiter =
    options.rateLimit > 0
      ? new RateLimiter({ rate: options.rateLimit, burst: options.rateBurst ?? Math.max(1, Math.ceil(options.rateLimit)), maxClients: maxTrackedClients, now })
      : undefined;
  if (checker === undefined && limiter === undefined) return () => undefined;
  return (request) => {
    if (openPath.test(request.url ?? '')) return undefined;
    let client = `addr:${request.socket.remoteAddress ?? 'unknown'}`;
    if (checker !== undefined) {
      const verdict = checker.check(request.headers.authorization);
      if (verdict.kind === 'missing') return apiKeyMissing();
      if (verdict.kind === 'wrong') return apiKeyWrong();
      client = verdict.client;
    }
    if (limiter !== undefined) {
      const taken = limiter.take(client);
      if (!taken.allowed) return rateLimited(Math.max(1, Math.ceil(taken.retryAfterMs / 1000)));
    }
    return undefined;
  };
}
