// The error type every catalogue factory builds, and the process exit codes it carries.

/** Process exit codes, as PRODUCT.md fixes them (99 is k6's threshold-failure code). */
export const ExitCode = {
  ok: 0,
  runtimeFailure: 1,
  badUsage: 2,
  gateFailed: 99,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface InfercapErrorOptions {
  /** HTTP status the server answers with; 400 unless the kind of error says otherwise. */
  httpStatus?: number;
  /** Exit code of the CLI when this error ends a command. */
  exitCode?: ExitCode;
  /** Extra response headers (e.g. Retry-After). */
  headers?: Record<string, string>;
  cause?: unknown;
}

/** An expected failure with a message meant for the user: never printed with a stack trace. */
export class InfercapError extends Error {
  readonly code: string;
  readonly httpStatus: number;
  readonly exitCode: ExitCode;
  readonly headers: Record<string, string>;

  constructor(code: string, message: string, options: InfercapErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'InfercapError';
    this.code = code;
    this.httpStatus = options.httpStatus ?? 400;
    this.exitCode = options.exitCode ?? ExitCode.badUsage;
    this.headers = options.headers ?? {};
  }
}

export function isInfercapError(value: unknown): value is InfercapError {
  return value instanceof InfercapError;
}

/**
 * What the CLI prints for an error that is not from the catalogue: a bug in infercap (bad input always gets a
 * catalogue message), so it says so and gives the stack trace to report.
 */
export const bugMessage = (error: unknown) =>
  `infercap hit a bug: ${error instanceof Error ? error.message : String(error)} (please report it with this stack trace)\n${
    error instanceof Error && error.stack !== undefined ? error.stack : '(no stack trace)'
  }`;
