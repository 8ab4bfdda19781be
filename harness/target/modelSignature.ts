// Reads a model's inputs from the target's V2 metadata (names, datatypes, shapes with -1 for dynamic
// dims) and, where the server has Triton's model configuration extension, which of them carry the batch
// dimension, so the harness can drive any V2 server (Triton, KServe, MLServer) without being told.

import { targetError, targetUnreachable } from '../../common/errors.ts';
import { isDatatype, type Datatype } from '../../reference-server/tensors/datatypes.ts';

export interface ModelInputSignature {
  readonly name: string;
  readonly datatype: Datatype;
  /** As the metadata reports it, batch dimension included; -1 marks a dynamic dim. */
  readonly shape: readonly number[];
  /** Whether `shape[0]` is the batch (row) dimension. */
  readonly batched: boolean;
}

export interface ModelSignature {
  readonly model: string;
  readonly inputs: readonly ModelInputSignature[];
  /** Triton's max_batch_size when the server reports a config (0: no batch dimension). */
  readonly maxBatchSize?: number;
}

interface V2Metadata {
  readonly inputs?: readonly { name?: unknown; datatype?: unknown; shape?: unknown }[];
}

interface TritonConfig {
  readonly max_batch_size?: unknown;
  readonly input?: readonly { name?: unknown; dims?: unknown }[];
}

// Triton writes int64 fields of its config (dims) as numbers or, through protobuf's JSON mapping, as strings.
const dimsOf = (value: unknown): number[] | undefined =>
  Array.isArray(value) && value.every((d) => Number.isInteger(Number(d))) ? value.map(Number) : undefined;

/**
 * The signature from a metadata response and, when the server has one, its Triton config: with
 * max_batch_size > 0 an input whose config dims are one shorter than its metadata shape is batched
 * (Triton's dims leave the batch dimension out). Without a config, a dynamic first dim is taken for the
 * batch dimension, as KServe and MLServer report batched inputs (and as a model file's own inputs read:
 * `signatureFromMetadata(name, { inputs })` takes ONNX Runtime's specs too). Returns a problem string when
 * the metadata is not usable.
 */
export function signatureFromMetadata(model: string, metadata: V2Metadata, config?: TritonConfig): ModelSignature | string {
  if (!Array.isArray(metadata.inputs) || metadata.inputs.length === 0) return 'the metadata lists no inputs';
  const maxBatchSize = config === undefined ? undefined : Number(config.max_batch_size ?? 0);
  const inputs: ModelInputSignature[] = [];
  for (const input of metadata.inputs) {
    const shape = dimsOf(input.shape);
    if (typeof input.name !== 'string' || !isDatatype(input.datatype) || shape === undefined || shape.some((d) => d < -1)) {
      return `input ${JSON.stringify(input.name)} has no usable name, datatype (${String(input.datatype)}) and shape`;
    }
    let batched = shape[0] === -1;
    let sized = shape;
    if (maxBatchSize !== undefined && Number.isFinite(maxBatchSize)) {
      const dims = dimsOf(config?.input?.find((entry) => entry.name === input.name)?.dims);
      batched = maxBatchSize > 0 && shape.length > 0 && (dims === undefined ? shape[0] === -1 : dims.length === shape.length - 1);
      // Config dims may size what the model file leaves dynamic (Triton serves the config's dims).
      const offset = batched ? 1 : 0;
      if (dims !== undefined && dims.length === shape.length - offset) sized = shape.map((d, i) => (i >= offset && d === -1 && dims[i - offset]! > 0 ? dims[i - offset]! : d));
    }
    inputs.push({ name: input.name, datatype: input.datatype, shape: sized, batched });
  }
  return maxBatchSize === undefined || !Number.isFinite(maxBatchSize) ? { model, inputs } : { model, inputs, maxBatchSize };
}

async function getJson(url: string, headers: Readonly<Record<string, string>>, baseUrl: string): Promise<{ status: number; ok: boolean; body: Record<string, unknown> }> {
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw targetUnreachable(baseUrl, (error as Error).message);
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: response.status, ok: response.ok, body };
}

const modelUrl = (baseUrl: string, model: string, version: string | undefined) =>
  `${baseUrl}/v2/models/${encodeURIComponent(model)}${version === undefined ? '' : `/versions/${encodeURIComponent(version)}`}`;

/**
 * The model's Triton config (GET …/config, the model configuration extension) as JSON, or undefined when
 * the server does not answer it (KServe and MLServer need not): the one fetch of it, for the signature
 * and for what the results record of the served model.
 */
export async function fetchModelConfigJson(baseUrl: string, model: string, version: string | undefined, headers: Readonly<Record<string, string>>): Promise<Record<string, unknown> | undefined> {
  try {
    const response = await fetch(`${modelUrl(baseUrl, model, version)}/config`, { headers, signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return undefined;
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** GET /v2/models/{model}[/versions/{version}] and, when the server answers it, …/config. */
export async function fetchModelSignature(baseUrl: string, model: string, version?: string, headers: Readonly<Record<string, string>> = {}): Promise<ModelSignature> {
  const label = `model ${model}${version === undefined ? '' : `/${version}`}`;
  const metadata = await getJson(modelUrl(baseUrl, model, version), headers, baseUrl);
  if (!metadata.ok) throw targetError(`${label} metadata`, metadata.status, String(metadata.body.error ?? 'no details'));
  const config = await fetchModelConfigJson(baseUrl, model, version, headers);
  const signature = signatureFromMetadata(model, metadata.body as V2Metadata, config !== undefined && 'max_batch_size' in config ? (config as TritonConfig) : undefined);
  if (typeof signature === 'string') throw targetError(`${label} metadata`, metadata.status, signature);
  return signature;
}
