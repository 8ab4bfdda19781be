// A model version's configuration in Triton's JSON model config shape (GET .../config, the model
// configuration extension): what perf_analyzer and Model Analyzer read, max_batch_size first of all.
// With max_batch_size > 0, dims leave out the batch dimension, as in Triton.

import { datatypeInfo } from '../tensors/datatypes.ts';
import type { LoadedModel } from '../registry/modelRegistry.ts';

export function tritonModelConfig(model: LoadedModel) {
  const { plan, signature, config } = model;
  const batched = plan.maxBatchSize > 0;
  const labelFile = (name: string) => config.output?.find((output) => output.name === name)?.label_filename ?? '';
  return {
    name: model.name,
    platform: 'onnxruntime_onnx',
    backend: 'onnxruntime',
    version_policy: { specific: { versions: [model.version] } },
    max_batch_size: plan.maxBatchSize,
    input: signature.inputs.map((input, index) => ({
      name: input.name,
      data_type: datatypeInfo[input.datatype].triton,
      format: 'FORMAT_NONE',
      dims: batched && plan.batchedInputs[index] ? input.shape.slice(1) : [...input.shape],
      is_shape_tensor: false,
      allow_ragged_batch: false,
      optional: false,
    })),
    output: signature.outputs.map((output) => ({
      name: output.name,
      data_type: datatypeInfo[output.datatype].triton,
      dims: batched ? output.shape.slice(1) : [...output.shape],
      label_filename: labelFile(output.name),
      is_shape_tensor: false,
    })),
    ...(plan.dynamicBatching
      ? {
          dynamic_batching: {
            preferred_batch_size: [...plan.preferredBatchSizes],
            max_queue_delay_microseconds: Math.round(plan.maxQueueDelayMs * 1000),
            preserve_ordering: false,
          },
        }
      : {}),
    instance_group: [{ name: model.name, kind: 'KIND_CPU', count: plan.instances }],
    default_model_filename: 'model.onnx',
  };
}
