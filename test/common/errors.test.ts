// The catalogue's rule, checked on the sources with the TypeScript parser: every user-facing message is a named
// factory of common/errors/ (call sites pass only its variable parts), and an Error that is not from the catalogue
// is thrown only where reaching it is a bug, which the CLI then says (harness/cli/main.ts, reportError).

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { bugMessage, ExitCode, InfercapError, isInfercapError, optionNotCount, traceValueNegative } from '../../common/errors.ts';

const root = path.resolve(import.meta.dirname, '../..');
const sourceFolders = ['common', 'harness', 'reference-server', 'simulator', 'report', 'models'];
const catalogueFolder = path.join('common', 'errors');

function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(relative);
    }
  };
  sourceFolders.forEach(walk);
  return files.sort();
}

const parsed = sourceFiles().map((file) => ({
  file,
  source: ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.ES2022, true),
}));

const lineOf = (source: ts.SourceFile, node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node);
  ts.forEachChild(node, (child) => visit(child, each));
}

/** The names a file imports from the catalogue (common/errors.ts), except its types and its class. */
function catalogueImports(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!/(^|\/)(common\/)?errors\.ts$/.test(statement.moduleSpecifier.text)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings === undefined || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) if (!element.isTypeOnly) names.add(element.name.text);
  }
  for (const name of ['ExitCode', 'InfercapError', 'isInfercapError']) names.delete(name);
  return names;
}

/**
 * The text a call site writes into one argument: its string literals and the literal parts of its templates,
 * not those inside nested calls (`names.join(', ')` is data for that call, not message text).
 */
function writtenText(argument: ts.Node): string[] {
  const texts: string[] = [];
  const walk = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts.push(node.text);
    else if (ts.isTemplateExpression(node)) texts.push(node.head.text, ...node.templateSpans.map((span) => span.literal.text));
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) return;
    ts.forEachChild(node, walk);
  };
  walk(argument);
  return texts;
}

/**
 * Where a plain Error, RangeError or TypeError may be thrown, and why reaching it is a bug rather than bad input:
 * each guards a contract its callers keep (they validate user input first, with zod or a catalogue message).
 * A file may throw at most this many; a new one either becomes a catalogue message or is added here with its reason.
 */
const invariants: Record<string, { readonly count: number; readonly why: string }> = {
  'common/http/httpConnections.ts': { count: 2, why: 'pool options are built by the harness from validated scenarios' },
  'harness/cli/schemaOptions.ts': { count: 1, why: 'a schema field without a flag type is a programming error, found at start-up' },
  'harness/compare/computeComparison.ts': { count: 1, why: 'compare asks for two results files or more first' },
  'harness/drive/arrivalSchedule.ts': { count: 2, why: 'rates and durations come from the validated scenario' },
  'harness/drive/closedLoopDriver.ts': { count: 2, why: 'driver options come from the validated scenario' },
  'harness/drive/connectionPool.ts': { count: 2, why: 'pool options come from the validated scenario' },
  'harness/drive/modelRoutes.ts': { count: 1, why: 'mix weights are validated positive by the mix schema' },
  'harness/drive/openLoopDriver.ts': { count: 2, why: 'driver options come from the validated scenario' },
  'harness/fidelity/compareFidelity.ts': { count: 2, why: 'runFidelity builds both series per second over the same arrivals' },
  'harness/scenario/duration.ts': { count: 2, why: 'parseDuration runs after the duration pattern matched; formatDuration gets measured times' },
  'harness/stats/latencyHistogram.ts': { count: 3, why: 'latencies are measured, percentiles are constants of the code' },
  'harness/sweep/calibration.ts': { count: 1, why: 'a sweep has at least one level (parseSweepLevels)' },
  'harness/target/infercapProcess.ts': { count: 1, why: 'a helper of tests and benchmarks that spawn the CLI, not a user path' },
  'harness/workload/inferRequestBody.ts': { count: 1, why: 'the header length was planned from the same tensors' },
  'models/backprop.ts': { count: 1, why: 'training of the built-in models, with sizes of the code' },
  'models/classificationMetrics.ts': { count: 1, why: 'compares outputs of one model run twice' },
  'models/labelledRows.ts': { count: 1, why: 'split sizes are constants of the built-in recipes' },
  'models/mlp.ts': { count: 1, why: 'layer sizes are constants of the built-in recipes' },
  'models/mlpToOnnx.ts': { count: 1, why: 'exports the built-in models, which have layers' },
  'models/onnxProto.ts': { count: 2, why: 'callers check a tensor is FP32 and not external before reading it' },
  'models/opsetUpgrade.ts': { count: 2, why: 'the quantizer asks only for the opsets it supports' },
  'models/quality/outputAgreement.ts': { count: 3, why: "harness/compare/modelQuality.ts matches the outputs' lengths first" },
  'models/trainMlp.ts': { count: 1, why: 'training data of the built-in recipes' },
  'models/weightQuantization.ts': { count: 2, why: 'the quantization plan passes the dims of the weight it read' },
  'reference-server/inference/sessionWorker.ts': { count: 1, why: 'an unreachable branch that keeps the warm-up from being optimized away' },
  'reference-server/security/rateLimiter.ts': { count: 3, why: 'rate-limit options are validated by the server options schema' },
  'report/renderChart.ts': { count: 1, why: 'the charts are ours; markup outside the allowed set is a bug of the renderer' },
  'simulator/cluster/clusterSignals.ts': { count: 1, why: 'lookbacks are bounded by the validated cluster config' },
  'simulator/cluster/rollingSums.ts': { count: 1, why: 'lookbacks are bounded by the validated cluster config' },
  'simulator/service/serviceStep.ts': { count: 2, why: 'the series are built by the simulator at the trace length' },
  'simulator/trace/traceFileSchema.ts': { count: 1, why: 'the window was validated by checkWindow in the same schema' },
};

describe('the error catalogue', () => {
  it('builds errors with a code, an exit code and, for the server, an HTTP status', () => {
    const error = optionNotCount('--workers', 0);
    assert.ok(isInfercapError(error));
    assert.deepEqual([error.code, error.exitCode, error.httpStatus, error.message], ['E_INVALID_OPTION', ExitCode.badUsage, 400, '--workers: must be a whole number above 0, got 0']);
    assert.equal(traceValueNegative('load.csv:2', 'rps', '-2').message, 'load.csv:2: rps: -2 is negative; a rate is 0 or more');
  });

  it('is given no sentence by any call site: literal text passed to a factory is a name, a flag or a field, never a phrase', () => {
    const phrases: string[] = [];
    for (const { file, source } of parsed) {
      if (file.startsWith(catalogueFolder)) continue;
      const factories = catalogueImports(source);
      if (factories.size === 0) continue;
      visit(source, (node) => {
        if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || !factories.has(node.expression.text)) return;
        const phrase = node.arguments.flatMap(writtenText).find((text) => /\s/.test(text.trim()));
        if (phrase !== undefined) phrases.push(`${file}:${lineOf(source, node)}: ${node.expression.text}(… ${JSON.stringify(phrase)} …)`);
      });
    }
    assert.deepEqual(phrases, [], 'name the message in common/errors/ instead, with parameters for its variable parts');
  });

  it('is the only place that builds an InfercapError, and call sites import it through common/errors.ts alone', () => {
    const outside: string[] = [];
    for (const { file, source } of parsed) {
      if (file.startsWith(catalogueFolder)) continue;
      visit(source, (node) => {
        if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'InfercapError') outside.push(`${file}:${lineOf(source, node)}: new InfercapError`);
        if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && /(^|\/)errors\/[^/]+\.ts$/.test(node.moduleSpecifier.text)) {
          outside.push(`${file}:${lineOf(source, node)}: imports ${node.moduleSpecifier.text}`);
        }
      });
    }
    assert.deepEqual(outside, []);
  });

  it('leaves plain Errors only where reaching one is a bug, each place listed with its reason', () => {
    const counts = new Map<string, number[]>();
    for (const { file, source } of parsed) {
      visit(source, (node) => {
        if (!ts.isNewExpression(node) || !ts.isIdentifier(node.expression) || !['Error', 'RangeError', 'TypeError'].includes(node.expression.text)) return;
        counts.set(file, [...(counts.get(file) ?? []), lineOf(source, node)]);
      });
    }
    const unlisted = [...counts].filter(([file, lines]) => lines.length > (invariants[file]?.count ?? 0)).map(([file, lines]) => `${file}: lines ${lines.join(', ')}`);
    assert.deepEqual(unlisted, [], 'a user can reach these: make each a catalogue message (common/errors/), or list a true invariant above with its reason');
  });

  it('is an Error of its own class, which the CLI prints without a stack trace; any other error is a bug, said so', () => {
    assert.ok(optionNotCount('--repeat', 0) instanceof InfercapError);
    const bug = new RangeError('window from second 3 reaches more than 2 s back');
    assert.ok(!isInfercapError(bug));
    const [first, ...stack] = bugMessage(bug).split('\n');
    assert.equal(first, 'infercap hit a bug: window from second 3 reaches more than 2 s back (please report it with this stack trace)');
    assert.equal(stack.join('\n'), bug.stack);
    assert.equal(bugMessage('thrown text'), 'infercap hit a bug: thrown text (please report it with this stack trace)\n(no stack trace)');
  });
});
