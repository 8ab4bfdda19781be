// The cluster settings as command-line flags (shared by `infercap simulate` and `infercap plan`), validated by
// the one cluster schema; a problem names the flag.

import { optionSchemaIssue, startupDelayNotValid } from '../../common/errors.ts';
import { issueMessage } from '../../common/config/issueMessage.ts';
import { clusterConfigSchema, type ClusterConfig } from './clusterConfig.ts';

export const clusterFlagOptions = {
  'startup-delay': { type: 'string', default: '30s', describe: 'Pod start-up (scheduling, image, model load, warm-up): 30s, or min:max for a seeded uniform delay (20s:90s)' },
  'pending-delay': { type: 'string', default: '10s', describe: 'Of the start-up delay, the time a new pod is Pending (scheduling, image pull) before it runs unready' },
  'sync-period': { type: 'string', default: '15s', describe: "The HPA controller's sync period" },
  'metrics-resolution': { type: 'string', default: '15s', describe: "metrics-server's resolution: each sample averages this window" },
  'metrics-lag': { type: 'string', default: '2s', describe: 'Delay from a metrics scrape to the controller seeing it' },
  'initial-replicas': { type: 'number', describe: "Replicas at the trace's start (default: the policy's minimum)" },
  seed: { type: 'number', default: 1, describe: 'Seed of random start-up delays' },
} as const;

export interface ClusterFlags {
  readonly startupDelay: string;
  readonly pendingDelay: string;
  readonly syncPeriod: string;
  readonly metricsResolution: string;
  readonly metricsLag: string;
  readonly initialReplicas?: number | undefined;
  readonly seed: number;
}

const flagOf: Record<string, string> = {
  startupDelay: '--startup-delay',
  pendingDelay: '--pending-delay',
  syncPeriod: '--sync-period',
  metricsResolution: '--metrics-resolution',
  metricsLag: '--metrics-lag',
  initialReplicas: '--initial-replicas',
  seed: '--seed',
};

/** Throws an exit-2 error naming the flag. */
export function clusterFromFlags(flags: ClusterFlags): ClusterConfig {
  const [min, max, extra] = flags.startupDelay.split(':');
  if (extra !== undefined) throw startupDelayNotValid(flags.startupDelay);
  const input = {
    startupDelay: max === undefined ? min : { min, max },
    pendingDelay: flags.pendingDelay,
    syncPeriod: flags.syncPeriod,
    metricsResolution: flags.metricsResolution,
    metricsLag: flags.metricsLag,
    seed: flags.seed,
    ...(flags.initialReplicas === undefined ? {} : { initialReplicas: flags.initialReplicas }),
  };
  const result = clusterConfigSchema.safeParse(input, { error: issueMessage });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = String(issue.path[0] ?? 'startupDelay');
  throw optionSchemaIssue(flagOf[key] ?? key, issue.message);
}
