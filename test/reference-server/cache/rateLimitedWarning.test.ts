import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../../../common/log.ts';
import { RateLimitedWarning } from '../../../reference-server/cache/rateLimitedWarning.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('debug', {}, (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  return { lines, logger };
}

describe('RateLimitedWarning', () => {
  it('writes at most one line per interval, counting the ones it dropped', () => {
    const { lines, logger } = capture();
    let now = 0;
    const warning = new RateLimitedWarning(logger, 'trouble', 5_000, () => now);
    warning.warn({ n: 1 });
    now = 1_000;
    warning.warn({ n: 2 });
    now = 4_999;
    warning.warn({ n: 3 });
    now = 5_000;
    warning.warn({ n: 4 });
    now = 9_999;
    warning.warn({ n: 5 });
    assert.deepEqual(
      lines.map(({ level, event, n, suppressed }) => ({ level, event, n, suppressed })),
      [
        { level: 'warn', event: 'trouble', n: 1, suppressed: 0 },
        { level: 'warn', event: 'trouble', n: 4, suppressed: 2 },
      ],
    );
  });

  it('reports the total dropped since it was last asked', () => {
    const { logger } = capture();
    let now = 0;
    const warning = new RateLimitedWarning(logger, 'trouble', 5_000, () => now);
    for (now = 0; now < 12_000; now += 1_000) warning.warn();
    assert.equal(warning.takeSuppressedTotal(), 9); // written at 0, 5000 and 10000
    assert.equal(warning.takeSuppressedTotal(), 0);
  });
});
