// The check of the `redis` backend's one required option, apart from the backend itself so that
// validating options never loads the Redis client.

import { redisUrlMissing, redisUrlNotUrl, redisUrlWrongScheme } from '../../common/errors.ts';

/** @throws InfercapError E_INVALID_OPTION naming `--redis-url`: missing, not a URL, or not redis(s)://. */
export function requireRedisUrl(redisUrl: string | undefined): void {
  if (redisUrl === undefined || redisUrl === '') {
    throw redisUrlMissing();
  }
  let protocol: string;
  try {
    protocol = new URL(redisUrl).protocol;
  } catch {
    throw redisUrlNotUrl(redisUrl);
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw redisUrlWrongScheme(redisUrl);
  }
}
