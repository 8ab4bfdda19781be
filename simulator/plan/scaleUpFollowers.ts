// Policies of the grid that differ only by their scale-up rules: when the one with the tighter rules never
// had a decision held back by them (the HPA's ScaleUpLimit), the looser one, given the same history, allows
// every decision the tighter one made, and so makes the same decisions: same replicas, same outcome. It is
// then not simulated again. (On a smooth trace the planner's two scale-up policies rarely differ: this
// halves the search.) When the tighter one was limited, the looser one is simulated in full.

import type { EvaluationJob } from './policyEvaluation.ts';
import type { CandidateSettings } from './planResults.ts';

/** Allows at least every scale-up `tight` allows, from any state: same period and window, at least as many pods and percent. */
function looserOrEqual(loose: CandidateSettings, tight: CandidateSettings): boolean {
  return (
    loose.scaleUpPeriodSeconds === tight.scaleUpPeriodSeconds &&
    loose.scaleUpStabilizationSeconds === tight.scaleUpStabilizationSeconds &&
    loose.scaleUpPods >= tight.scaleUpPods &&
    loose.scaleUpPercent >= tight.scaleUpPercent
  );
}

const sameOtherwise = (a: CandidateSettings, b: CandidateSettings) =>
  a.metric === b.metric && a.target === b.target && a.minReplicas === b.minReplicas && a.maxReplicas === b.maxReplicas && a.scaleDownStabilizationSeconds === b.scaleDownStabilizationSeconds;

/** Leader job id → the jobs that follow it (`jobs[i]` is the policy of `settings[i]`). A leader never follows. */
export function scaleUpFollowers(settings: readonly CandidateSettings[], jobs: readonly EvaluationJob[]): Map<string, EvaluationJob[]> {
  const followers = new Map<string, EvaluationJob[]>();
  const follows = new Set<number>();
  for (let i = 0; i < settings.length; i++) {
    if (follows.has(i)) continue;
    for (let j = 0; j < settings.length; j++) {
      if (j === i || follows.has(j) || followers.has(jobs[j]!.id)) continue;
      if (sameOtherwise(settings[i]!, settings[j]!) && looserOrEqual(settings[j]!, settings[i]!)) {
        follows.add(j);
        followers.set(jobs[i]!.id, [...(followers.get(jobs[i]!.id) ?? []), jobs[j]!]);
      }
    }
  }
  return followers;
}
