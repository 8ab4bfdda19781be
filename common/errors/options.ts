// Messages about the value of one command-line option, in the shapes many commands share. Each says what the
// option must be and what it got; options of one command or area live in that area's file.

import { optionError } from './kinds.ts';

/** A zod issue of options validated by a schema, relayed with its flag (common/config/zodIssues.ts words it). */
export const optionSchemaIssue = (option: string, issueMessage: string) => optionError(option, issueMessage);

/** A value the parser of the option's syntax (a duration, a time zone) rejected, relayed in the parser's words. */
export const optionNotParsed = (option: string, parserProblem: string) => optionError(option, parserProblem);

export const optionNotInteger = (option: string, got: number) => optionError(option, `must be an integer, got ${got}`);

export const optionIntegerTooSmall = (option: string, min: number, got: number) => optionError(option, `must be an integer ≥ ${min}, got ${got}`);

/** A count of things (replicas, workers, repeats): a whole number of at least 1. */
export const optionNotCount = (option: string, got: unknown) => optionError(option, `must be a whole number above 0, got ${String(got)}`);

export const optionWholeNumberTooSmall = (option: string, min: number, got: number) =>
  optionError(option, `must be a whole number of at least ${min}, got ${got}`);

export const optionNotPositiveInteger = (option: string, got: number) => optionError(option, `must be a positive integer, got ${got}`);

/** `unit`: what the number counts (seconds, milliseconds). */
export const optionNotPositive = (option: string, unit: string, got: number) => optionError(option, `must be a positive number of ${unit}, got ${got}`);

export const optionNotAboveZero = (option: string, got: number) => optionError(option, `must be greater than 0, got ${got}`);

export const optionNegative = (option: string, got: number) => optionError(option, `must be 0 or more, got ${got}`);

export const optionDurationZero = (option: string) => optionError(option, 'must be longer than 0');

export const optionNotShare = (option: string, text: string) => optionError(option, `expected a share such as 10% or 0.1 (below 100%), got "${text}"`);

export const optionNotNameValue = (option: string, text: string) => optionError(option, `expected name=value, got "${text}"`);

export const optionNotNumberList = (option: string, text: string, integer: boolean) =>
  optionError(option, `"${text}" is not a comma-separated list of ${integer ? 'whole numbers' : 'numbers'}`);

/** `what` names the kind of choice (metric, model, backend, strategy). */
export const optionUnknownChoice = (option: string, what: string, got: string, choices: readonly string[]) =>
  optionError(option, `unknown ${what} "${got}"; choose one of ${choices.join(', ')}`);

/** Two options of which exactly one must be given. */
export const optionsExclusive = (a: string, b: string) => optionError(`${a}/${b}`, 'give exactly one of them');

/** yargs refused the flags given to serveFlagsToOptions (a benchmark's or suite's server description). */
export const serveFlagsRejected = (yargsMessage: string) => optionError('serve flags', yargsMessage);
