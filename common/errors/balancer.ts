// Messages of the balancer in front of replicas: its answers to clients, and its options.

import { InfercapError } from './infercapError.ts';
import { optionError, runtime } from './kinds.ts';

export const noHealthyReplica = (replicas: number) =>
  new InfercapError(
    'E_NO_HEALTHY_REPLICA',
    `no replica is healthy (0 of ${replicas} running, ready and not ejected); GET /balancer/stats shows why; retry shortly`,
    { httpStatus: 503, headers: { 'Retry-After': '1' } },
  );

export const replicaUnreachable = (replicaId: number, reason: string) =>
  new InfercapError('E_REPLICA_UNREACHABLE', `replica ${replicaId} could not be reached (${reason}) and no other replica could take the request`, {
    httpStatus: 502,
  });

/** The replica began answering and its connection failed: not retried, since it may have done the work. */
export const replicaAnswerBroken = (replicaId: number, reason: string) =>
  new InfercapError('E_REPLICA_ANSWER_BROKEN', `replica ${replicaId} failed while answering (${reason}); the request was not retried`, {
    httpStatus: 502,
  });

export const replicasFailedToStart = (reason: string) =>
  new InfercapError('E_REPLICAS_FAILED_TO_START', `the replicas did not start: ${reason}; the replica log lines above say why`, runtime);

export const weightsWithoutWeightedStrategy = (strategy: string) =>
  optionError('--weights', `weights apply to --balancer weighted-round-robin only, not ${strategy}`);

export const weightsWithoutFleet = () => optionError('--weights', 'applies to a balanced fleet; add --replicas N --balancer weighted-round-robin');

export const replicaSlowdownWithoutFleet = () =>
  optionError('--replica-slowdown', 'applies to a balanced fleet; add --replicas N (or use --slowdown for this server)');

export const latencyDecayNotPositive = (got: number) =>
  optionError('--balancer', `the latency decay time constant must be a positive number of ms, got ${got}`);

export const weightNotPositiveInteger = (text: string) =>
  optionError('--weights', `weight "${text}" must be a positive integer, e.g. --weights 1=5,2=1,3=1`);

export const weightsCountWrong = (given: number, replicas: number) =>
  optionError('--weights', `gives ${given} weight(s) for ${replicas} replica(s); give one per replica, e.g. 5,1,1`);

export const weightEntryNotValid = (entry: string, replicas: number) =>
  optionError('--weights', `"${entry}" is not <replica id>=<weight> with an id from 1 to ${replicas}; e.g. --weights 1=5,2=1`);

export const weightGivenTwice = (replica: number) => optionError('--weights', `replica ${replica} is given a weight twice`);

export const slowdownEntryNotValid = (entry: string) =>
  optionError('--replica-slowdown', `"${entry}" is not <replica id>=<factor>x, e.g. --replica-slowdown 2=4x`);

export const slowdownReplicaUnknown = (entry: string, replica: number, replicas: number) =>
  optionError('--replica-slowdown', `"${entry}" names replica ${replica}; the ids are 1 to ${replicas}`);

export const slowdownFactorOutOfRange = (entry: string) => optionError('--replica-slowdown', `"${entry}": the factor must be from 1 to 100 (times slower)`);

export const slowdownGivenTwice = (replica: number) => optionError('--replica-slowdown', `replica ${replica} is given a slowdown twice`);
