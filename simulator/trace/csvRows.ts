// The CSV dialect of trace files: one record a line, comma-separated, fields trimmed and unquoted,
// blank lines and `#` comments skipped, an optional header row. Read by scanning, not splitting, so a
// file of millions of lines never becomes an array of millions of strings.

/** Called for each data row with its fields and its 1-based line number; returning false stops the scan. */
export type RowVisitor = (fields: readonly string[], line: number) => boolean | void;

/** Called with the header row's fields (trimmed, unquoted) and its line number, when the file has one. */
export type HeaderVisitor = (fields: readonly string[], line: number) => void;

/**
 * Visits the data rows of `text`. The first non-blank, non-comment row is a header, and skipped, when
 * its first field does not start like a number or a date (a digit, sign or dot).
 */
export function forEachCsvRow(text: string, visit: RowVisitor, onHeader?: HeaderVisitor): void {
  let start = 0;
  let line = 0;
  let first = true;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line++;
    const record = text.slice(start, end).trim();
    start = end + 1;
    if (record === '' || record.startsWith('#')) continue;
    const fields = record.split(',').map(unquote);
    if (first) {
      first = false;
      if (!/^[-+.\d]/.test(fields[0]!)) {
        onHeader?.(fields, line);
        continue;
      }
    }
    if (visit(fields, line) === false) return;
  }
}

function unquote(field: string): string {
  const trimmed = field.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
}

/** A growable Float64Array, for columns of unknown length without a JS array of numbers. */
export class FloatColumn {
  private data = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index]!;
  }
}
