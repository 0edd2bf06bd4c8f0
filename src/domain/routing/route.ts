// Routing: every open application gets a lead (or is flagged UNASSIGNED for the hub lead), with a
// sentence saying why. The rules:
//   - a lead may take an application when active, covering its programme and its local authority,
//     and not working at the applicant's school (eligibility.ts);
//   - applications sharing a groupKey go to one lead eligible for all of them, and count as their
//     number in that lead's load;
//   - no lead is given work beyond its maximum load;
//   - an application keeps its current lead while that lead is still eligible (a lead is never
//     relieved of work already started just to even out numbers); a new member of a group joins
//     the lead who has the rest of the group if there is room, otherwise the whole group is routed
//     again as one;
//   - everything else is routed by planAssignment (optimise.ts): as many as possible assigned,
//     then the lowest bottleneck of load / maximum, then spread;
//   - the same inputs in any order give the same decisions: applications are taken in order of
//     response ID, leads in order of email, and the plan depends on nothing else.
import { programmeTitle } from "../programmes/catalogue";
import {
  compareLeads,
  compileLead,
  compileSubject,
  compiledExclusion,
  exclusionPhrase,
  leadName,
  norm,
  normUrn,
  type CompiledSubject,
} from "./eligibility";
import {
  assignedWhy,
  closedWhy,
  joinedWhy,
  keptWhy,
  rebalancedWhy,
  restOfUnit,
  subject,
  unassignedWhy,
  unitWords,
  wholeUnit,
  type CoveringLead,
  type UnitWords,
} from "./explain";
import { DEFAULT_SEARCH_BUDGET, planAssignment, type PlanUnit } from "./optimise";
import type {
  Exclusion,
  LeadLoad,
  LeadProfile,
  RoutingApplication,
  RoutingDecision,
  RoutingOptions,
  RoutingResult,
} from "./types";

interface Unit {
  members: RoutingApplication[];
  words: UnitWords;
  /** Lead indexes eligible for every member. */
  eligible: number[];
}

type Outcome =
  | { kind: "kept"; lead: number }
  | { kind: "joined"; lead: number }
  | { kind: "planned"; lead: number }
  | { kind: "unassigned" };

function byResponseId(a: RoutingApplication, b: RoutingApplication): number {
  return a.responseId < b.responseId ? -1 : a.responseId > b.responseId ? 1 : 0;
}

function capOf(lead: LeadProfile): number {
  const n = Number(lead.maxLoad);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/** "no longer covers Leeds", "is no longer active", "works at this school". */
function leftBecause(exclusion: Exclusion, app: RoutingApplication): string {
  switch (exclusion) {
    case "programme":
      return `no longer covers ${programmeTitle(app.programme)}`;
    case "area":
      return String(app.localAuthority ?? "").trim()
        ? `no longer covers ${String(app.localAuthority).trim()}`
        : exclusionPhrase(exclusion, app);
    case "inactive":
      return "is no longer active";
    case "conflict":
      return "works at this school";
  }
}

/** Routes every open application; see the rules at the top of this file. */
export function routeApplications(
  apps: readonly RoutingApplication[],
  leads: readonly LeadProfile[],
  options: RoutingOptions = {},
): RoutingDecision[] {
  return routeWithSummary(apps, leads, options).decisions;
}

/**
 * Routes again with the leads as they are now. Unassigned applications (and any whose lead is no
 * longer eligible) are routed as usual; with `{ keepCurrent: false }` every open application is
 * routed from scratch, which evens out loads at the cost of moving work between leads.
 */
export function rebalance(
  apps: readonly RoutingApplication[],
  leads: readonly LeadProfile[],
  options: RoutingOptions = {},
): RoutingDecision[] {
  return routeApplications(apps, leads, options);
}

/** Routing's decisions, with every lead's resulting load. */
export function routeWithSummary(
  apps: readonly RoutingApplication[],
  leads: readonly LeadProfile[],
  options: RoutingOptions = {},
): RoutingResult {
  const keepCurrent = options.keepCurrent ?? true;
  const budget = options.searchBudget ?? DEFAULT_SEARCH_BUDGET;

  // Leads in a fixed order; a repeated email keeps its first row in that order.
  const roster: LeadProfile[] = [];
  const indexOf = new Map<string, number>();
  for (const lead of [...leads].sort(compareLeads)) {
    const key = norm(lead.email);
    if (key === "" || indexOf.has(key)) continue;
    indexOf.set(key, roster.length);
    roster.push(lead);
  }
  const caps = roster.map(capOf);
  const leadOfEmail = (email: string): number => indexOf.get(norm(email)) ?? -1;

  const sorted = [...apps].sort(byResponseId);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].responseId === sorted[i - 1].responseId) {
      throw new Error(
        `Response ID ${sorted[i].responseId} appears twice in the applications to route.`,
      );
    }
  }

  // Units: a group's open members together, every other open application alone.
  const memberLists: RoutingApplication[][] = [];
  const byGroup = new Map<string, RoutingApplication[]>();
  for (const app of sorted) {
    if (!app.open) continue;
    const key = String(app.groupKey ?? "").trim();
    const members = key === "" ? undefined : byGroup.get(key);
    if (members) members.push(app);
    else {
      const created = [app];
      if (key !== "") byGroup.set(key, created);
      memberLists.push(created);
    }
  }
  const compiled = roster.map(compileLead);
  const subjects = new Map<RoutingApplication, CompiledSubject>();
  const subjectOf = (app: RoutingApplication): CompiledSubject => {
    let found = subjects.get(app);
    if (!found) subjects.set(app, (found = compileSubject(app)));
    return found;
  };
  const exclusion = (l: number, app: RoutingApplication) =>
    compiledExclusion(compiled[l], subjectOf(app));
  // Applications for the same programme, area and school have the same eligible leads.
  const eligibleCache = new Map<string, number[]>();
  const eligibleFor = (app: RoutingApplication): number[] => {
    const s = subjectOf(app);
    const key = `${s.programme}\u0000${s.area}\u0000${s.urn}`;
    let found = eligibleCache.get(key);
    if (!found) {
      found = [];
      for (let l = 0; l < roster.length; l++)
        if (compiledExclusion(compiled[l], s) === null) found.push(l);
      eligibleCache.set(key, found);
    }
    return found;
  };
  const units: Unit[] = memberLists.map((members) => {
    let eligible = eligibleFor(members[0]);
    for (const m of members.slice(1)) {
      const also = new Set(eligibleFor(m));
      eligible = eligible.filter((l) => also.has(l));
    }
    return { members, words: unitWords(members, normUrn), eligible };
  });

  // Kept assignments first: they fix where each lead's load starts.
  const base = roster.map(() => 0);
  const outcome = new Map<Unit, Outcome>();
  const partial: { unit: Unit; lead: number }[] = [];
  if (keepCurrent) {
    for (const unit of units) {
      const holding = new Map<number, number>();
      for (const m of unit.members) {
        const l = leadOfEmail(m.currentLead);
        if (l >= 0 && unit.eligible.includes(l)) holding.set(l, (holding.get(l) ?? 0) + 1);
      }
      if (holding.size === 0) continue;
      // The eligible lead holding most of the unit; ties to the first lead.
      const [keeper, held] = [...holding.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
      if (held === unit.members.length) {
        outcome.set(unit, { kind: "kept", lead: keeper });
        base[keeper] += held;
      } else partial.push({ unit, lead: keeper });
    }
    for (const { unit, lead } of partial) {
      if (base[lead] + unit.members.length <= caps[lead]) {
        outcome.set(unit, { kind: "joined", lead });
        base[lead] += unit.members.length;
      }
    }
  }

  // Everything else is planned.
  const free = units.filter((unit) => !outcome.has(unit));
  const planUnits: PlanUnit[] = free.map((unit) => ({
    size: unit.members.length,
    eligible: unit.eligible,
  }));
  const plan = planAssignment(
    roster.map((_, l) => ({ cap: caps[l], base: base[l] })),
    planUnits,
    budget,
  );
  free.forEach((unit, u) => {
    const lead = plan.leadOf[u];
    outcome.set(unit, lead >= 0 ? { kind: "planned", lead } : { kind: "unassigned" });
  });

  const load = base.slice();
  const added = roster.map(() => 0);
  for (const [unit, result] of outcome) {
    if (result.kind === "planned") {
      load[result.lead] += unit.members.length;
      added[result.lead] += unit.members.length;
    }
    if (result.kind === "joined") {
      const newcomers = unit.members.filter((m) => leadOfEmail(m.currentLead) !== result.lead);
      added[result.lead] += newcomers.length;
    }
  }

  // Why an application's current lead no longer has it ("is no longer active").
  const whyLeft = (
    app: RoutingApplication,
    unit: Unit,
    now: Outcome,
  ): { lead: string; reason: string } | null => {
    const current = String(app.currentLead ?? "").trim();
    if (current === "") return null;
    const l = leadOfEmail(current);
    if (l < 0) return { lead: current, reason: "is no longer in the Leads sheet" };
    const name = leadName(roster[l]);
    const own = exclusion(l, app);
    if (own !== null) return { lead: name, reason: leftBecause(own, app) };
    if (!unit.eligible.includes(l)) {
      return { lead: name, reason: `cannot take ${wholeUnit(unit.words)}` };
    }
    if (!keepCurrent) return { lead: name, reason: "could not keep it in the rebalance" };
    if (now.kind === "joined")
      return { lead: name, reason: `does not have ${restOfUnit(unit.words)}` };
    return { lead: name, reason: `has no room for ${restOfUnit(unit.words)} as well` };
  };

  const decisions: RoutingDecision[] = [];
  for (const unit of units) {
    const result = outcome.get(unit)!;
    for (const app of unit.members) {
      const current = leadOfEmail(app.currentLead);
      const hadLead = String(app.currentLead ?? "").trim() !== "";
      if (result.kind === "unassigned") {
        const covering: CoveringLead[] = [];
        roster.forEach((lead, l) => {
          const why = unit.members.map((m) => exclusion(l, m));
          if (why.some((e) => e === "programme" || e === "area")) return;
          const state: CoveringLead["state"] = why.includes("inactive")
            ? "inactive"
            : why.includes("conflict")
              ? "conflict"
              : caps[l] - load[l] < unit.members.length
                ? "full"
                : "room";
          covering.push({ lead, state, load: load[l], maxLoad: caps[l] });
        });
        decisions.push({
          responseId: app.responseId,
          lead: "",
          unassigned: true,
          changed: hadLead,
          why: unassignedWhy({
            app,
            unit: unit.words,
            subjects: unit.members.map(subject),
            covering,
            previous: hadLead ? whyLeft(app, unit, result) : null,
          }),
        });
        continue;
      }
      const l = result.lead;
      const lead = roster[l];
      const assignment = { app, unit: unit.words, lead, load: load[l], maxLoad: caps[l] };
      const stays = current === l;
      let why: string;
      if (result.kind === "kept" || (result.kind === "joined" && stays)) why = keptWhy(app, lead);
      else if (result.kind === "joined")
        why = joinedWhy(assignment, hadLead ? whyLeft(app, unit, result) : null);
      else if (stays) why = keptWhy(app, lead);
      else if (hadLead && !keepCurrent && unit.eligible.includes(current)) {
        why = rebalancedWhy(assignment, leadName(roster[current]));
      } else why = assignedWhy(assignment, hadLead ? whyLeft(app, unit, result) : null);
      decisions.push({
        responseId: app.responseId,
        lead: lead.email,
        unassigned: false,
        changed: !stays,
        why,
      });
    }
  }

  // Decided and withdrawn applications: not routed, not counted, left as they are.
  for (const app of sorted) {
    if (app.open) continue;
    const l = leadOfEmail(app.currentLead);
    const lead = l >= 0 ? roster[l].email : String(app.currentLead ?? "").trim();
    decisions.push({
      responseId: app.responseId,
      lead,
      unassigned: false,
      changed: false,
      why: closedWhy(),
    });
  }
  decisions.sort((a, b) =>
    a.responseId < b.responseId ? -1 : a.responseId > b.responseId ? 1 : 0,
  );

  const loads: LeadLoad[] = roster.map((lead, l) => ({
    email: lead.email,
    name: leadName(lead),
    load: load[l],
    maxLoad: caps[l],
    added: added[l],
  }));
  return { decisions, loads, exact: plan.exact };
}
