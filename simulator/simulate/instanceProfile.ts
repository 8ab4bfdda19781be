// An instance profile: the machine a replica runs on (CPU or GPU), its price per hour, the pod's resource
// requests, and the service model of one replica, from a calibration written by `infercap sweep` or
// declared by hand. One schema for the file; the calibration path is relative to the profile.

import path from 'node:path';
import { z } from 'zod';
import { curveNeedsCalibration } from '../../common/errors.ts';
import { readConfigFile } from '../../common/config/configFile.ts';
import { readResultsSync } from '../../harness/results/resultsFile.ts';
import type { Calibration } from '../../harness/results/sweepResults.ts';
import { parseQuantityMilli } from '../policy/quantity.ts';
import { serviceModel, serviceModelFromCalibration, type ServiceModel } from '../service/serviceModel.ts';
import type { InstanceSummary } from './simulationResults.ts';

const quantityText = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const parsed = parseQuantityMilli(value);
  if (parsed.ok) return String(value);
  ctx.addIssue({ code: 'custom', message: parsed.problem, input: value });
  return z.NEVER;
});

const nonNegative = z.number().min(0);

export const instanceProfileSchema = z
  .strictObject({
    name: z.string().min(1),
    kind: z.enum(['cpu', 'gpu']),
    pricePerHour: nonNegative,
    currency: z.string().min(1).default('USD'),
    /** A calibration JSON written by `infercap sweep`, relative to this file. */
    calibration: z.string().min(1).optional(),
    /** Or the service model of one replica declared by hand. */
    serviceModel: z
      .strictObject({
        capacity: z.number().positive(),
        serviceTimeMs: z.strictObject({ mean: nonNegative.optional(), p50: nonNegative, p95: nonNegative, p99: nonNegative }),
      })
      .optional(),
    /** Requests one replica may hold waiting (the server's --max-queue-size); beyond it, requests are rejected. */
    queueLimit: z.int().min(0).default(100),
    /** The pod's resource requests as Kubernetes quantities; `cpu` is what CPU utilization is relative to. */
    requests: z.record(z.string(), quantityText).default({ cpu: '1' }),
    /** Fine-tuning of the service model (simulator/service/serviceModel.ts). */
    service: z
      .strictObject({
        capacitySource: z.enum(['sustainable', 'peak']).optional(),
        /** queueing: low-load service time plus queueing terms; curve: the calibration's measured throughput-latency curve. */
        latencyModel: z.enum(['queueing', 'curve']).optional(),
        serviceTimeGrowth: nonNegative.optional(),
        serviceCv2: nonNegative.optional(),
        arrivalCv2: nonNegative.optional(),
        rhoCap: z.number().gt(0).lt(1).optional(),
        cpuSecondsPerRequest: nonNegative.optional(),
        idleCpuCores: nonNegative.optional(),
      })
      .default({}),
  })
  .check((ctx) => {
    if ((ctx.value.calibration === undefined) === (ctx.value.serviceModel === undefined))
      ctx.issues.push({ code: 'custom', message: 'give exactly one of calibration (a file from infercap sweep) or serviceModel', input: ctx.value, path: ['calibration'] });
    if (ctx.value.requests['cpu'] === undefined)
      ctx.issues.push({ code: 'custom', message: 'requests.cpu is required: CPU utilization is relative to it', input: ctx.value.requests, path: ['requests'] });
  });
export type InstanceProfileDeclaration = z.output<typeof instanceProfileSchema>;

/** A profile ready to simulate: its summary for results files and the model of one replica. */
export interface InstanceProfile {
  readonly summary: InstanceSummary;
  readonly serviceModel: ServiceModel;
}

/** Reads a calibration JSON written by `infercap sweep`, through the one results reader. Throws exit-2 errors naming the file and field. */
export function readCalibration(file: string): Calibration {
  return readResultsSync(file, ['calibration']);
}

/** Builds the profile of a declaration read from `file` (for relative calibration paths and errors). */
export function instanceProfileOf(declaration: InstanceProfileDeclaration, file: string): InstanceProfile {
  const cpuRequestCores = parseQuantityMilli(declaration.requests['cpu']!);
  const options = { queueLimit: declaration.queueLimit, ...declaration.service, cpuRequestCores: cpuRequestCores.ok ? cpuRequestCores.milli / 1000 : 1 };
  let calibrationFile: string | null = null;
  let model: ServiceModel;
  if (declaration.calibration !== undefined) {
    calibrationFile = path.resolve(path.dirname(file), declaration.calibration);
    model = serviceModelFromCalibration(readCalibration(calibrationFile), options, file);
  } else {
    if (options.latencyModel === 'curve') throw curveNeedsCalibration(file);
    const { capacitySource: _unused, latencyModel: _none, ...rest } = options;
    model = serviceModel({ ...rest, ...declaration.serviceModel! }, file);
  }
  return {
    summary: {
      name: declaration.name,
      kind: declaration.kind,
      pricePerHour: declaration.pricePerHour,
      currency: declaration.currency,
      calibration: calibrationFile === null ? null : path.relative(process.cwd(), calibrationFile),
      requests: declaration.requests,
    },
    serviceModel: model,
  };
}

/** Reads and validates an instance profile file (YAML or JSON). Throws exit-2 errors. */
export function loadInstanceProfile(file: string): InstanceProfile {
  return instanceProfileOf(readConfigFile(file, instanceProfileSchema, { what: 'instance' }), file);
}
