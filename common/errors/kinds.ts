// The shapes the catalogue's factories share. Not re-exported by common/errors.ts: a call site names the message
// it means (a factory of the catalogue), never passes its own text to one of these.

import { ExitCode, InfercapError } from './infercapError.ts';

/** Options of an error that ends a command because something failed at run time, not because of its input. */
export const runtime = { exitCode: ExitCode.runtimeFailure } as const;

/** `--flag: problem`: a command-line option (or the programmatic option it becomes) is wrong. */
export const optionError = (option: string, problem: string) => new InfercapError('E_INVALID_OPTION', `${option}: ${problem}`);

/** `where: field: problem`: a configuration file (or a line of one) is wrong. */
export const configError = (where: string, field: string, problem: string) =>
  new InfercapError('E_INVALID_CONFIG', `${where}: ${field}: ${problem}`);
