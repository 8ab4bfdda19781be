// The test suite's closing lines, a node:test reporter beside `spec` (plain JavaScript: the runner loads
// reporters before tsx): for each program that tests needed and this machine lacks, how many tests were
// skipped and the command that installs it (both read from the skip reason that requiredPrograms.ts
// writes); any skip for another reason, which the suite does not allow; then `N passed, N failed, N skipped`.

const missingProgram = /^missing program: (\S+) \((.+)\)$/;
const closingCount = /^(tests|pass|fail|cancelled|skipped|todo) (\d+)$/;

export default async function* missingProgramsReporter(source) {
  const skippedBy = new Map();
  const otherSkips = [];
  const totals = new Map();
  for await (const event of source) {
    if (event.type === 'test:diagnostic') {
      const match = closingCount.exec(event.data.message ?? '');
      if (match !== null) totals.set(match[1], Number(match[2]));
      continue;
    }
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const skip = event.data.skip;
    if (skip === undefined || skip === false) continue;
    const match = missingProgram.exec(String(skip));
    if (match === null) otherSkips.push(`${event.data.name} (${event.data.file ?? '?'}): ${skip}`);
    else {
      const [, program, install] = match;
      const entry = skippedBy.get(program) ?? { install, tests: 0 };
      entry.tests++;
      skippedBy.set(program, entry);
    }
  }
  if (skippedBy.size > 0) {
    yield '\nMissing programs: their tests were skipped (CI=true or INFERCAP_REQUIRE_ALL=1 runs them, and fails):\n';
    for (const [program, { install, tests }] of skippedBy) yield `  ${program}: ${tests} test${tests === 1 ? '' : 's'} skipped; install it with "${install}"\n`;
  }
  if (otherSkips.length > 0) {
    yield '\nTests skipped for a reason other than a missing program (not allowed: make them run or remove them):\n';
    for (const skip of otherSkips) yield `  ${skip}\n`;
  }
  if (totals.has('pass')) {
    yield `\n${totals.get('pass')} passed, ${(totals.get('fail') ?? 0) + (totals.get('cancelled') ?? 0)} failed, ${totals.get('skipped') ?? 0} skipped\n`;
  }
}
