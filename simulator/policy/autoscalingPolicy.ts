// The one interface every autoscaling policy of the simulator implements; adding a policy means one file
// with its schema and factory, and one line in policyRegistry.ts.

import type { ClusterConfig } from '../cluster/clusterConfig.ts';
import type { ClusterSignals } from '../cluster/clusterSignals.ts';
import type { SimPod } from '../cluster/podFleet.ts';
import type { ServiceModel } from '../service/serviceModel.ts';

/** What a policy sees when it decides: the clock, the scale target and the monitoring signals. */
export interface ClusterView {
  /** Seconds from the trace start; the signals cover seconds [0, now). */
  readonly now: number;
  /** The scale target's spec.replicas (the last decision). */
  readonly specReplicas: number;
  readonly pods: readonly SimPod[];
  readonly readyReplicas: number;
  readonly signals: ClusterSignals;
  readonly cluster: ClusterConfig;
}

/** What a policy is built from besides its own declaration. */
export interface PolicyContext {
  readonly cluster: ClusterConfig;
  readonly serviceModel: ServiceModel;
}

export interface AutoscalingPolicy {
  readonly kind: string;
  /** Seconds between decisions; the first is at second 0. */
  readonly periodSeconds: number;
  /** Replicas at the start of the trace when the cluster does not say. */
  readonly initialReplicas: number;
  /** The desired replica count at `view.now`. */
  decide(view: ClusterView): number;
  /** Why the last decision was limited, in the HPA's ScalingLimited terms (`ScaleUpLimit`, ...); set by policies that know. */
  readonly lastCondition?: string;
}
