// Validated configuration is frozen all the way down, so nothing can change it after load.

/** Freezes `value` and every object reachable from it; returns it typed as readonly. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
