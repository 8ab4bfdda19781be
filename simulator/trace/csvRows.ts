// The CSV dialect of trace files: one record a line, comma-separated, fields trimmed and unquoted,
// blank lines and `#` comments skipped, an optional header row. Read by scanning, not splitting, so a
// file of millions of lines never becomes an array of millions of strings.

/** Called for each data row with its fields and its 1-based line number. */
export type RowVisitor = (fields: readonly string[], line: number) => void;

/**
 * Visits the data rows of `text`. The first non-blank, non-comment row is a header, and skipped, when
 * its first field does not start like a number or a date (a digit, sign or dot).
 */
export function forEachCsvRow(text: string, visit: RowVisitor): void {
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
      if (!/^[-+.\d]/.test(fields[0]!)) continue;
    }
    visit(fields, line);
  }
}

function unquote(field: string): string {
  const trimmed = field.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
}

const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
// A zone is required: without one, the same file would mean different instants on different machines.
const isoPattern = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
// Unix seconds beyond this are after the year 5000: almost surely milliseconds.
const maxUnixSeconds = 1e11;

/** A timestamp field as unix seconds (fractions kept), or the reason it is not one. */
export function parseTimestamp(text: string): { ok: true; seconds: number } | { ok: false; problem: string } {
  if (numberPattern.test(text)) {
    const seconds = Number(text);
    if (Math.abs(seconds) >= maxUnixSeconds) {
      return { ok: false, problem: `${text} is not unix seconds (milliseconds? divide by 1000)` };
    }
    return { ok: true, seconds };
  }
  if (isoPattern.test(text) || isoDatePattern.test(text)) {
    // Date-only ISO strings are UTC by the standard.
    const ms = Date.parse(text.replace(' ', 'T'));
    if (Number.isFinite(ms)) return { ok: true, seconds: ms / 1000 };
  }
  return {
    ok: false,
    problem: `"${text}" is not a timestamp; write unix seconds (1700000000.25) or ISO 8601 with a zone (2024-01-01T00:00:00Z)`,
  };
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
