// The optimizer against an exact ILP solver (javascript-lp-solver) on hundreds of random
// instances: same optimum, and never a broken constraint.
import {
  allocate,
  priorityOf,
  type AllocationCandidate,
  type AllocationParams,
  type AllocationResult,
  type Override,
} from "../../src/domain/allocation";
import type { EndorsementStatus, Verdict } from "../../src/domain/types";
import { seededRandom } from "../../emulator/demo/people";

const solver = require("javascript-lp-solver");

const rng = seededRandom;

const LAS = ["Leeds", "Bradford", "Wakefield", "Kirklees", "Calderdale"];
const TIERS = ["never-engaged", "priority-area", "lapsed"];

type Shape = "singles" | "pairs" | "mixed";

interface Instance {
  candidates: AllocationCandidate[];
  params: AllocationParams;
}

interface Options {
  pins?: boolean;
  /** Most units. */
  size?: number;
  /** Most groups and most seats per group. */
  groups?: number;
  seats?: number;
}

function instance(seed: number, shape: Shape, opts: Options = {}): Instance {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const nUnits = int(1, opts.size ?? 11);
  const nSchools = int(1, Math.max(1, nUnits - 1));
  const schools = Array.from({ length: nSchools }, (_, i) => ({ urn: String(100000 + i), la: pick(LAS) }));
  const candidates: AllocationCandidate[] = [];
  let id = 0;
  for (let u = 0; u < nUnits; u++) {
    const school = r() < 0.05 ? { urn: "", la: pick(LAS) } : pick(schools);
    const size = shape === "singles" ? 1 : shape === "pairs" ? 2 : r() < 0.4 ? 2 : 1;
    const unitKey = size === 2 ? `unit-${u}` : "";
    for (let k = 0; k < size; k++) {
      const verdict: Verdict = r() < 0.8 ? "ELIGIBLE" : pick(["REVIEW", "REVIEW", "INELIGIBLE", "INVALID"] as const);
      const endorsement: EndorsementStatus =
        r() < 0.85 ? pick(["Confirmed", "Not needed"] as const) : pick(["Requested", "Declined"] as const);
      candidates.push({
        responseId: `R${seed}-${id++}`,
        schoolUrn: school.urn,
        localAuthority: school.la,
        verdict,
        allocatable: r() < 0.93,
        // Coarse scores make equal priorities (ties) common.
        score: r() < 0.5 ? int(0, 10) * 10 : int(0, 200) / 2,
        tiers: TIERS.filter(() => r() < 0.3),
        endorsement,
        unitKey,
      });
    }
  }
  const nGroups = int(0, opts.groups ?? 4);
  const groups = Array.from({ length: nGroups }, (_, g) => ({
    id: `G${g}`,
    capacity: int(0, opts.seats ?? 6),
    localAuthorities: r() < 0.15 ? (r() < 0.5 ? [] : ["all"]) : LAS.filter(() => r() < 0.35),
  }));
  const overrides: Override[] = [];
  for (const c of candidates) {
    const x = r();
    if (x < 0.04) overrides.push({ responseId: c.responseId, action: "exclude", reason: "Lead's decision", by: "lead" });
    else if (x < 0.1 && !["Confirmed", "Not needed"].includes(c.endorsement)) {
      overrides.push({ responseId: c.responseId, action: "endorsement-waived", reason: "Head confirmed by phone", by: "lead" });
    } else if (opts.pins && x < 0.25) {
      overrides.push({ responseId: c.responseId, action: "pin", reason: "Hub commitment", by: "lead" });
    }
  }
  const params: AllocationParams = {
    places: r() < 0.4 ? null : int(0, Math.max(14, candidates.length)),
    groups,
    maxPerSchool: r() < 0.3 ? null : int(0, 2) || 1,
    tierWeights: { "never-engaged": pick([0, 25, 40]), "priority-area": pick([0, 20, 12.5]), lapsed: pick([0, -5, 7.25]) },
    distancePenalty: r() < 0.5 ? null : pick([0, 30, 150, 260, 1000]),
    seed: int(0, 1000),
    overrides,
  };
  return { candidates, params };
}

/** The test's own reading of who may be placed (kept independent of the implementation). */
function placeable(inst: Instance): AllocationCandidate[][] {
  const { candidates, params } = inst;
  const has = (id: string, action: Override["action"]) =>
    params.overrides.some((o) => o.responseId === id && o.action === action && o.reason.trim() !== "" && o.by.trim() !== "");
  const ok = (c: AllocationCandidate) =>
    c.allocatable &&
    (c.verdict === "ELIGIBLE" || c.verdict === "REVIEW") &&
    (c.endorsement === "Confirmed" || c.endorsement === "Not needed" || has(c.responseId, "endorsement-waived")) &&
    !has(c.responseId, "exclude");
  const units = new Map<string, AllocationCandidate[]>();
  for (const c of candidates) {
    const key = c.unitKey === "" ? `single:${c.responseId}` : `unit:${c.unitKey}`;
    units.set(key, [...(units.get(key) ?? []), c]);
  }
  return [...units.values()].filter((ms) => ms.every(ok) && new Set(ms.map((m) => m.schoolUrn)).size === 1);
}

function serves(las: readonly string[], la: string): boolean {
  const norm = las.map((x) => x.trim().toLowerCase());
  return norm.length === 0 || norm.includes("all") || norm.includes(la.trim().toLowerCase());
}

interface Ilp {
  model: Record<string, unknown>;
  vars: Map<string, { unit: number; group: string; weight: number; pinned: boolean }>;
}

/** The ILP of the allocation: binary x[unit][group]. */
function buildIlp(inst: Instance, pinStage?: { minPinned: number }): Ilp {
  const { params } = inst;
  const units = placeable(inst);
  const groups = params.groups.length > 0 ? params.groups : [{ id: "", capacity: params.places ?? 1e9, localAuthorities: [] }];
  const pinned = new Set(params.overrides.filter((o) => o.action === "pin").map((o) => o.responseId));
  const constraints: Record<string, { max?: number; min?: number }> = {};
  const variables: Record<string, Record<string, number>> = {};
  const binaries: Record<string, 1> = {};
  const vars: Ilp["vars"] = new Map();
  groups.forEach((g) => (constraints[`cap_${g.id}`] = { max: g.capacity }));
  if (params.places !== null) constraints.places = { max: params.places };
  units.forEach((members, u) => {
    constraints[`unit_${u}`] = { max: 1 };
    const school = members[0]!.schoolUrn;
    if (school !== "" && params.maxPerSchool !== null) constraints[`school_${school}`] = { max: params.maxPerSchool };
    for (const g of groups) {
      let weight = 0;
      let allowed = true;
      for (const m of members) {
        weight += priorityOf(m, params);
        if (!serves(g.localAuthorities, m.localAuthority)) {
          if (params.distancePenalty === null) allowed = false;
          else weight -= params.distancePenalty;
        }
      }
      if (!allowed) continue;
      const name = `x_${u}_${g.id}`;
      const isPinned = members.some((m) => pinned.has(m.responseId));
      const v: Record<string, number> = {
        obj: weight,
        pins: isPinned ? 1 : 0,
        [`unit_${u}`]: 1,
        [`cap_${g.id}`]: members.length,
      };
      if (params.places !== null) v.places = members.length;
      if (school !== "" && params.maxPerSchool !== null) v[`school_${school}`] = 1;
      variables[name] = v;
      binaries[name] = 1;
      vars.set(name, { unit: u, group: g.id, weight, pinned: isPinned });
    }
  });
  if (pinStage) constraints.pins = { min: pinStage.minPinned };
  return { model: { optimize: pinStage ? "obj" : "pins", opType: "max", constraints, variables, binaries }, vars };
}

function solveIlp(model: Record<string, unknown>): { feasible: boolean; result: number } {
  const res = solver.Solve(model);
  return { feasible: res.feasible, result: res.result ?? 0 };
}

/** Pins first, then priority: the optimizer's lexicographic objective, as two ILPs. */
function ilpOptimum(inst: Instance): { pins: number; objective: number } {
  const stage1 = buildIlp(inst);
  const pins = stage1.vars.size === 0 ? 0 : Math.round(solveIlp(stage1.model).result) + 0;
  const stage2 = buildIlp(inst, { minPinned: pins });
  const res = solveIlp(stage2.model);
  expect(res.feasible).toBe(true);
  return { pins, objective: stage2.vars.size === 0 ? 0 : res.result };
}

/** Every constraint, checked from the result alone. */
function checkFeasible(inst: Instance, res: AllocationResult): void {
  const { candidates, params } = inst;
  const byId = new Map(candidates.map((c) => [c.responseId, c]));
  const units = placeable(inst);
  const placeableIds = new Set(units.flat().map((c) => c.responseId));
  // Every candidate appears exactly once.
  const seen = [...res.placed, ...res.waitlist, ...res.notConsidered].map((x) => x.responseId);
  expect(seen.slice().sort()).toEqual(candidates.map((c) => c.responseId).sort());
  // Only placeable ones are placed or waitlisted.
  for (const p of [...res.placed, ...res.waitlist]) expect(placeableIds.has(p.responseId)).toBe(true);
  for (const n of res.notConsidered) expect(placeableIds.has(n.responseId)).toBe(false);
  const groupOf = new Map(res.placed.map((p) => [p.responseId, p.group]));
  const groups = params.groups.length > 0 ? params.groups : [{ id: "", capacity: params.places ?? Infinity, localAuthorities: [] }];
  let total = 0;
  let objective = 0;
  const perSchool = new Map<string, number>();
  for (const members of units) {
    const gs = new Set(members.map((m) => groupOf.get(m.responseId)));
    expect(gs.size).toBe(1); // together or not at all
    const g = [...gs][0];
    if (g === undefined) continue;
    const group = groups.find((x) => x.id === g)!;
    total += members.length;
    const s = members[0]!.schoolUrn;
    if (s !== "") perSchool.set(s, (perSchool.get(s) ?? 0) + 1);
    for (const m of members) {
      objective += priorityOf(m, params);
      if (!serves(group.localAuthorities, m.localAuthority)) {
        expect(params.distancePenalty).not.toBeNull();
        objective -= params.distancePenalty!;
      }
    }
  }
  for (const g of groups) {
    const used = res.placed.filter((p) => p.group === g.id).length;
    expect(used).toBeLessThanOrEqual(g.capacity);
    expect(res.capacityUsed[g.id]!.used).toBe(used);
  }
  if (params.places !== null) expect(total).toBeLessThanOrEqual(params.places);
  if (params.maxPerSchool !== null) for (const n of perSchool.values()) expect(n).toBeLessThanOrEqual(params.maxPerSchool);
  expect(res.objective).toBeCloseTo(objective, 6);
  for (const p of res.placed) expect(byId.has(p.responseId)).toBe(true);
  // The waitlist is ordered by unit priority, positions ascending from 1.
  const positions = [...new Set(res.waitlist.map((w) => w.position))];
  expect(positions).toEqual(positions.map((_, i) => i + 1));
}

const SHAPES: Shape[] = ["singles", "pairs", "mixed"];
const PER_SHAPE = 150;

describe("allocate matches an exact ILP solver", () => {
  const counts = { instances: 0, nonEmpty: 0, branched: 0, maxNodes: 0 };
  const noteMethod = (res: AllocationResult) => {
    const nodes = Number(/(\d+) nodes?/.exec(res.method)?.[1] ?? 1);
    if (nodes > 1) counts.branched++;
    counts.maxNodes = Math.max(counts.maxNodes, nodes);
  };

  for (const shape of SHAPES) {
    it(`on ${PER_SHAPE} random ${shape} instances`, () => {
      for (let k = 0; k < PER_SHAPE; k++) {
        const seed = 1000 * (SHAPES.indexOf(shape) + 1) + k;
        const inst = instance(seed, shape, { size: k % 2 === 0 ? 10 : 24 });
        const res = allocate(inst.candidates, inst.params);
        const ilp = ilpOptimum(inst);
        try {
          expect(res.exact).toBe(true);
          expect(res.objective).toBeCloseTo(ilp.objective, 6);
          checkFeasible(inst, res);
        } catch (e) {
          throw new Error(`instance ${seed} (${shape}): ${(e as Error).message}\n${res.method}`, { cause: e });
        }
        counts.instances++;
        noteMethod(res);
        if (res.placed.length > 0) counts.nonEmpty++;
      }
    });
  }

  it("on 60 larger mixed instances (up to 30 units of 1 or 2, up to 4 groups)", () => {
    for (let k = 0; k < 60; k++) {
      const seed = 7000 + k;
      const inst = instance(seed, "mixed", { size: 30 });
      const res = allocate(inst.candidates, inst.params);
      const ilp = ilpOptimum(inst);
      try {
        expect(res.exact).toBe(true);
        expect(res.objective).toBeCloseTo(ilp.objective, 6);
        checkFeasible(inst, res);
      } catch (e) {
        throw new Error(`instance ${seed} (mixed, large): ${(e as Error).message}\n${res.method}`, { cause: e });
      }
      counts.instances++;
      noteMethod(res);
      if (res.placed.length > 0) counts.nonEmpty++;
    }
  });

  it("on 40 hub-sized mixed instances (up to 70 units of 1 or 2, up to 6 groups of up to 16 seats)", () => {
    for (let k = 0; k < 40; k++) {
      const seed = 8000 + k;
      const inst = instance(seed, "mixed", { size: 70, groups: 6, seats: 16 });
      const res = allocate(inst.candidates, inst.params);
      const ilp = ilpOptimum(inst);
      try {
        expect(res.exact).toBe(true);
        expect(res.objective).toBeCloseTo(ilp.objective, 6);
        checkFeasible(inst, res);
      } catch (e) {
        throw new Error(`instance ${seed} (mixed, hub-sized): ${(e as Error).message}\n${res.method}`, { cause: e });
      }
      counts.instances++;
      noteMethod(res);
      if (res.placed.length > 0) counts.nonEmpty++;
    }
  });

  it(`with pins: places the most pinned units, then the best priority (${PER_SHAPE} instances)`, () => {
    for (let k = 0; k < PER_SHAPE; k++) {
      const seed = 9000 + k;
      const inst = instance(seed, SHAPES[k % 3]!, { pins: true });
      const res = allocate(inst.candidates, inst.params);
      const ilp = ilpOptimum(inst);
      const pinnedIds = new Set(inst.params.overrides.filter((o) => o.action === "pin").map((o) => o.responseId));
      const units = placeable(inst);
      const placedIds = new Set(res.placed.map((p) => p.responseId));
      const pinnedPlaced = units.filter((ms) => ms.some((m) => pinnedIds.has(m.responseId)) && placedIds.has(ms[0]!.responseId)).length;
      try {
        expect(pinnedPlaced).toBe(ilp.pins);
        expect(res.objective).toBeCloseTo(ilp.objective, 6);
        checkFeasible(inst, res);
        // Every pin is either placed or reported infeasible with a reason.
        for (const id of pinnedIds) {
          const reported = res.infeasiblePins.find((p) => p.responseId === id);
          expect(placedIds.has(id) !== (reported !== undefined)).toBe(true);
          if (reported) expect(reported.why.length).toBeGreaterThan(10);
        }
      } catch (e) {
        throw new Error(`instance ${seed}: ${(e as Error).message}\n${res.method}`, { cause: e });
      }
      counts.instances++;
      noteMethod(res);
    }
  });

  afterAll(() => {
    console.log(
      `allocation: ${counts.instances} random instances matched javascript-lp-solver's optimum ` +
        `(${counts.nonEmpty} without pins placed someone; ${counts.branched} needed branch and bound, ` +
        `at most ${counts.maxNodes} nodes)`,
    );
  });
});
