// Keeps secrets out of results files: a scenario copied into its results has its API keys replaced.

/** Option names whose values are secrets, wherever they appear in a scenario (targets, variants). */
const secretKeys = new Set(['apiKey']);

export const redacted = '<redacted>';

/** A deep copy of `value` with every secret option's value (or each value of a list) replaced by `<redacted>`. */
export function redactSecrets<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (key, item: unknown) => (secretKeys.has(key) ? (Array.isArray(item) ? item.map(() => redacted) : redacted) : item)),
  ) as T;
}
