// Programs some tests need that a fresh machine may lack (redis-server, a Chromium, HAProxy), found where users
// have them. Without one, its tests are skipped with a reason the suite's reporter counts and explains;
// with CI=true or INFERCAP_REQUIRE_ALL=1 they run anyway and fail, naming what is missing.

import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export type Program = 'redis-server' | 'chromium' | 'haproxy';

interface ProgramLookup {
  /** Environment variables that name the executable, first match wins. */
  readonly variables: readonly string[];
  /** Executable names looked up on PATH. */
  readonly names: readonly string[];
  /** Usual install places, tried after PATH. */
  readonly paths: readonly string[];
  /** The command that installs it on Debian/Ubuntu (what .ci/run does). */
  readonly install: string;
}

const lookups: Record<Program, ProgramLookup> = {
  'redis-server': {
    variables: ['REDIS_SERVER'],
    names: ['redis-server'],
    paths: ['/usr/bin/redis-server', '/usr/sbin/redis-server', '/usr/local/bin/redis-server', '/opt/homebrew/bin/redis-server'],
    install: 'apt-get install -y redis-server',
  },
  haproxy: {
    variables: ['HAPROXY'],
    names: ['haproxy'],
    paths: ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy', '/opt/homebrew/bin/haproxy'],
    install: 'apt-get install -y haproxy',
  },
  chromium: {
    variables: ['INFERCAP_CHROMIUM', 'CHROME_PATH'],
    names: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'],
    paths: ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/snap/bin/chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
    install: 'apt-get install -y chromium',
  },
};

export const programs = Object.keys(lookups) as Program[];

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The program's executable, or undefined when this machine has none. */
export function locateProgram(program: Program, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const lookup = lookups[program];
  for (const variable of lookup.variables) {
    const named = env[variable];
    if (named !== undefined && named !== '') return executable(named) ? named : undefined;
  }
  const onPath = (env['PATH'] ?? '').split(path.delimiter).filter((dir) => dir !== '');
  const candidates = [...lookup.names.flatMap((name) => onPath.map((dir) => path.join(dir, name))), ...lookup.paths];
  return candidates.find(executable);
}

/** Whether a missing program fails the run instead of skipping its tests (CI=true or INFERCAP_REQUIRE_ALL=1). */
export function everyProgramRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['CI'] === 'true' || env['INFERCAP_REQUIRE_ALL'] === '1';
}

/** The install command of a program, for messages. */
export function installCommand(program: Program): string {
  return lookups[program].install;
}

/** The skip reason of a test that needs a missing program; the reporter counts tests by this prefix. */
export const skipPrefix = 'missing program: ';

/** Whether tests needing `program` are skipped on this machine (absent, and not required). */
export function skipsFor(program: Program, env: NodeJS.ProcessEnv = process.env): boolean {
  return locateProgram(program, env) === undefined && !everyProgramRequired(env);
}

/**
 * Options for a test that needs `program`: `it('...', needs('redis-server'), async () => ...)`. Hooks that
 * start the program check `skipsFor` first.
 */
export function needs(program: Program): { skip?: string } {
  return skipsFor(program) ? { skip: `${skipPrefix}${program} (${installCommand(program)})` } : {};
}

/** The executable, or an error naming the program, how to install it and where it was looked for. */
export function requireProgram(program: Program): string {
  const found = locateProgram(program);
  if (found !== undefined) return found;
  const lookup = lookups[program];
  throw new Error(
    `${program} not found (looked in ${[...lookup.variables.map((v) => `$${v}`), 'PATH', ...lookup.paths].join(', ')}); install it with "${lookup.install}"`,
  );
}
