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
const CLOSE_ARRAY = 0x5d;

/** Byte classes: everything not listed (digits, letters, '.', '-', ':') is PLAIN and needs no work. */
const PLAIN = 0;
const STRING = 1;
const OPEN_ARRAY = 2;
const OPEN_OBJECT = 3;
const CLOSE = 4;
const COMMA = 5;
const WHITESPACE = 6;
const byteClass = new Uint8Array(256);
byteClass[QUOTE] = STRING;
byteClass[0x5b] = OPEN_ARRAY;
byteClass[0x7b] = OPEN_OBJECT;
byteClass[CLOSE_ARRAY] = CLOSE;
byteClass[0x7d] = CLOSE;
byteClass[0x2c] = COMMA;
for (const byte of [0x20, 0x09, 0x0a, 0x0d]) byteClass[byte] = WHITESPACE;

/**
 * The first limit `body` exceeds, or undefined. Elements are counted as the values that arrays hold
 * (commas inside an array, plus one for a non-empty array), so the count is exact for valid JSON and an
 * upper bound of what JSON.parse would allocate for invalid JSON (which it rejects anyway).
 * One table lookup per byte: a tensor's JSON is mostly digits, which need nothing (11 against 15 µs of CPU
 * on an MNIST row's JSON, against comparing each byte with every structural character).
 */
export function checkJsonLimits(body: Uint8Array, limits: JsonLimits): JsonLimitViolation | undefined {
  // 1 = array, 0 = object, for each open container; never deeper than maxDepth.
  const containers = new Uint8Array(limits.maxDepth + 1);
  let depth = 0;
  let elements = 0;
  // Whether the innermost array has seen a value yet (to count its first element).
  let awaitingFirst = false;
  const length = body.length;
  for (let i = 0; i < length; i++) {
    const byte = body[i]!;
    const kind = byteClass[byte]!;
    if (kind === WHITESPACE) continue;
    if (awaitingFirst && byte !== CLOSE_ARRAY) {
      awaitingFirst = false;
      if (++elements > limits.maxArrayElements) return { kind: 'elements', limit: limits.maxArrayElements };
    }
    if (kind === PLAIN) continue;
    if (kind === STRING) {
      // Skip to the closing quote, past escaped characters.
      for (i++; i < length; i++) {
        const inner = body[i]!;
        if (inner === BACKSLASH) i++;
        else if (inner === QUOTE) break;
      }
    } else if (kind === OPEN_ARRAY || kind === OPEN_OBJECT) {
      if (depth === limits.maxDepth) return { kind: 'depth', limit: limits.maxDepth };
      containers[depth++] = kind === OPEN_ARRAY ? 1 : 0;
      awaitingFirst = kind === OPEN_ARRAY;
    } else if (kind === CLOSE) {
      awaitingFirst = false;
      if (depth > 0) depth--;
    } else if (depth > 0 && containers[depth - 1] === 1) {
      if (++elements > limits.maxArrayElements) return { kind: 'elements', limit: limits.maxArrayElements };
    }
  }
  return undefined;
}
