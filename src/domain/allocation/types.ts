// The allocation optimizer's vocabulary: who may be placed, where, and what came of it.
import type { EndorsementStatus, Verdict } from "../types";

export interface AllocationCandidate {
  responseId: string;
  /** "" when the applicant has no school (ITT providers): the per-school limit does not apply. */
  schoolUrn: string;
  localAuthority: string;
  /** Only ELIGIBLE and REVIEW applications are placed, and only when `allocatable`. */
  verdict: Verdict;
  /** The caller's decision: review status (REVIEW needs Recommend), not withdrawn, not a duplicate. */
  allocatable: boolean;
  /** Why the caller marked it not allocatable, shown in `notConsidered` (optional). */
  notAllocatableReason?: string;
  /** 0–100 (RULES.md, "Score"). */
  score: number;
  /** Hub priority tiers this candidate meets, e.g. ["never-engaged", "priority-area"]. */
  tiers: readonly string[];
  endorsement: EndorsementStatus;
  /**
   * Applications with the same unitKey are placed together in one group or not at all (a
   * school's two advocates); "" = alone. A unit takes one seat per application.
   */
  unitKey: string;
}

export interface AllocationGroup {
  id: string;
  /** Seats: one per application (a pair of advocates takes two). */
  capacity: number;
  /** Local authorities served; [] or ["all"] serves everywhere. Compared without case. */
  localAuthorities: readonly string[];
}

export type OverrideAction = "pin" | "exclude" | "endorsement-waived";

export interface Override {
  responseId: string;
  action: OverrideAction;
  /** The lead's written reason: an override without one is rejected. */
  reason: string;
  by: string;
}

export interface AllocationParams {
  /** Total seats across groups; null: only group capacities limit. */
  places: number | null;
  /** Empty: a single implicit group of `places` seats (individual programmes like Specialists). */
  groups: readonly AllocationGroup[];
  /** Counted in units (a school's pair of advocates is one); null: no limit. */
  maxPerSchool: number | null;
  /** Priority points per hub tier; tiers not listed count 0. */
  tierWeights: Readonly<Record<string, number>>;
  /** Null: a school goes only to a group serving its local authority; a number: allowed elsewhere at this cost per application. */
  distancePenalty: number | null;
  /** Seeds the tie-break between equal priorities. */
  seed: number;
  overrides: readonly Override[];
}

export interface Placement {
  responseId: string;
  /** The group's id; "" for the implicit group of a programme without groups. */
  group: string;
  why: string;
}

export interface WaitlistEntry {
  responseId: string;
  /** 1 = offered next. The applications of one unit share a position (offered together). */
  position: number;
  why: string;
}

export interface AppliedOverride extends Override {
  /** What it did, e.g. "placed in G1" or "pin infeasible: no group serves Leeds". */
  effect: string;
}

export interface AllocationResult {
  placed: Placement[];
  /** Ordered: who would be offered next and why. */
  waitlist: WaitlistEntry[];
  /** Not allocatable, excluded, wrong verdict, endorsement missing, partner not considered. */
  notConsidered: Array<{ responseId: string; why: string }>;
  /** Per group, in seats; capacity null: unlimited (implicit group without `places`). */
  capacityUsed: Record<string, { used: number; capacity: number | null }>;
  /** Seats used against `places` (capacity null: no total limit). */
  placesUsed: { used: number; capacity: number | null };
  /** Σ priorityOf(placed) − distancePenalty × (placed applications outside their group's area). */
  objective: number;
  /** The recorded tie-break rule, with its seed. */
  tieBreak: string;
  infeasiblePins: Array<{ responseId: string; why: string }>;
  /** Every override given, with what it did. */
  overrides: AppliedOverride[];
  /** Overrides ignored (unknown response, no written reason, no author). */
  rejectedOverrides: Array<{ override: Override; why: string }>;
  /** How the optimum was found, e.g. "min-cost flow (...); 1 relaxation". */
  method: string;
  /** True when the optimum is proven (always, unless the branch-and-bound node limit was hit). */
  exact: boolean;
}
