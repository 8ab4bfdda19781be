// Structured logging: one JSON line per event on stderr, with a level that can be turned down.

export const logLevels = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line it writes. */
  child(fields: LogFields): Logger;
}

/** Writes `{"time":…,"level":…,"event":…,…fields}` lines through `write` (stderr by default). */
export function createLogger(
  level: LogLevel = 'info',
  base: LogFields = {},
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const threshold = rank[level];
  const emit = (at: Exclude<LogLevel, 'silent'>, event: string, fields?: LogFields) => {
    if (rank[at] < threshold) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level: at, event, ...base, ...fields })}\n`);
  };
  return {
    debug: (event, fields) => emit('debug', event, fields),
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
    child: (fields) => createLogger(level, { ...base, ...fields }, write),
  };
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = createLogger('silent');
