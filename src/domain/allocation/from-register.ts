// Turns the register's view of a programme's applications into the optimizer's input: who may be
// placed, in which unit, with which hub priority tiers, and what the applications already offered
// a place (in a confirmed earlier run, or by "Offer next on waitlist") leave free.
import { fnv1a } from "../hash";
import type { Unit as ProgrammeUnit } from "../programmes/model";
import {
  ENDORSEMENT_STATUSES,
  VERDICTS,
  type EndorsementStatus,
  type Verdict,
} from "../types";
import type { AllocationCandidate, AllocationGroup, AllocationParams, Override } from "./types";

/** The register fields allocation reads. */
export interface ApplicationForAllocation {
  responseId: string;
  verdict: string;
  score: number | null;
  reviewStatus: string;
  decision: string;
  endorsement: string;
  schoolUrn: string;
  localAuthority: string;
  group: string;
  /** Reason codes already given (DUPLICATE applications are never placed). */
  reasonCodes: readonly string[];
}

export interface TierFacts {
  /** URNs (after successor links) with any Engagement row. */
  engagedUrns: ReadonlySet<string>;
  priorityLocalAuthorities: readonly string[];
  priorityUrns: readonly string[];
}

export const TIER_NEVER_ENGAGED = "never engaged";
export const TIER_PRIORITY_AREA = "priority area";

/** Decisions that hold a place: these applications keep it and are not re-allocated. */
export const HOLDS_PLACE: ReadonlySet<string> = new Set(["Offered", "Accepted"]);

const KNOWN_VERDICTS: ReadonlySet<string> = new Set(VERDICTS);
const KNOWN_ENDORSEMENTS: ReadonlySet<string> = new Set(ENDORSEMENT_STATUSES);

export function tiersOf(app: ApplicationForAllocation, facts: TierFacts): string[] {
  const tiers: string[] = [];
  const urn = app.schoolUrn.trim();
  if (urn !== "" && !facts.engagedUrns.has(urn)) tiers.push(TIER_NEVER_ENGAGED);
  const la = app.localAuthority.trim().toLowerCase();
  const inPriorityLa =
    la !== "" && facts.priorityLocalAuthorities.some((p) => p.trim().toLowerCase() === la);
  if (inPriorityLa || (urn !== "" && facts.priorityUrns.includes(urn)))
    tiers.push(TIER_PRIORITY_AREA);
  return tiers;
}

/** Why a lead's review keeps an application out of the allocation, or null when it may be placed. */
export function reviewBlock(app: ApplicationForAllocation): string | null {
  if (app.decision === "Withdrawn") return "The applicant has withdrawn";
  if (app.reasonCodes.includes("DUPLICATE"))
    return "It duplicates a later application, which is considered instead";
  if (app.reviewStatus === "Not recommended") return "A lead did not recommend it";
  if (app.reviewStatus === "Needs info") return "A lead is waiting for more information";
  if (app.verdict === "REVIEW" && app.reviewStatus !== "Recommend") {
    return "It needs a lead's review, and no lead has recommended it yet";
  }
  return null;
}

export interface AllocationInput {
  candidates: AllocationCandidate[];
  params: AllocationParams;
  /** Applications that already hold a place, by group ("" for the implicit group). */
  holding: Array<{ responseId: string; group: string }>;
}

export interface ProgrammeForAllocation {
  key: string;
  unit: ProgrammeUnit;
  places: number | null;
  maxPerSchool: number | null;
}

/** The seed recorded for a programme's runs unless the lead chooses another: stable per year. */
export function defaultSeed(programme: string, year: string): number {
  return parseInt(fnv1a(`${programme}:${year}`).slice(0, 8), 16) % 1_000_000;
}

export function allocationInput(args: {
  programme: ProgrammeForAllocation;
  applications: readonly ApplicationForAllocation[];
  groups: readonly AllocationGroup[];
  facts: TierFacts;
  tierWeights: Readonly<Record<string, number>>;
  distancePenalty: number | null;
  seed: number;
  overrides: readonly Override[];
}): AllocationInput {
  const { programme } = args;
  const holding = args.applications
    .filter((a) => HOLDS_PLACE.has(a.decision))
    .map((a) => ({ responseId: a.responseId, group: a.group }));
  const heldBySchool = new Map<string, number>();
  const heldByGroup = new Map<string, number>();
  for (const a of args.applications) {
    if (!HOLDS_PLACE.has(a.decision)) continue;
    if (a.schoolUrn) heldBySchool.set(a.schoolUrn, (heldBySchool.get(a.schoolUrn) ?? 0) + 1);
    heldByGroup.set(a.group, (heldByGroup.get(a.group) ?? 0) + 1);
  }

  const candidates: AllocationCandidate[] = [];
  for (const a of args.applications) {
    if (HOLDS_PLACE.has(a.decision)) continue;
    let block = reviewBlock(a);
    const held = a.schoolUrn ? (heldBySchool.get(a.schoolUrn) ?? 0) : 0;
    if (!block && programme.maxPerSchool !== null && held >= programme.maxPerSchool) {
      block = `Its school already holds ${held} place${held === 1 ? "" : "s"}, the most one school may have`;
    }
    // A school holding fewer places than the limit may still gain up to the full limit in this
    // run: the optimizer has one limit for every school. Hubs use 1 or 2, so this is noted in the
    // run's warnings rather than modelled.
    const verdict = (KNOWN_VERDICTS.has(a.verdict) ? a.verdict : "INVALID") as Verdict;
    candidates.push({
      responseId: a.responseId,
      schoolUrn: a.schoolUrn,
      localAuthority: a.localAuthority,
      verdict,
      allocatable: block === null,
      ...(block ? { notAllocatableReason: block } : {}),
      score: a.score ?? 0,
      tiers: tiersOf(a, args.facts),
      endorsement: (KNOWN_ENDORSEMENTS.has(a.endorsement)
        ? a.endorsement
        : "Not needed") as EndorsementStatus,
      // A school's applications to a school-pair programme (its two advocates, if they applied
      // separately) are placed together or not at all.
      unitKey:
        programme.unit === "school-pair" && a.schoolUrn && !block ? `school:${a.schoolUrn}` : "",
    });
  }
  // A unit is two or more applications that may be placed; one alone is just an application.
  const unitSize = new Map<string, number>();
  for (const c of candidates)
    if (c.unitKey) unitSize.set(c.unitKey, (unitSize.get(c.unitKey) ?? 0) + 1);
  for (const c of candidates) if (c.unitKey && unitSize.get(c.unitKey) === 1) c.unitKey = "";

  // One endorsement covers a school's advocates, so a lead's waiver for one covers the others.
  const overrides: Override[] = [...args.overrides];
  const unitOf = new Map(candidates.map((c) => [c.responseId, c.unitKey]));
  for (const o of args.overrides) {
    // A waiver without a written reason is refused for the one it names, and so for its unit.
    const unit =
      o.action === "endorsement-waived" && o.reason.trim() !== "" ? unitOf.get(o.responseId) : "";
    if (!unit) continue;
    for (const c of candidates) {
      if (c.unitKey !== unit || c.responseId === o.responseId) continue;
      if (overrides.some((x) => x.responseId === c.responseId && x.action === o.action)) continue;
      overrides.push({
        ...o,
        responseId: c.responseId,
        reason: `${o.reason.trim()} (same school as ${o.responseId})`,
      });
    }
  }

  const totalHeld = holding.length;
  const groups = args.groups.map((g) => ({
    ...g,
    capacity: Math.max(0, g.capacity - (heldByGroup.get(g.id) ?? 0)),
  }));
  return {
    candidates,
    holding,
    params: {
      places: programme.places === null ? null : Math.max(0, programme.places - totalHeld),
      groups,
      maxPerSchool: programme.maxPerSchool,
      tierWeights: args.tierWeights,
      distancePenalty: args.distancePenalty,
      seed: args.seed,
      overrides,
    },
  };
}
