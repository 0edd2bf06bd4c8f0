// allocate(): who gets a place, in which group, who waits in what order, and why. Pure and
// deterministic: the same candidates (in any order) and params give the same result.
import {
  PRIORITY_SCALE,
  describePriority,
  fmt,
  normaliseLa,
  priorityOf,
  servesEverywhere,
  servesLa,
  tieBreakRule,
  tieKey,
} from "./priority";
import { listOf } from "../routing/explain";
import { solveAllocation, type SolverUnit } from "./solve";
import type {
  AllocationCandidate,
  AllocationGroup,
  AllocationParams,
  AllocationResult,
  AppliedOverride,
  Override,
  Placement,
  WaitlistEntry,
} from "./types";

/** The group id used when a programme has no groups (one implicit group of `places` seats). */
export const IMPLICIT_GROUP = "";

const PLACEABLE_VERDICTS = new Set(["ELIGIBLE", "REVIEW"]);
const ENDORSED = new Set(["Confirmed", "Not needed"]);
const ACTIONS = new Set(["pin", "exclude", "endorsement-waived"]);

interface Unit {
  key: string;
  /** In tie order. */
  members: AllocationCandidate[];
  school: string;
  /** Σ priorityOf, in PRIORITY_SCALE units. */
  pri: number;
  pinned: boolean;
  rank: number;
  cls: number;
}

function fail(message: string): never {
  throw new RangeError(`allocate: ${message}`);
}

function isCount(x: unknown): x is number {
  return typeof x === "number" && Number.isInteger(x) && x >= 0;
}

function validate(candidates: readonly AllocationCandidate[], params: AllocationParams): void {
  const ids = new Set<string>();
  for (const c of candidates) {
    if (typeof c.responseId !== "string" || c.responseId === "") fail("every candidate needs a responseId.");
    if (ids.has(c.responseId)) fail(`response ${c.responseId} is given twice.`);
    ids.add(c.responseId);
    if (!Number.isFinite(c.score)) fail(`response ${c.responseId} has a score that is not a number.`);
  }
  if (params.places !== null && !isCount(params.places)) fail("places must be a whole number ≥ 0, or null.");
  if (params.maxPerSchool !== null && !isCount(params.maxPerSchool)) {
    fail("maxPerSchool must be a whole number ≥ 0, or null.");
  }
  const groupIds = new Set<string>();
  for (const g of params.groups) {
    if (typeof g.id !== "string" || g.id === "") fail("every group needs an id.");
    if (groupIds.has(g.id)) fail(`group ${g.id} is given twice.`);
    groupIds.add(g.id);
    if (!isCount(g.capacity)) fail(`group ${g.id} needs a whole-number capacity ≥ 0.`);
  }
  if (params.distancePenalty !== null && !(Number.isFinite(params.distancePenalty) && params.distancePenalty >= 0)) {
    fail("distancePenalty must be a number ≥ 0, or null.");
  }
  for (const [tier, w] of Object.entries(params.tierWeights)) {
    if (!Number.isFinite(w)) fail(`the weight of tier "${tier}" is not a number.`);
  }
  if (!Number.isFinite(params.seed)) fail("seed must be a number.");
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Every id, "a, b and c". */
function listIds(ids: readonly string[]): string {
  return listOf(ids, ids.length);
}

function laText(members: readonly AllocationCandidate[]): string {
  const las = [...new Set(members.map((m) => m.localAuthority.trim() || "(no local authority)"))];
  return listIds(las);
}

export function allocate(
  candidates: readonly AllocationCandidate[],
  params: AllocationParams,
): AllocationResult {
  validate(candidates, params);
  const { seed } = params;
  const byId = new Map(candidates.map((c) => [c.responseId, c]));
  const pen = params.distancePenalty;

  // --- Overrides: a lead's decision needs a known application, a written reason and an author.
  const pins = new Map<string, Override>();
  const excludes = new Map<string, Override>();
  const waivers = new Map<string, Override>();
  const rejectedOverrides: AllocationResult["rejectedOverrides"] = [];
  const accepted: Override[] = [];
  for (const o of params.overrides) {
    let why: string | null = null;
    if (!ACTIONS.has(o.action)) why = `Unknown action "${String(o.action)}".`;
    else if (!byId.has(o.responseId)) why = `No application ${o.responseId} is in this allocation.`;
    else if (typeof o.reason !== "string" || o.reason.trim() === "") why = "An override needs a written reason.";
    else if (typeof o.by !== "string" || o.by.trim() === "") why = "An override must say who made it.";
    if (why !== null) {
      rejectedOverrides.push({ override: o, why });
      continue;
    }
    accepted.push(o);
    const map = o.action === "pin" ? pins : o.action === "exclude" ? excludes : waivers;
    map.set(o.responseId, o); // a later override of the same kind replaces an earlier one
  }

  // --- Who may be placed at all.
  const ownProblem = (c: AllocationCandidate): string | null => {
    const ex = excludes.get(c.responseId);
    if (ex) return `Excluded by ${ex.by}: ${ex.reason.trim()}`;
    if (!c.allocatable) {
      const r = c.notAllocatableReason?.trim();
      return `Not allocatable: ${r || "its review status, a withdrawal or a duplicate keeps it out"}.`;
    }
    if (!PLACEABLE_VERDICTS.has(c.verdict)) {
      return `Verdict ${c.verdict}: only ELIGIBLE applications, and REVIEW ones a lead recommends, are placed.`;
    }
    if (!ENDORSED.has(c.endorsement) && !waivers.has(c.responseId)) {
      return (
        `Endorsement ${c.endorsement}: a place is offered only once it is Confirmed, ` +
        `or when a lead waives it with a written reason.`
      );
    }
    return null;
  };

  const keyOf = new Map(candidates.map((c) => [c.responseId, tieKey(seed, c.responseId)]));
  const tieOrder = (a: AllocationCandidate, b: AllocationCandidate) => {
    const ka = keyOf.get(a.responseId)!;
    const kb = keyOf.get(b.responseId)!;
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.responseId < b.responseId ? -1 : a.responseId > b.responseId ? 1 : 0;
  };
  const groupsByKey = new Map<string, AllocationCandidate[]>();
  for (const c of [...candidates].sort(tieOrder)) {
    const key = c.unitKey.trim() === "" ? `\u0000${c.responseId}` : c.unitKey.trim();
    const list = groupsByKey.get(key) ?? [];
    list.push(c);
    groupsByKey.set(key, list);
  }

  const notConsideredWhy = new Map<string, string>();
  const units: Unit[] = [];
  for (const [key, members] of groupsByKey) {
    const schools = [...new Set(members.map((m) => m.schoolUrn.trim()))];
    if (schools.length > 1) {
      const why =
        `Linked applications ${listIds(members.map((m) => m.responseId))} (unit "${key}") name ` +
        `different schools (${schools.map((s) => s || "none").join(", ")}); a unit is one school's applications.`;
      for (const m of members) notConsideredWhy.set(m.responseId, why);
      continue;
    }
    const owns = members.map((m) => [m, ownProblem(m)] as const);
    const problems = owns.filter(([, p]) => p !== null);
    if (problems.length > 0) {
      for (const [m, own] of owns) {
        if (own !== null) {
          notConsideredWhy.set(m.responseId, own);
        } else {
          const [other, why] = problems[0]!;
          notConsideredWhy.set(
            m.responseId,
            `Placed together with ${listIds(members.filter((x) => x !== m).map((x) => x.responseId))} ` +
              `or not at all, and ${other.responseId} is not considered (${why})`,
          );
        }
      }
      continue;
    }
    let pri = 0;
    for (const m of members) pri += Math.round(priorityOf(m, params) * PRIORITY_SCALE);
    units.push({
      key,
      members,
      school: schools[0]!,
      pri,
      pinned: members.some((m) => pins.has(m.responseId)),
      rank: 0,
      cls: 0,
    });
  }
  units.sort((a, b) => tieOrder(a.members[0]!, b.members[0]!));
  units.forEach((u, i) => (u.rank = i));

  // --- Groups (or the implicit one) and the area classes of units.
  const implicit = params.groups.length === 0;
  const groups: readonly AllocationGroup[] = implicit
    ? [{ id: IMPLICIT_GROUP, capacity: params.places ?? 2 ** 40, localAuthorities: [] }]
    : params.groups;
  const penScaled = pen === null ? 0 : Math.round(pen * PRIORITY_SCALE);
  const classIndex = new Map<string, number>();
  const classCost: (number | null)[][] = [];
  for (const u of units) {
    const las = u.members.map((m) => normaliseLa(m.localAuthority)).sort();
    const sig = las.join("\u0000");
    let c = classIndex.get(sig);
    if (c === undefined) {
      c = classCost.length;
      classIndex.set(sig, c);
      classCost.push(
        groups.map((g) => {
          const outside = u.members.filter((m) => !servesLa(g, m.localAuthority)).length;
          if (outside === 0) return 0;
          return pen === null ? null : outside * penScaled;
        }),
      );
    }
    u.cls = c;
  }
  const schoolIndex = new Map<string, number>();
  for (const u of units) if (u.school !== "" && !schoolIndex.has(u.school)) schoolIndex.set(u.school, schoolIndex.size);

  const solverUnits: SolverUnit[] = units.map((u) => ({
    school: u.school === "" ? -1 : schoolIndex.get(u.school)!,
    size: u.members.length,
    cls: u.cls,
    pin: u.pinned ? 1 : 0,
    pri: u.pri,
    sec: units.length - u.rank,
  }));
  guardMagnitudes(solverUnits, classCost);
  const solved = solveAllocation({
    units: solverUnits,
    schools: schoolIndex.size,
    classCost,
    groupCap: groups.map((g) => g.capacity),
    places: params.places,
    maxPerSchool: params.maxPerSchool,
  });

  // --- Read the solution back.
  const groupOfUnit = (i: number): AllocationGroup | null => {
    const g = solved.groupOf[i]!;
    return g >= 0 ? groups[g]! : null;
  };
  const used = new Map<string, number>(groups.map((g) => [g.id, 0]));
  const perSchool = new Map<string, number>();
  let placesUsed = 0;
  let objective = 0;
  const placedUnits: number[] = [];
  units.forEach((u, i) => {
    const g = groupOfUnit(i);
    if (!g) return;
    placedUnits.push(i);
    used.set(g.id, used.get(g.id)! + u.members.length);
    placesUsed += u.members.length;
    if (u.school !== "") perSchool.set(u.school, (perSchool.get(u.school) ?? 0) + 1);
    for (const m of u.members) {
      objective += priorityOf(m, params);
      if (!servesLa(g, m.localAuthority)) objective -= pen ?? 0;
    }
  });

  const byPriority = (a: number, b: number) => units[b]!.pri - units[a]!.pri || units[a]!.rank - units[b]!.rank;
  const groupPos = new Map(groups.map((g, i) => [g.id, i]));
  placedUnits.sort((a, b) => groupPos.get(groupOfUnit(a)!.id)! - groupPos.get(groupOfUnit(b)!.id)! || byPriority(a, b));

  const scoreText = (m: AllocationCandidate) => `Score ${fmt(m.score)}, ${describePriority(m, params)}`;
  const partnersText = (u: Unit, m: AllocationCandidate) => {
    const others = u.members.filter((x) => x !== m).map((x) => x.responseId);
    return others.length > 0 ? `; together with ${listIds(others)}` : "";
  };

  const placed: Placement[] = [];
  for (const i of placedUnits) {
    const u = units[i]!;
    const g = groupOfUnit(i)!;
    for (const m of u.members) {
      let where: string;
      if (implicit) where = "a place in the programme";
      else if (servesEverywhere(g)) where = `placed in ${g.id}, which serves every area`;
      else if (servesLa(g, m.localAuthority)) where = `placed in ${g.id}, which serves ${laText([m])}`;
      else where = `placed in ${g.id}, which does not serve ${laText([m])}: distance penalty ${fmt(pen ?? 0)}`;
      const notes: string[] = [];
      const pin = pins.get(m.responseId);
      if (pin) notes.push(`pinned by ${pin.by}: ${pin.reason.trim()}`);
      const waiver = waivers.get(m.responseId);
      if (waiver && !ENDORSED.has(m.endorsement)) {
        notes.push(`endorsement ${m.endorsement} waived by ${waiver.by}: ${waiver.reason.trim()}`);
      }
      placed.push({
        responseId: m.responseId,
        group: g.id,
        why: `${scoreText(m)}; ${where}${partnersText(u, m)}${notes.map((n) => `; ${n}`).join("")}`,
      });
    }
  }

  // Why a unit that could be placed was not, in terms of the final state.
  const left = (g: AllocationGroup) => g.capacity - used.get(g.id)!;
  const describeGroups = (gs: readonly AllocationGroup[], need: number): string => {
    const parts = gs.slice(0, 4).map((g) =>
      left(g) <= 0 ? `${g.id} full` : `${g.id} has ${plural(left(g), "seat")} left, ${need} needed`,
    );
    if (gs.length > 4) parts.push(`${gs.length - 4} more`);
    return parts.join(", ");
  };
  const whyNotPlaced = (i: number): string => {
    const u = units[i]!;
    const need = u.members.length;
    const area = laText(u.members);
    const cost = classCost[u.cls]!;
    const allowed = groups.filter((_, g) => cost[g] !== null);
    if (allowed.length === 0) return `no group serves ${area}, and the hub places no one outside their area`;
    if (u.school !== "" && params.maxPerSchool !== null && (perSchool.get(u.school) ?? 0) >= params.maxPerSchool) {
      return (
        `its school (URN ${u.school}) already has ${plural(perSchool.get(u.school) ?? 0, "place")}, ` +
        `the most allowed per school`
      );
    }
    if (params.places !== null && params.places - placesUsed < need) {
      const taken = params.places === 1 ? "the 1 place is taken" : `all ${params.places} places are taken`;
      return placesUsed < params.places ? `${params.places - placesUsed} place left, ${need} needed` : taken;
    }
    if (implicit) return "its priority is not positive, so placing it would not raise the total";
    const local = allowed.filter((g) => cost[groups.indexOf(g)] === 0);
    const distant = allowed.filter((g) => cost[groups.indexOf(g)] !== 0);
    const parts: string[] = [];
    if (local.length === 0) parts.push(`no group serves ${area}`);
    else if (local.every((g) => left(g) < need)) parts.push(`no place left in a group serving ${area} (${describeGroups(local, need)})`);
    else return "its priority is not positive, so placing it would not raise the total";
    if (distant.length > 0) {
      const room = distant.filter((g) => left(g) >= need);
      if (room.length === 0) parts.push("groups elsewhere are full too");
      else {
        const penalty = (cost[groups.indexOf(room[0]!)]! / PRIORITY_SCALE);
        parts.push(
          `a seat in ${listIds(room.slice(0, 3).map((g) => g.id))}${room.length > 3 ? " or elsewhere" : ""} ` +
            `would cost the distance penalty ${fmt(penalty)}, not less than its priority ${fmt(u.pri / PRIORITY_SCALE)}`,
        );
      }
    }
    return parts.join("; ");
  };

  const waitlist: WaitlistEntry[] = [];
  const waitPos = new Map<string, number>();
  const unplacedUnits = units.map((_, i) => i).filter((i) => solved.groupOf[i]! < 0).sort(byPriority);
  unplacedUnits.forEach((i, p) => {
    const u = units[i]!;
    const reason = whyNotPlaced(i);
    for (const m of u.members) {
      waitPos.set(m.responseId, p + 1);
      waitlist.push({ responseId: m.responseId, position: p + 1, why: `${scoreText(m)}; ${reason}${partnersText(u, m)}` });
    }
  });

  const notConsidered = candidates
    .filter((c) => notConsideredWhy.has(c.responseId))
    .map((c) => ({ responseId: c.responseId, why: notConsideredWhy.get(c.responseId)! }));

  const placedGroup = new Map(placed.map((p) => [p.responseId, p.group]));
  const unitIndexOf = new Map<string, number>();
  units.forEach((u, i) => u.members.forEach((m) => unitIndexOf.set(m.responseId, i)));
  const infeasiblePins: AllocationResult["infeasiblePins"] = [];
  for (const [id] of pins) {
    if (placedGroup.has(id)) continue;
    let why: string;
    if (notConsideredWhy.has(id)) why = notConsideredWhy.get(id)!;
    else {
      const i = unitIndexOf.get(id)!;
      const unit = units[i]!;
      const cost = classCost[unit.cls]!;
      const rivals = placedUnits.filter((j) => units[j]!.pinned && cost[solved.groupOf[j]!] !== null).length;
      why =
        `No feasible placement: ${whyNotPlaced(i)}` +
        (rivals > 0 ? ` (${plural(rivals, "other pinned unit")} took seats it could use)` : "");
    }
    if (excludes.has(id)) why = `${why} (an exclusion wins over a pin)`;
    infeasiblePins.push({ responseId: id, why });
  }

  const overrides: AppliedOverride[] = accepted.map((o) => {
    const map = o.action === "pin" ? pins : o.action === "exclude" ? excludes : waivers;
    if (map.get(o.responseId) !== o) return { ...o, effect: "superseded by a later override of the same kind" };
    const g = placedGroup.get(o.responseId);
    const at = g === undefined ? "" : g === IMPLICIT_GROUP ? "placed" : `placed in ${g}`;
    const state =
      g !== undefined
        ? at
        : notConsideredWhy.has(o.responseId)
          ? `not considered: ${notConsideredWhy.get(o.responseId)}`
          : `waitlisted at position ${waitPos.get(o.responseId)}`;
    if (o.action === "exclude") return { ...o, effect: "excluded: never placed" };
    if (o.action === "pin") {
      const inf = infeasiblePins.find((p) => p.responseId === o.responseId);
      return { ...o, effect: inf ? `pin infeasible: ${inf.why}` : state };
    }
    const c = byId.get(o.responseId)!;
    if (ENDORSED.has(c.endorsement)) return { ...o, effect: `no effect: endorsement is ${c.endorsement}` };
    return { ...o, effect: `endorsement ${c.endorsement} waived; ${state}` };
  });

  const capacityUsed: AllocationResult["capacityUsed"] = {};
  for (const g of groups) {
    capacityUsed[g.id] = {
      used: used.get(g.id)!,
      capacity: implicit ? params.places : g.capacity,
    };
  }

  const sizes = [...new Set(units.map((u) => u.members.length))].sort((a, b) => a - b);
  const core = "min-cost flow (successive shortest paths, Dijkstra with potentials) with lexicographic costs (pins placed, total priority, tie-break)";
  const method = solved.uniform
    ? `Exact: ${core}; every unit takes ${plural(sizes[0] ?? 1, "seat")}, so the optimal flow places whole units; ` +
      `${plural(solved.augmentations, "augmenting path")}.`
    : `${solved.exact ? "Exact" : "Best found, NOT proven optimal (search budget spent)"}: branch and bound over ` +
      `${core} relaxations with Lagrangian bounds for schools with units of several sizes, as units take ` +
      `${sizes.join(" or ")} seats; ${plural(solved.nodes, "node")}, ${plural(solved.augmentations, "augmenting path")}.`;

  return {
    placed,
    waitlist,
    notConsidered,
    capacityUsed,
    placesUsed: { used: placesUsed, capacity: params.places },
    objective: Math.round(objective * PRIORITY_SCALE) / PRIORITY_SCALE,
    tieBreak:
      tieBreakRule(seed) +
      (solved.uniform
        ? ""
        : " (Units of mixed sizes: the search proves the best total priority and follows this " +
          "ranking among equal totals, keeping the first such allocation it finds.)"),
    infeasiblePins,
    overrides,
    rejectedOverrides,
    method,
    exact: solved.exact,
  };
}

/** Every sum the solver forms must stay an exact integer (below 2^53). */
function guardMagnitudes(units: readonly SolverUnit[], classCost: readonly (readonly (number | null)[])[]): void {
  const g = (a: number, b: number): number => (b ? g(b, a % b) : a);
  let lcm = 1;
  for (const size of new Set(units.map((u) => u.size))) lcm = (lcm * size) / g(lcm, size);
  let total = 0;
  for (const u of units) {
    let worst = 0;
    for (const c of classCost[u.cls]!) if (c !== null) worst = Math.max(worst, c);
    total += (Math.abs(u.pri) + worst + u.sec) * lcm;
  }
  // Potentials add a path's cost to a distance: keep a wide margin.
  if (total * 4 > Number.MAX_SAFE_INTEGER) {
    fail("priorities, tier weights or the distance penalty are too large to optimise exactly.");
  }
}
