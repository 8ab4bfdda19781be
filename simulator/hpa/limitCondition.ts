// The ScalingLimited reasons the controller reports, as the output's "condition".

export type LimitCondition =
  | 'ScaleUpLimit'
  | 'ScaleDownLimit'
  | 'TooFewReplicas'
  | 'TooManyReplicas'
  | 'DesiredWithinRange'
  | 'ScalingDisabled'
  | 'InvalidMetrics';

export interface Limited {
  replicas: number;
  condition: LimitCondition;
}
