// The register's Routing column: one plain British English sentence per application.
import { PROGRAMMES, isProgrammeKey } from "../programmes/catalogue";
import { programmeTitle } from "../programmes/catalogue";
import { inArea, leadName } from "./eligibility";
import type { LeadProfile, RoutingApplication } from "./types";

/** What routing knows about the group an application belongs to, for wording. */
export interface UnitWords {
  size: number;
  /** The advocates of one school for a school-pair programme. */
  advocatePair: boolean;
  /** Every member is at the same school. */
  oneSchool: boolean;
  /** Every member is for the same programme in the same local authority. */
  oneSubject: boolean;
}

export function unitWords(
  members: readonly RoutingApplication[],
  norm: (s: string) => string,
): UnitWords {
  const first = members[0];
  const oneSchool = members.every((m) => norm(m.schoolUrn) === norm(first.schoolUrn));
  const oneSubject = members.every(
    (m) => m.programme === first.programme && norm(m.localAuthority) === norm(first.localAuthority),
  );
  const advocatePair =
    members.length === 2 &&
    oneSchool &&
    oneSubject &&
    isProgrammeKey(first.programme) &&
    PROGRAMMES[first.programme].unit === "school-pair";
  return { size: members.length, advocatePair, oneSchool, oneSubject };
}

/** "both advocates of this school", "all 3 applications in its group". */
export function wholeUnit(u: UnitWords): string {
  if (u.advocatePair) return "both advocates of this school";
  if (u.size === 2) return "both applications in its group";
  return `all ${u.size} applications in its group`;
}

/** "the other advocate of this school", "the rest of its group". */
export function restOfUnit(u: UnitWords): string {
  if (u.advocatePair) return "the other advocate of this school";
  if (u.size === 2) return "the other application in its group";
  return "the rest of its group";
}

export function subject(app: RoutingApplication): string {
  return `${programmeTitle(app.programme)} ${inArea(app.localAuthority)}`;
}

export function loadText(load: number, maxLoad: number): string {
  return `${load} of ${maxLoad}`;
}

/** "A", "A and B", "A, B and C", "A, B, C and 2 others". */
export function listOf(items: readonly string[], most = 3): string {
  if (items.length <= most) {
    if (items.length <= 1) return items.join("");
    return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
  }
  const extra = items.length - most;
  return `${items.slice(0, most).join(", ")} and ${extra} other${extra === 1 ? "" : "s"}`;
}

/** Joins clauses that may themselves contain "and": "a", "a and b", "a, b, and c". */
function clauses(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  if (parts.length === 2) return `${parts[0]}, and ${parts[1]}`;
  return `${parts.slice(0, -1).join(", ")}, and ${parts[parts.length - 1]}`;
}

export interface Assignment {
  app: RoutingApplication;
  unit: UnitWords;
  lead: LeadProfile;
  load: number;
  maxLoad: number;
}

/** "Alex Jones covers Secondary Mastery Specialist in Leeds; now 4 of 10." */
export function assignedWhy(
  a: Assignment,
  previous: { lead: string; reason: string } | null,
): string {
  const together = a.unit.size > 1 ? ` and takes ${wholeUnit(a.unit)} together` : "";
  const covers = `covers ${subject(a.app)}${together}; now ${loadText(a.load, a.maxLoad)}.`;
  if (!previous) return `${leadName(a.lead)} ${covers}`;
  return `Moved from ${previous.lead}, who ${previous.reason}, to ${leadName(a.lead)}, who ${covers}`;
}

/** A new member of a group joins the lead who already has the rest of it. */
export function joinedWhy(
  a: Assignment,
  previous: { lead: string; reason: string } | null,
): string {
  const covers = `covers ${subject(a.app)} and already has ${restOfUnit(a.unit)}; now ${loadText(a.load, a.maxLoad)}.`;
  if (!previous) return `${leadName(a.lead)} ${covers}`;
  return `Moved from ${previous.lead}, who ${previous.reason}, to ${leadName(a.lead)}, who ${covers}`;
}

export function keptWhy(app: RoutingApplication, lead: LeadProfile): string {
  return `Stays with ${leadName(lead)}, who still covers ${subject(app)}.`;
}

export function rebalancedWhy(a: Assignment, from: string): string {
  const together = a.unit.size > 1 ? ` and takes ${wholeUnit(a.unit)} together` : "";
  return `Rebalanced from ${from} to ${leadName(a.lead)}, who covers ${subject(a.app)}${together}; now ${loadText(a.load, a.maxLoad)}.`;
}

export function closedWhy(): string {
  return "Not routed: the application has been decided or withdrawn.";
}

/** Where each lead who covers the application's programme and area stands. */
export interface CoveringLead {
  lead: LeadProfile;
  state: "inactive" | "conflict" | "full" | "room";
  load: number;
  maxLoad: number;
}

export interface UnassignedFacts {
  app: RoutingApplication;
  unit: UnitWords;
  /** Programme-and-area phrases of every member, when they differ ("X in Leeds", …). */
  subjects: readonly string[];
  covering: readonly CoveringLead[];
  previous: { lead: string; reason: string } | null;
}

/**
 * "No lead covers Special Schools Cross-phase Development Work Group in Kirklees without a
 * conflict of interest: the only lead who covers it works at this school."
 */
export function unassignedWhy(f: UnassignedFacts): string {
  const { app, unit, covering } = f;
  const here = unit.oneSchool ? "this school" : "a school in its group";
  let sentence: string;
  if (covering.length === 0) {
    sentence =
      unit.size === 1 || unit.oneSubject
        ? `No lead covers ${subject(app)}`
        : `No one lead covers every application in its group (${listOf(f.subjects, f.subjects.length)})`;
  } else if (covering.every((c) => c.state === "conflict")) {
    const n = covering.length;
    const who =
      n === 1
        ? `the only lead who covers it works at ${here}`
        : n === 2
          ? `both leads who cover it work at ${here}`
          : `all ${n} leads who cover it work at ${here}`;
    sentence = `No lead covers ${subject(app)} without a conflict of interest: ${who}`;
  } else {
    const of = (state: CoveringLead["state"]) => covering.filter((c) => c.state === state);
    const withLoad = (c: CoveringLead) => `${leadName(c.lead)} (${loadText(c.load, c.maxLoad)})`;
    const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
    const parts: string[] = [];
    const full = of("full");
    if (full.length > 0) {
      const verb =
        unit.size === 1
          ? plural(full.length, "is full", "are full")
          : plural(full.length, "has too little room", "have too little room");
      parts.push(`${listOf(full.map(withLoad))} ${verb}`);
    }
    const conflict = of("conflict");
    if (conflict.length > 0) {
      const verb = plural(conflict.length, "works", "work");
      parts.push(`${listOf(conflict.map((c) => leadName(c.lead)))} ${verb} at ${here}`);
    }
    const inactive = of("inactive");
    if (inactive.length > 0) {
      const verb = plural(inactive.length, "is not active", "are not active");
      parts.push(`${listOf(inactive.map((c) => leadName(c.lead)))} ${verb}`);
    }
    const room = of("room");
    if (room.length > 0) {
      const verb = plural(room.length, "has room", "have room");
      parts.push(
        `${listOf(room.map(withLoad))} ${verb}, but the search for an arrangement that fits it ran out of time`,
      );
    }
    const what = unit.size === 1 ? "it" : `${wholeUnit(unit)} together`;
    sentence = `No lead who covers ${subject(app)} can take ${what}: ${clauses(parts)}`;
  }
  if (f.previous) sentence += `; it was with ${f.previous.lead}, who ${f.previous.reason}`;
  return `${sentence}.`;
}
