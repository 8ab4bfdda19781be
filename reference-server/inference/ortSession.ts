// Opens ONNX Runtime sessions with the chosen execution provider and reads their signatures.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import ort from 'onnxruntime-node';
import { executionProviderUnavailable, modelFileInvalid, modelTensorNotTensor, modelTypeWithoutDatatype } from '../../common/errors.ts';
import { datatypeOfOrt } from '../tensors/datatypes.ts';
import type { ModelSignature, TensorSpec } from './tensor.ts';

export type ExecutionProvider = 'cpu' | 'cuda';

export interface OrtSessionOptions {
  readonly executionProvider: ExecutionProvider;
  /** 0 lets ONNX Runtime choose. */
  readonly intraOpThreads: number;
  readonly interOpThreads: number;
  /**
   * Let ORT's pool threads busy-wait for work. Off by default: on a machine whose cores are shared with the
   * HTTP event loop (and, in load tests, the load generator), spinning threads steal the CPU those need.
   */
  readonly allowSpinning: boolean;
  /** The worker makes each batch cost this many times its inference time by computing on (the server's `slowdown`). */
  readonly slowdown?: number;
}

/**
 * The CUDA provider is not bundled in onnxruntime-node's npm package: it is a separate shared library
 * that the package's install step puts beside the binding. Checking for it first turns ORT's opaque
 * load failure into a message that names the fix.
 */
export function assertExecutionProviderInstalled(provider: ExecutionProvider): void {
  if (provider === 'cpu') return;
  const require = createRequire(import.meta.url);
  const bindingDir = path.join(path.dirname(require.resolve('onnxruntime-node')), '..', 'bin');
  const found = fs
    .readdirSync(bindingDir, { recursive: true, encoding: 'utf8' })
    .some((file) => path.basename(file).startsWith(`libonnxruntime_providers_${provider}`));
  if (!found) throw executionProviderUnavailable(provider);
}

export async function createOrtSession(modelPath: string, options: OrtSessionOptions): Promise<ort.InferenceSession> {
  assertExecutionProviderInstalled(options.executionProvider);
  const spinning = options.allowSpinning ? '1' : '0';
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    executionProviders: [options.executionProvider],
    graphOptimizationLevel: 'all',
    extra: { session: { intra_op: { allow_spinning: spinning }, inter_op: { allow_spinning: spinning } } },
    ...(options.intraOpThreads > 0 ? { intraOpNumThreads: options.intraOpThreads } : {}),
    ...(options.interOpThreads > 0 ? { interOpNumThreads: options.interOpThreads } : {}),
  };
  try {
    return await ort.InferenceSession.create(modelPath, sessionOptions);
  } catch (error) {
    if (options.executionProvider !== 'cpu') throw executionProviderUnavailable(options.executionProvider);
    throw modelFileInvalid(modelPath, (error as Error).message);
  }
}

function toTensorSpec(modelPath: string, meta: ort.InferenceSession.ValueMetadata, role: string): TensorSpec {
  if (!meta.isTensor) throw modelTensorNotTensor(modelPath, role, meta.name);
  const datatype = datatypeOfOrt(meta.type);
  if (datatype === undefined) {
    throw modelTypeWithoutDatatype(modelPath, role, meta.name, String(meta.type));
  }
  // Symbolic dimensions (names) and unknown ones are dynamic: -1, as Triton and KServe report them.
  const shape = (meta.shape ?? []).map((dim) => (typeof dim === 'number' && dim >= 0 ? dim : -1));
  return { name: meta.name, datatype, shape };
}

/** Inputs and outputs of a loaded session, in V2 terms (any datatype and dims ORT reports). */
export function describeSession(modelPath: string, session: ort.InferenceSession): ModelSignature {
  return {
    inputs: session.inputMetadata.map((meta) => toTensorSpec(modelPath, meta, 'input')),
    outputs: session.outputMetadata.map((meta) => toTensorSpec(modelPath, meta, 'output')),
  };
}
