// k6-style threshold expressions (`p(95) < 50ms` or `p95 < 50ms`, `< 1%`, `> 300/s`, `== 0`), parsed once at load
// into plain data in base units, so that evaluating them later is a single comparison.

import { thresholdNotParsed } from '../../common/errors.ts';

/** The metrics a threshold can name; any other key under `thresholds` is a configuration error. */
export const thresholdMetrics = ['latency', 'error_rate', 'throughput', 'dropped'] as const;
export type ThresholdMetric = (typeof thresholdMetrics)[number];

/**
 * What is compared. `p(N)`, `mean`, `min`, `max`: of the latency distribution, in ms;
 * `rate`: error_rate (a fraction of requests) or throughput (req/s); `count`: dropped requests.
 */
export type ThresholdStatistic = `p(${number})` | 'mean' | 'min' | 'max' | 'rate' | 'count';

export const thresholdOperators = ['<=', '>=', '==', '!=', '<', '>'] as const;
export type ThresholdOperator = (typeof thresholdOperators)[number];

/** One parsed threshold: the threshold passes when `<statistic of metric> <operator> <value>` holds. */
export interface ThresholdExpression {
  readonly metric: ThresholdMetric;
  readonly statistic: ThresholdStatistic;
  /** The N of `p(N)`, in (0, 100]; present exactly when the statistic is a percentile. */
  readonly percentile?: number;
  readonly operator: ThresholdOperator;
  /** In base units: latency in ms, error_rate a fraction in [0, 1], throughput req/s, dropped a count. */
  readonly value: number;
  /** The expression as written, for reports and messages. */
  readonly source: string;
}

interface MetricGrammar {
  /** Statistics the metric accepts; the first is implied by a bare comparison when `implied`. */
  readonly statistics: readonly ThresholdStatistic[] | 'latency';
  readonly implied?: ThresholdStatistic;
  /** Accepted units and their factor to base units; '' is a number without a unit. */
  readonly units: Readonly<Record<string, number>>;
  readonly example: string;
  readonly integer?: boolean;
  readonly max?: number;
}

const grammar: Record<ThresholdMetric, MetricGrammar> = {
  // No bare latency: `50` could be ms (k6) or s, and the mistake would pass silently.
  latency: { statistics: 'latency', units: { ms: 1, s: 1_000, us: 0.001, µs: 0.001 }, example: '"p(95) < 50ms"' },
  error_rate: { statistics: ['rate'], implied: 'rate', units: { '%': 0.01, '': 1 }, example: '"< 1%"', max: 1 },
  throughput: { statistics: ['rate'], implied: 'rate', units: { '/s': 1, 'req/s': 1, '': 1 }, example: '"> 300/s"' },
  dropped: { statistics: ['count'], implied: 'count', units: { '': 1 }, example: '"== 0"', integer: true },
};

/** The outcome of parsing: the expression, or what is wrong with it (already naming the expression). */
export type ThresholdParse = { readonly ok: true; readonly expression: ThresholdExpression } | { readonly ok: false; readonly problem: string };

/** Parses without throwing, for the scenario schema, which reports problems at the expression's line. */
export function tryParseThresholdExpression(metric: ThresholdMetric, text: string): ThresholdParse {
  const rules = grammar[metric];
  const fail = (problem: string): ThresholdParse => ({ ok: false, problem: `"${text}": ${problem}` });
  let rest = text.trim();
  if (rest === '') return fail(`is empty; write a comparison such as ${rules.example}`);

  // The statistic: a word, with a parenthesised argument for p(N); k6's avg and med are read as mean and p(50).
  let statistic: ThresholdStatistic | undefined;
  let percentile: number | undefined;
  // Percentiles are written p(95) (k6's spelling) or p95 (the SLO spelling of perf_analyzer and our plans): one grammar.
  const word = /^([A-Za-z_](?:\w|\.(?=\d))*)\s*(\(\s*([^)]*?)\s*\))?/.exec(rest);
  if (word !== null) {
    const [whole, name, call, argument] = word;
    const bare = call === undefined ? /^p(\d+(?:\.\d+)?)$/i.exec(name!) : null;
    if ((name === 'p' && call !== undefined) || bare !== null) {
      const written = bare === null ? argument : bare[1];
      percentile = Number(written);
      if (written === '' || !Number.isFinite(percentile) || percentile <= 0 || percentile > 100) {
        return fail(`the percentile in "${whole.trim()}" must be a number above 0 and at most 100, e.g. p(99.9)`);
      }
      statistic = `p(${percentile})`;
    } else if (call === undefined && ['mean', 'min', 'max', 'rate', 'count'].includes(name!)) {
      statistic = name as ThresholdStatistic;
    } else if (call === undefined && name === 'avg') {
      statistic = 'mean';
    } else if (call === undefined && name === 'med') {
      [statistic, percentile] = ['p(50)', 50];
    } else {
      return fail(`unknown statistic "${whole.trim()}"; ${allowedStatistics(metric)}`);
    }
    rest = rest.slice(whole.length).trimStart();
  }
  if (statistic === undefined && rules.implied === undefined) {
    return fail(`${metric} needs a statistic before the comparison: p(N), mean, min or max, e.g. ${rules.example}`);
  }
  if (statistic !== undefined && !statisticAllowed(rules, statistic)) {
    return fail(`${metric} does not take "${statistic}"; ${allowedStatistics(metric)}`);
  }
  const after = statistic === undefined ? '' : ` after "${statistic}"`;

  const operator = thresholdOperators.find((op) => rest.startsWith(op));
  if (operator === undefined) {
    const hint = rest.startsWith('=') ? '; use == to compare for equality' : '';
    return fail(`expected a comparison operator (<, <=, >, >=, ==, !=)${after}${hint}`);
  }
  rest = rest.slice(operator.length).trimStart();

  const number = /^(\d+(?:\.\d+)?|\.\d+)/.exec(rest);
  if (number === null) {
    return fail(rest.startsWith('-') ? 'the value must not be negative' : `expected a number after "${operator}"`);
  }
  rest = rest.slice(number[0].length).trim();
  const [unit = '', ...extra] = rest.split(/\s+/);
  if (extra.length > 0) return fail(`unexpected "${extra.join(' ')}" after "${number[0]}${unit}"`);
  const factor = rules.units[unit];
  if (factor === undefined) return fail(unitProblem(metric, rules, number[0], unit));

  const written = Number(number[0]);
  if (rules.integer === true && !Number.isInteger(written)) return fail(`${metric} is a count of requests; use a whole number`);
  // Scaled in integer steps where possible so that 0.1% is exactly 0.001 and 1.5s exactly 1500.
  const value = factor < 1 ? written / Math.round(1 / factor) : written * factor;
  if (rules.max !== undefined && value > rules.max) return fail(`${metric} is at most 100% (1 as a bare fraction), got ${number[0]}${unit}`);

  return {
    ok: true,
    expression: {
      metric,
      statistic: statistic ?? rules.implied!,
      ...(percentile === undefined ? {} : { percentile }),
      operator,
      value,
      source: text,
    },
  };
}

/**
 * Parses one threshold expression of `metric` into base units.
 * Throws E_INVALID_THRESHOLD (exit code 2) with a message that quotes the expression and says what is wrong.
 */
export function parseThresholdExpression(metric: ThresholdMetric, text: string): ThresholdExpression {
  const parsed = tryParseThresholdExpression(metric, text);
  if (!parsed.ok) throw thresholdNotParsed(metric, parsed.problem);
  return parsed.expression;
}

function statisticAllowed(rules: MetricGrammar, statistic: ThresholdStatistic): boolean {
  if (rules.statistics === 'latency') return statistic.startsWith('p(') || ['mean', 'min', 'max'].includes(statistic);
  return rules.statistics.includes(statistic);
}

function allowedStatistics(metric: ThresholdMetric): string {
  const rules = grammar[metric];
  if (rules.statistics === 'latency') return `latency takes p(N), mean, min or max, e.g. ${rules.example}`;
  return `${metric} takes a bare comparison such as ${rules.example}`;
}

function unitProblem(metric: ThresholdMetric, rules: MetricGrammar, number: string, unit: string): string {
  // The spellings to teach; aliases (µs, req/s) are accepted but not advertised.
  const units = Object.keys(rules.units).filter((u) => u !== '' && u !== 'µs' && u !== 'req/s');
  if ('' in rules.units) units.push('no unit');
  const choices = units.length === 1 ? units[0]! : `${units.slice(0, -1).join(', ')} or ${units.at(-1)!}`;
  if (unit === '') return `${metric} needs a unit after ${number}: ${choices}, e.g. ${rules.example}`;
  if (units.length === 1) return `unexpected "${unit}" after ${number}; ${metric} is a count without a unit, e.g. ${rules.example}`;
  return `unknown unit "${unit}" for ${metric}; use ${choices}, e.g. ${rules.example}`;
}
