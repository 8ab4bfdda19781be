// Raising a model's default-domain opset, by the rules of ONNX's version converter
// (onnx/version_converter/convert.h): stepping from opset v to v+1, a node whose op has no new schema
// at v+1 is kept as it is; an op that changed needs an adapter, which is either "compatible" (the new
// schema accepts the old node unchanged) or a rewrite (Clip 10→11 moves min/max from attributes to
// inputs). An op that changed with no adapter blocks the upgrade, and is named.

import { float32Tensor, toNumber, type GraphProto, type ModelProto, type NodeProto } from './onnxProto.ts';

/**
 * Ops given a new schema at each opset (from 9 on), with how the converter adapts them: 'compatible',
 * 'clip' (attributes to inputs) or undefined (no adapter: the op blocks the upgrade). Ops that are new
 * at an opset are absent: an older model cannot hold them.
 */
const changedOps: Readonly<Record<number, Readonly<Record<string, 'compatible' | 'clip' | undefined>>>> = {
  10: { AveragePool: 'compatible', MaxPool: 'compatible', Dropout: 'compatible', Slice: undefined, TopK: undefined, Upsample: undefined },
  11: {
    AveragePool: 'compatible', Concat: 'compatible', Constant: 'compatible', Conv: 'compatible', ConvTranspose: 'compatible', Flatten: 'compatible',
    Gemm: 'compatible', LogSoftmax: 'compatible', MaxPool: 'compatible', Softmax: 'compatible', Unsqueeze: 'compatible', Clip: 'clip',
    ArgMax: undefined, ArgMin: undefined, Compress: undefined, DepthToSpace: undefined, Equal: undefined, Gather: undefined, Hardmax: undefined,
    If: undefined, Loop: undefined, LpPool: undefined, MaxUnpool: undefined, NonMaxSuppression: undefined, OneHot: undefined, Pad: undefined,
    ReduceL1: undefined, ReduceL2: undefined, ReduceLogSum: undefined, ReduceLogSumExp: undefined, ReduceMax: undefined, ReduceMean: undefined,
    ReduceMin: undefined, ReduceProd: undefined, ReduceSum: undefined, ReduceSumSquare: undefined, Resize: undefined, Scan: undefined,
    Scatter: undefined, Slice: undefined, Split: undefined, Squeeze: undefined, TopK: undefined,
  },
};

/** The opsets these rules reach: from 9 (older steps have adapters we do not carry) to 11. */
export const minimumUpgradeOpset = 9;
export const maximumUpgradeOpset = 11;

/** The outcome of `upgradeOpset`: done (maybe nothing to do), or blocked by a node. */
export type OpsetUpgrade =
  | { readonly upgraded: true; readonly from: number; readonly to: number }
  | { readonly upgraded: false; readonly from: number; readonly to: number; readonly blocker: NodeProto; readonly atOpset: number };

const isDefaultDomain = (domain: string | null | undefined) => (domain ?? '') === '' || domain === 'ai.onnx';

/** The model's default-domain opset version (0 when it imports none). */
export function defaultOpset(model: ModelProto): number {
  return toNumber((model.opsetImport ?? []).find((entry) => isDefaultDomain(entry.domain))?.version);
}

/** The first node of the default domain that blocks the step to `opset`, if any. */
function blockerAt(graph: GraphProto, opset: number): NodeProto | undefined {
  const changed = changedOps[opset] ?? {};
  return (graph.node ?? []).find((node) => isDefaultDomain(node.domain) && (node.opType ?? '') in changed && changed[node.opType ?? ''] === undefined);
}

/** Clip-6 (min/max attributes, defaults ∓FLT_MAX) to Clip-11 (optional min/max inputs). */
function clipAttributesToInputs(node: NodeProto, graph: GraphProto, fresh: (base: string) => string): void {
  const bound = (name: string): string => {
    const attr = (node.attribute ?? []).find((candidate) => candidate.name === name);
    if (attr === undefined) return '';
    const tensor = float32Tensor(fresh(`${node.name || node.output?.[0]}_${name}`), [], Float32Array.of(attr.f ?? 0));
    graph.initializer = [...(graph.initializer ?? []), tensor];
    return tensor.name!;
  };
  const [min, max] = [bound('min'), bound('max')];
  node.input = [node.input?.[0] ?? '', min, max];
  while (node.input.length > 1 && node.input.at(-1) === '') node.input.pop();
  node.attribute = (node.attribute ?? []).filter((attr) => attr.name !== 'min' && attr.name !== 'max');
}

/**
 * Raises the default-domain opset of `model` (decoded, changed in place) to `target` one step at a
 * time, when every changed op has an adapter. When one has none, the model is left unchanged and the
 * blocking node is returned. `fresh` hands out unused names for the tensors an adapter adds.
 */
export function upgradeOpset(model: ModelProto, target: number, fresh: (base: string) => string): OpsetUpgrade {
  const from = defaultOpset(model);
  const graph = model.graph ?? {};
  if (target > maximumUpgradeOpset) throw new RangeError(`opset upgrades reach ${maximumUpgradeOpset}, not ${target}`);
  if (from < minimumUpgradeOpset && from < target) throw new RangeError(`opset upgrades start at ${minimumUpgradeOpset}, not ${from}`);
  for (let opset = from + 1; opset <= target; opset++) {
    const blocker = blockerAt(graph, opset);
    if (blocker !== undefined) return { upgraded: false, from, to: target, blocker, atOpset: opset };
  }
  for (let opset = from + 1; opset <= target; opset++) {
    const changed = changedOps[opset] ?? {};
    for (const node of graph.node ?? []) {
      if (isDefaultDomain(node.domain) && changed[node.opType ?? ''] === 'clip') clipAttributesToInputs(node, graph, fresh);
    }
  }
  if (from < target) {
    model.opsetImport = (model.opsetImport ?? []).map((entry) => (isDefaultDomain(entry.domain) ? { ...entry, version: target } : entry));
  }
  return { upgraded: true, from, to: Math.max(from, target) };
}
