import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkJsonLimits } from '../../../reference-server/security/jsonLimits.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const roomy = { maxDepth: 1_000, maxArrayElements: 1_000_000 };

/** Depth and array-element count of a parsed value, the figures the raw scan must reproduce. */
function measure(value: unknown): { depth: number; elements: number } {
  if (Array.isArray(value)) {
    const parts = value.map(measure);
    return { depth: 1 + Math.max(0, ...parts.map((p) => p.depth)), elements: value.length + parts.reduce((sum, p) => sum + p.elements, 0) };
  }
  if (typeof value === 'object' && value !== null) {
    const parts = Object.values(value).map(measure);
    return { depth: 1 + Math.max(0, ...parts.map((p) => p.depth)), elements: parts.reduce((sum, p) => sum + p.elements, 0) };
  }
  return { depth: 0, elements: 0 };
}

describe('checkJsonLimits', () => {
  it('passes documents within the limits', () => {
    assert.equal(checkJsonLimits(bytes('{"inputs": [{"shape": [1, 3], "data": [1, 2, 3]}]}'), { maxDepth: 4, maxArrayElements: 6 }), undefined);
    assert.equal(checkJsonLimits(bytes('[]'), { maxDepth: 1, maxArrayElements: 0 }), undefined);
  });

  it('refuses nesting deeper than the limit, before reading further', () => {
    assert.deepEqual(checkJsonLimits(bytes('[[[1]]]'), { maxDepth: 2, maxArrayElements: 10 }), { kind: 'depth', limit: 2 });
    assert.deepEqual(checkJsonLimits(bytes(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`), { maxDepth: 64, maxArrayElements: 10 }), { kind: 'depth', limit: 64 });
  });

  it('counts array elements exactly, nested ones included, and refuses one too many', () => {
    assert.equal(checkJsonLimits(bytes('[[1, 2], [3]]'), { maxDepth: 3, maxArrayElements: 5 }), undefined);
    assert.deepEqual(checkJsonLimits(bytes('[[1, 2], [3]]'), { maxDepth: 3, maxArrayElements: 4 }), { kind: 'elements', limit: 4 });
    assert.deepEqual(checkJsonLimits(bytes(`[${'[],'.repeat(1_000)}[]]`), { maxDepth: 3, maxArrayElements: 1_000 }), { kind: 'elements', limit: 1_000 });
  });

  it('ignores brackets and commas inside strings, escaped quotes included', () => {
    assert.equal(checkJsonLimits(bytes('["[[[,,,", "\\"]]],{{"]'), { maxDepth: 1, maxArrayElements: 2 }), undefined);
  });

  it('agrees with the parsed document on any JSON value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value);
        const { depth, elements } = measure(JSON.parse(text));
        assert.equal(checkJsonLimits(bytes(text), { maxDepth: Math.max(1, depth), maxArrayElements: elements }), undefined);
        if (depth > 1) assert.deepEqual(checkJsonLimits(bytes(text), { maxDepth: depth - 1, maxArrayElements: elements }), { kind: 'depth', limit: depth - 1 });
        if (elements > 0) assert.deepEqual(checkJsonLimits(bytes(text), { ...roomy, maxArrayElements: elements - 1 }), { kind: 'elements', limit: elements - 1 });
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});
