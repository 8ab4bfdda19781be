// The scale target's pods: created when the replica count goes up, Pending, then Running but not Ready, and
// ready a start-up delay after creation,
// deleted (and out of the Service at once) when it goes down, in the order a ReplicaSet picks victims.

import type { Rng } from '../../common/prng.ts';

export interface SimPod {
  readonly id: number;
  readonly name: string;
  /** Second the pod was created. */
  readonly createdAt: number;
  /** Second its container started (phase Running, the pod's startTime as the HPA reads it); Pending before. */
  readonly runningAt: number;
  /** First second it serves (Ready from then on). */
  readonly readyAt: number;
}

export interface StartupDelay {
  readonly min: number;
  readonly max: number;
}

export class PodFleet {
  /** Live pods, oldest first. */
  readonly pods: SimPod[] = [];
  private nextId = 0;
  private readyCache = 0;
  private readyValidUntil = Number.NEGATIVE_INFINITY;
  private readyComputedAt = Number.NaN;

  constructor(
    private readonly delay: StartupDelay,
    private readonly rng: Rng,
    /** Seconds of each start-up delay spent Pending. */
    private readonly pendingDelay = 0,
  ) {}

  /** Adds `count` pods that are ready from `readyAt` on (the initial fleet: created before the trace). */
  seed(count: number, createdAt: number, readyAt: number): void {
    for (let i = 0; i < count; i++) this.add(createdAt, createdAt, readyAt);
    this.invalidate();
  }

  /** Creates or deletes pods so that `replicas` are live at `now`. */
  scaleTo(replicas: number, now: number): void {
    if (replicas > this.pods.length) {
      const spread = this.delay.max - this.delay.min;
      while (this.pods.length < replicas) {
        const delay = this.delay.min + (spread > 0 ? Math.round(this.rng.next() * spread) : 0);
        this.add(now, now + Math.min(this.pendingDelay, delay), now + delay);
      }
    } else if (replicas < this.pods.length) {
      // The ReplicaSet controller deletes unready pods before ready ones, the newest ready first.
      const victims = [...this.pods].sort((a, b) => deletionRank(b, now) - deletionRank(a, now) || b.readyAt - a.readyAt || b.id - a.id);
      const doomed = new Set(victims.slice(0, this.pods.length - replicas));
      const kept = this.pods.filter((pod) => !doomed.has(pod));
      this.pods.length = 0;
      this.pods.push(...kept);
    } else {
      return;
    }
    this.invalidate();
  }

  /** Pods ready at `now` (serving traffic in that second). Non-decreasing `now` keeps this O(1) amortized. */
  readyCount(now: number): number {
    if (now === this.readyComputedAt || (now >= this.readyComputedAt && now < this.readyValidUntil)) return this.readyCache;
    let ready = 0;
    let next = Number.POSITIVE_INFINITY;
    for (const pod of this.pods) {
      if (pod.readyAt <= now) ready++;
      else if (pod.readyAt < next) next = pod.readyAt;
    }
    this.readyCache = ready;
    this.readyComputedAt = now;
    this.readyValidUntil = next;
    return ready;
  }

  get size(): number {
    return this.pods.length;
  }

  private add(createdAt: number, runningAt: number, readyAt: number): void {
    const id = this.nextId++;
    this.pods.push({ id, name: `pod-${id}`, createdAt, runningAt, readyAt });
  }

  private invalidate(): void {
    this.readyComputedAt = Number.NaN;
    this.readyValidUntil = Number.NEGATIVE_INFINITY;
  }
}

/** 1 for a pod not ready at `now` (deleted first), 0 for a ready one. */
function deletionRank(pod: SimPod, now: number): number {
  return pod.readyAt > now ? 1 : 0;
}
