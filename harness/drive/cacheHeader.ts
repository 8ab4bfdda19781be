// Reads the reference server's X-Infercap-Cache response header from a raw header list, so results can
// show the cache-hit ratio that a scenario's repeat ratio scripted.

/** The X-Infercap-Cache value in `headers` (flat: name, value, name, value, …), if it is hit or miss. */
export function cacheHeader(headers: readonly string[]): 'hit' | 'miss' | undefined {
  for (let i = 0; i + 1 < headers.length; i += 2) {
    const name = headers[i]!;
    if (name.length === 16 && name.toLowerCase() === 'x-infercap-cache') {
      const value = headers[i + 1]!.trim().toLowerCase();
      return value === 'hit' || value === 'miss' ? value : undefined;
    }
  }
  return undefined;
}
