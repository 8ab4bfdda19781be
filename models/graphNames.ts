// Fresh tensor and node names for graph rewrites (quantization, fp16 conversion): a rewrite must never
// reuse a name the graph, or any of its subgraphs, already has.

import type { GraphProto } from './onnxProto.ts';

/** Every name in `graph` and its subgraphs: tensors, nodes, initializers, inputs, outputs. */
function allNames(graph: GraphProto, into = new Set<string>()): Set<string> {
  for (const node of graph.node ?? []) {
    for (const name of [...(node.input ?? []), ...(node.output ?? []), node.name ?? '']) into.add(name);
    for (const attr of node.attribute ?? []) for (const sub of [...(attr.g ? [attr.g] : []), ...(attr.graphs ?? [])]) allNames(sub, into);
  }
  for (const list of [graph.initializer, graph.input, graph.output, graph.valueInfo]) for (const item of list ?? []) into.add(item.name ?? '');
  return into;
}

/** Hands out names not yet used anywhere in the graph: `base`, else `base_1`, `base_2`, … */
export function nameAllocator(graph: GraphProto): (base: string) => string {
  const taken = allNames(graph);
  return (base) => {
    let name = base;
    for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    return name;
  };
}
