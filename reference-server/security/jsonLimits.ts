// Bounds what JSON.parse may build, by one pass over the raw bytes before it runs: nesting depth (deep
// documents overflow recursive code) and array elements (each costs memory far beyond its bytes).

export interface JsonLimits {
  /** Deepest nesting of arrays and objects. */
  readonly maxDepth: number;
  /** Most array elements in the whole document. */
  readonly maxArrayElements: number;
}

export type JsonLimitViolation =
  | { readonly kind: 'depth'; readonly limit: number }
  | { readonly kind: 'elements'; readonly limit: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

const isWhitespace = (byte: number) => byte === SPACE || byte === TAB || byte === LF || byte === CR;

/**
 * The first limit `body` exceeds, or undefined. Elements are counted as the values that arrays hold
 * (commas inside an array, plus one for a non-empty array), so the count is exact for valid JSON and an
 * upper bound of what JSON.parse would allocate for invalid JSON (which it rejects anyway).
 */
export function checkJsonLimits(body: Uint8Array, limits: JsonLimits): JsonLimitViolation | undefined {
  // 1 = array, 0 = object, for each open container; never deeper than maxDepth.
  const containers = new Uint8Array(limits.maxDepth + 1);
  let depth = 0;
  let elements = 0;
  let inString = false;
  // Whether the innermost array has seen a value yet (to count its first element).
  let awaitingFirst = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i]!;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    if (isWhitespace(byte)) continue;
    if (awaitingFirst && byte !== CLOSE_ARRAY) {
      awaitingFirst = false;
      if (++elements > limits.maxArrayElements) return { kind: 'elements', limit: limits.maxArrayElements };
    }
    if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (depth === limits.maxDepth) return { kind: 'depth', limit: limits.maxDepth };
      containers[depth++] = byte === OPEN_ARRAY ? 1 : 0;
      awaitingFirst = byte === OPEN_ARRAY;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      awaitingFirst = false;
      if (depth > 0) depth--;
    } else if (byte === COMMA && depth > 0 && containers[depth - 1] === 1) {
      if (++elements > limits.maxArrayElements) return { kind: 'elements', limit: limits.maxArrayElements };
    }
  }
  return undefined;
}
