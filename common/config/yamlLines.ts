// Finds the line of a field in a parsed YAML (or JSON) document, so that a validation error can say
// `file:line:` and the author lands on the offending key rather than searching for it.

import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';

/**
 * The 1-based line of the node at `path` (object keys and list indices, as zod reports them).
 * A map entry's line is its key's; when the path leads to something absent (a missing key), the line
 * of the nearest node that exists, e.g. the parent map.
 */
export function lineOfPath(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number {
  const lineAt = (node: unknown, fallback: number): number => {
    const range = (node as { range?: readonly number[] } | null)?.range;
    return range?.[0] === undefined ? fallback : lineCounter.linePos(range[0]).line;
  };
  let node: unknown = doc.contents;
  let line = lineAt(node, 1);
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((item) => String(isScalar(item.key) ? item.key.value : item.key) === String(segment));
      if (pair === undefined) break;
      line = lineAt(pair.key, line);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      line = lineAt(item, line);
      node = item;
    } else {
      break;
    }
  }
  return line;
}
