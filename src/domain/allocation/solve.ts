// The exact core: place units in groups to maximise, lexicographically,
//   (pinned units placed, total priority, tie-break value),
// subject to group seats, total places, the per-school limit (in units) and the areas groups
// serve. A unit of k applications takes k seats in ONE group, or none.
//
// Seat network (flow in seats; every value is scaled by L = lcm of the unit sizes, so a seat of
// a unit of size k carries L/k of the unit's value, an integer):
//   source → school (seats of its M largest units) → unit (k seats)
//          → area class σ (the units whose members' local authorities are the same multiset)
//          → [size-k slot of group g, for k > 1] → group g (cost: the distance penalty of σ's
//            members g does not serve) → places → sink.
// Area classes replace dense unit × group arcs with σ × group arcs: a thousand units and fifty
// groups give a few thousand arcs.
//
// Uniform sizes. When every unit has the same size k, capacities are rounded down to multiples
// of k, every augmenting path then carries k seats and the optimal flow moves whole units: one
// min-cost flow is the exact optimum (network matrices are totally unimodular).
//
// Mixed sizes (pairs and singles in one programme) make the problem NP-hard in general (it
// contains restricted assignment with job sizes 1 and 2), so the seat flow becomes the
// relaxation of a depth-first branch and bound:
// - Relaxation. The seat flow is the linear-programming relaxation of the allocation ILP except
//   at schools whose units have mixed sizes, where seats cannot count units (a pair is one unit
//   but two seats). Those schools get, besides per-size caps, Lagrangian multipliers: a cost λ
//   per unit placed from the school (λ·L/k per seat), λ·M given back in the bound. Any λ ≥ 0
//   gives a valid bound; a few subgradient (Polyak) steps per node move it towards the LP bound.
// - Exact evaluation for fixed slots. If the number p(g,k) of size-k units each group takes is
//   fixed, the rest is an ordinary unit flow (one unit of flow per unit, so the per-school limit
//   is exact): units of size k → slot (g,k) with capacity p(g,k); singles → group g with
//   capacity c(g) − Σ k·p(g,k); singles' places P − Σ k·p(g,k). Its optimum is the best solution
//   with those slots. Every node evaluates the slots its relaxation rounds down to (and those the
//   result actually used), which gives strong feasible solutions (incumbents).
// - Branching. A relaxed solution is resolved when every slot flow is a multiple of its size,
//   every mixed school takes whole numbers of units of each size within its limit and every unit
//   carries all or none of its seats: then the exact evaluation of those slots reaches the
//   relaxed value (its network holds the relaxed solution as a fractional flow, and network
//   optima are integral). Otherwise it branches on the first violation:
//     slot (g,k) carries q seats, q mod k ≠ 0:   q ≤ k⌊q/k⌋  |  q ≥ k⌈q/k⌉ (a lower bound);
//     mixed school takes n units of size k > 1,
//       n fractional:                             ≤ ⌊n⌋  |  ≥ ⌈n⌉;
//       n whole but the school is over its limit: ≤ n−1  |  ≥ n (leaves other sizes M − n);
//     unit u carries 0 < f < k seats:            u out  |  u in (all k seats).
//   Every branch strictly narrows an integer bound and cuts off the relaxed solution, so the
//   search ends. Lower bounds are met through a leading "must" cost component, so a node is
//   infeasible exactly when its relaxation cannot meet them.
// - Bounding. A node is cut when its bound cannot beat the best solution found in (pins,
//   priority); priorities of solutions are multiples of D (L × the gcd of all unit values and
//   distance costs), so bound < best + D suffices. With mixed sizes the tie-break component is
//   therefore followed, not proven: among allocations of equal priority the search keeps the
//   first it finds.
// - Warm starts. Each node starts from its parent's optimal flow and multipliers and only
//   repairs the capacities and costs that changed (LexFlow is warm-startable); the exact
//   evaluation network is likewise re-optimised from its previous state.
// - Budget. The search stops after a deterministic amount of work (arcs scanned); it then
//   returns the best solution found and says it is not proven optimal.
import { INF_CAP, LexFlow, type FlowState } from "./flow";

export interface SolverUnit {
  /** School index, or −1 for "no school" (no per-school limit). */
  school: number;
  /** Seats taken (number of applications). */
  size: number;
  /** Area class (all units of a class have the same size). */
  cls: number;
  /** 1 when pinned. */
  pin: number;
  /** Priority in integer units (PRIORITY_SCALE). */
  pri: number;
  /** Tie-break value (> 0; larger is preferred). */
  sec: number;
}

export interface SolverInput {
  units: readonly SolverUnit[];
  schools: number;
  /** [class][group]: the integer distance cost of placing a unit of the class there; null: not allowed. */
  classCost: readonly (readonly (number | null)[])[];
  groupCap: readonly number[];
  places: number | null;
  maxPerSchool: number | null;
  /** Branch-and-bound budget in arcs scanned (mixed unit sizes only); default 2·10^8 (a few seconds). */
  workLimit?: number;
}

export interface SolverOutput {
  /** Group index per unit, −1 when not placed. */
  groupOf: Int32Array;
  nodes: number;
  augmentations: number;
  exact: boolean;
  uniform: boolean;
}

type Vec = [number, number, number];

function lexCmp(a: Vec, b: Vec): number {
  for (let j = 0; j < 3; j++) if (a[j] !== b[j]) return a[j]! < b[j]! ? -1 : 1;
  return 0;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

interface BranchNode {
  /** Per unit: 0 free, 1 in (placed somewhere), −1 out. */
  status: Int8Array;
  /** Slot key g * B + b → bounds in seats. */
  ub: Map<number, number>;
  lb: Map<number, number>;
  /** School-size key s * (L + 1) + k → bounds on the number of units of size k (mixed schools). */
  hi: Map<number, number>;
  lo: Map<number, number>;
}

interface Relaxation {
  feasible: boolean;
  value: Vec;
  unitFlow: Float64Array;
  /** [g * B + b] seats of size bigSizes[b] in group g. */
  slotFlow: Float64Array;
  /** [c * G + g] seats. */
  classFlow: Float64Array;
  /** Seats the node's lower bounds demand. */
  must: number;
}

const ZERO = [0, 0, 0, 0] as const;

/** Branch-and-bound budget in arcs scanned: a few seconds on a laptop. */
export const DEFAULT_WORK_LIMIT = 6e7;

export function solveAllocation(input: SolverInput): SolverOutput {
  const { units, classCost, groupCap } = input;
  const U = units.length;
  const G = groupCap.length;
  const C = classCost.length;
  const classSize = new Array<number>(C).fill(1);
  for (const u of units) classSize[u.cls] = u.size;
  const sizes = [...new Set(units.map((u) => u.size))].sort((a, b) => a - b);
  const uniform = sizes.length <= 1;
  // Sizes that get slots when sizes are mixed: all but 1 (singles fill what is left).
  const bigSizes = uniform ? [] : sizes.filter((k) => k > 1);
  const B = bigSizes.length;
  const slotOfSize = new Map(bigSizes.map((k, b) => [k, b]));
  const L = sizes.reduce((a, b) => (a * b) / gcd(a, b), 1);
  const maxM = input.maxPerSchool;
  const totalSeats = units.reduce((a, u) => a + u.size, 0);

  // Capacities rounded down to the seats the units that can reach them can fill exactly.
  const capOf = groupCap.map((cap, g) => {
    let d = 0;
    for (let c = 0; c < C; c++) if (classCost[c]![g] !== null) d = gcd(d, classSize[c]!);
    return d === 0 ? 0 : Math.floor(Math.min(cap, totalSeats) / d) * d;
  });
  const allGcd = sizes.reduce((a, b) => gcd(a, b), 0) || 1;
  const placesCap = Math.floor(Math.min(input.places ?? totalSeats, totalSeats) / allGcd) * allGcd;

  const unitsOfSchool: number[][] = Array.from({ length: input.schools }, () => []);
  units.forEach((u, i) => {
    if (u.school >= 0) unitsOfSchool[u.school]!.push(i);
  });

  /** Σ values of a solution, ×L (the relaxation's units). */
  function valueOf(groupOf: Int32Array): Vec {
    const v: Vec = [0, 0, 0];
    for (let i = 0; i < U; i++) {
      const g = groupOf[i]!;
      if (g < 0) continue;
      const u = units[i]!;
      v[0] += u.pin * L;
      v[1] += (u.pri - classCost[u.cls]![g]!) * L;
      v[2] += u.sec * L;
    }
    return v;
  }

  /** Units of each class handed to groups as the class flows say (whole units). */
  function assign(placedUnit: (i: number) => boolean, unitsIn: (c: number, g: number) => number): Int32Array {
    const groupOf = new Int32Array(U).fill(-1);
    const left = new Float64Array(C * G);
    for (let c = 0; c < C; c++) for (let g = 0; g < G; g++) left[c * G + g] = unitsIn(c, g);
    const gPtr = new Int32Array(C);
    for (let i = 0; i < U; i++) {
      if (!placedUnit(i)) continue;
      const c = units[i]!.cls;
      let g = gPtr[c]!;
      while (g < G && left[c * G + g]! <= 0) g++;
      gPtr[c] = g;
      if (g >= G) continue;
      left[c * G + g] = left[c * G + g]! - 1;
      groupOf[i] = g;
    }
    return groupOf;
  }

  // ---- The relaxation network (seats), built once; nodes change capacities only.
  const R = (() => {
    const S = 0;
    const T = 1;
    const P = 2;
    const school0 = 3;
    let next = school0 + input.schools + 1;
    // Per school and size, a node capping the units of that size (mixed sizes only).
    const sizeNode = new Map<number, number>();
    if (!uniform && maxM !== null) {
      for (let s = 0; s < input.schools; s++) {
        for (const k of new Set(unitsOfSchool[s]!.map((i) => units[i]!.size))) sizeNode.set(s * (L + 1) + k, next++);
      }
    }
    const unit0 = next;
    const class0 = unit0 + U;
    const slot0 = class0 + C;
    const group0 = slot0 + G * B;
    const net = new LexFlow(group0 + G);
    net.addEdge(S, T, INF_CAP, ZERO); // bypass: supply not worth placing
    const schoolArc = Array.from({ length: input.schools }, (_, s) => net.addEdge(S, school0 + s, 0, ZERO));
    net.addEdge(S, school0 + input.schools, INF_CAP, ZERO);
    const sizeArcs: Array<{ s: number; k: number; e: number; must: number }> = [];
    for (const [key, v] of sizeNode) {
      const s = Math.floor(key / (L + 1));
      const k = key % (L + 1);
      const must = net.addEdge(school0 + s, v, 0, [-1, 0, 0, 0]);
      sizeArcs.push({ s, k, e: net.addEdge(school0 + s, v, 0, ZERO), must });
    }
    const mustArc = new Int32Array(U);
    const freeArc = new Int32Array(U);
    const unitArc = new Int32Array(U);
    units.forEach((u, i) => {
      const src = u.school < 0 ? school0 + input.schools : (sizeNode.get(u.school * (L + 1) + u.size) ?? school0 + u.school);
      const m = L / u.size;
      mustArc[i] = net.addEdge(src, unit0 + i, 0, [-1, 0, 0, 0]);
      freeArc[i] = net.addEdge(src, unit0 + i, 0, ZERO);
      unitArc[i] = net.addEdge(unit0 + i, class0 + u.cls, u.size, [0, -u.pin * m, -u.pri * m, -u.sec * m]);
    });
    const classArc = new Int32Array(C * G).fill(-1);
    const perSeatCost = new Float64Array(C * G);
    for (let c = 0; c < C; c++) {
      const k = classSize[c]!;
      const b = slotOfSize.get(k);
      for (let g = 0; g < G; g++) {
        const cost = classCost[c]![g];
        if (cost === null || cost === undefined) continue;
        perSeatCost[c * G + g] = cost * (L / k);
        const target = b === undefined ? group0 + g : slot0 + g * B + b;
        classArc[c * G + g] = net.addEdge(class0 + c, target, INF_CAP, [0, 0, cost * (L / k), 0]);
      }
    }
    const slotMust = new Int32Array(G * B);
    const slotRest = new Int32Array(G * B);
    for (let j = 0; j < G * B; j++) {
      const g = Math.floor(j / B);
      slotMust[j] = net.addEdge(slot0 + j, group0 + g, 0, [-1, 0, 0, 0]);
      slotRest[j] = net.addEdge(slot0 + j, group0 + g, 0, ZERO);
    }
    for (let g = 0; g < G; g++) net.addEdge(group0 + g, P, capOf[g]!, ZERO);
    net.addEdge(P, T, placesCap, ZERO);
    const sizeArcsOf = Array.from({ length: input.schools }, (_, s) => sizeArcs.filter((a) => a.s === s));
    return { net, S, T, schoolArc, sizeArcs, sizeArcsOf, mustArc, freeArc, unitArc, classArc, perSeatCost, slotMust, slotRest };
  })();

  /** Sets the node's capacities; returns the seats lower bounds demand, or −1 if infeasible. */
  function applyNode(node: BranchNode): number {
    const { net } = R;
    let must = 0;
    for (let s = 0; s < input.schools; s++) {
      let cap = INF_CAP;
      if (maxM !== null) {
        let inCount = 0;
        let inSeats = 0;
        const free: number[] = [];
        for (const i of unitsOfSchool[s]!) {
          if (node.status[i] === 1) {
            inCount++;
            inSeats += units[i]!.size;
          } else if (node.status[i] === 0) free.push(units[i]!.size);
        }
        if (inCount > maxM) return -1;
        free.sort((a, b) => b - a);
        cap = inSeats + free.slice(0, maxM - inCount).reduce((a, b) => a + b, 0);
      }
      net.setCapacity(R.schoolArc[s]!, cap);
    }
    for (const { s, k, e, must: mustE } of R.sizeArcs) {
      // No more units of size k than the limit leaves room for, nor than the node allows;
      // at least as many as the node demands.
      let inCount = 0;
      let inK = 0;
      let freeK = 0;
      for (const i of unitsOfSchool[s]!) {
        if (node.status[i] === 1) inCount++;
        if (units[i]!.size !== k) continue;
        if (node.status[i] === 1) inK++;
        else if (node.status[i] === 0) freeK++;
      }
      let othersLo = 0;
      for (const k2 of sizes) if (k2 !== k) othersLo += node.lo.get(s * (L + 1) + k2) ?? 0;
      const lo = node.lo.get(s * (L + 1) + k) ?? 0;
      const n = Math.min(node.hi.get(s * (L + 1) + k) ?? INF_CAP, inK + Math.min(freeK, maxM! - inCount), maxM! - othersLo);
      if (n < lo || n < inK) return -1;
      net.setCapacity(mustE, k * lo);
      net.setCapacity(e, k * (n - lo));
      must += k * lo;
    }
    for (let i = 0; i < U; i++) {
      const st = node.status[i]!;
      const k = units[i]!.size;
      net.setCapacity(R.mustArc[i]!, st === 1 ? k : 0);
      net.setCapacity(R.freeArc[i]!, st === 0 ? k : 0);
      if (st === 1) must += k;
    }
    for (let j = 0; j < G * B; j++) {
      const g = Math.floor(j / B);
      const ub = Math.min(node.ub.get(j) ?? INF_CAP, capOf[g]!);
      const lb = node.lb.get(j) ?? 0;
      if (lb > ub) return -1;
      net.setCapacity(R.slotMust[j]!, lb);
      net.setCapacity(R.slotRest[j]!, ub - lb);
      must += lb;
    }
    return must;
  }

  const fail: Relaxation = {
    feasible: false,
    value: [0, 0, 0],
    unitFlow: new Float64Array(U),
    slotFlow: new Float64Array(G * B),
    classFlow: new Float64Array(C * G),
    must: 0,
  };

  /** The node's relaxation, re-optimised from its parent's flow. */
  function relax(node: BranchNode, from: FlowState | null): Relaxation {
    const { net } = R;
    if (from) net.restore(from);
    const must = applyNode(node);
    if (must < 0) return fail;
    if (!from) {
      net.supply(R.S, totalSeats + 1);
      net.supply(R.T, -(totalSeats + 1));
    }
    net.settle();
    return readRelaxation(must);
  }

  /** The relaxed solution now in the network (fail when it cannot meet the lower bounds). */
  function readRelaxation(must: number): Relaxation {
    const { net } = R;
    let met = 0;
    for (let i = 0; i < U; i++) met += net.flow(R.mustArc[i]!);
    for (let j = 0; j < G * B; j++) met += net.flow(R.slotMust[j]!);
    for (const a of R.sizeArcs) met += net.flow(a.must);
    if (met < must) return fail;

    const unitFlow = new Float64Array(U);
    const value: Vec = [0, 0, 0];
    for (let i = 0; i < U; i++) {
      const f = net.flow(R.unitArc[i]!);
      unitFlow[i] = f;
      if (f === 0) continue;
      const u = units[i]!;
      const m = L / u.size;
      value[0] += f * m * u.pin;
      value[1] += f * m * u.pri;
      value[2] += f * m * u.sec;
    }
    const classFlow = new Float64Array(C * G);
    for (let key = 0; key < C * G; key++) {
      if (R.classArc[key]! < 0) continue;
      const f = net.flow(R.classArc[key]!);
      classFlow[key] = f;
      value[1] -= f * R.perSeatCost[key]!;
    }
    const slotFlow = new Float64Array(G * B);
    for (let j = 0; j < G * B; j++) slotFlow[j] = net.flow(R.slotMust[j]!) + net.flow(R.slotRest[j]!);
    return { feasible: true, value, unitFlow, slotFlow, classFlow, must };
  }

  // ---- Exact evaluation for fixed slots (mixed sizes), built on first use, warm thereafter.
  let E: ReturnType<typeof buildEvaluation> | null = null;
  function buildEvaluation() {
    const S = 0;
    const T = 1;
    const PS = 2;
    const school0 = 3;
    const unit0 = school0 + input.schools + 1;
    const class0 = unit0 + U;
    const slot0 = class0 + C;
    const single0 = slot0 + G * B;
    const net = new LexFlow(single0 + G);
    net.addEdge(S, T, INF_CAP, ZERO);
    for (let s = 0; s < input.schools; s++) net.addEdge(S, school0 + s, maxM ?? INF_CAP, ZERO);
    net.addEdge(S, school0 + input.schools, INF_CAP, ZERO);
    const unitArc = new Int32Array(U);
    units.forEach((u, i) => {
      net.addEdge(school0 + (u.school >= 0 ? u.school : input.schools), unit0 + i, 1, ZERO);
      unitArc[i] = net.addEdge(unit0 + i, class0 + u.cls, 1, [0, -u.pin, -u.pri, -u.sec]);
    });
    const classArc = new Int32Array(C * G).fill(-1);
    for (let c = 0; c < C; c++) {
      const b = slotOfSize.get(classSize[c]!);
      for (let g = 0; g < G; g++) {
        const cost = classCost[c]![g];
        if (cost === null || cost === undefined) continue;
        const target = b === undefined ? single0 + g : slot0 + g * B + b;
        classArc[c * G + g] = net.addEdge(class0 + c, target, INF_CAP, [0, 0, cost, 0]);
      }
    }
    const slotArc = Array.from({ length: G * B }, (_, j) => net.addEdge(slot0 + j, T, 0, ZERO));
    const singleArc = Array.from({ length: G }, (_, g) => net.addEdge(single0 + g, PS, 0, ZERO));
    const placesArc = net.addEdge(PS, T, 0, ZERO);
    net.supply(S, U + 1);
    net.supply(T, -(U + 1));
    return { net, unitArc, classArc, slotArc, singleArc, placesArc };
  }

  /** The best solution in which group g takes at most p[g * B + b] units of size bigSizes[b]. */
  function evaluate(p: ArrayLike<number>): Int32Array | null {
    let slotSeats = 0;
    for (let j = 0; j < G * B; j++) slotSeats += bigSizes[j % B]! * p[j]!;
    const singleCap = groupCap.map((cap, g) => {
      let c = Math.min(cap, totalSeats);
      for (let b = 0; b < B; b++) c -= bigSizes[b]! * p[g * B + b]!;
      return c;
    });
    if (singleCap.some((c) => c < 0)) return null;
    const placesLeft = (input.places === null ? totalSeats : Math.min(input.places, totalSeats)) - slotSeats;
    if (placesLeft < 0) return null;
    if (E === null) E = buildEvaluation();
    const ev = E;
    for (let j = 0; j < G * B; j++) ev.net.setCapacity(ev.slotArc[j]!, p[j]!);
    for (let g = 0; g < G; g++) ev.net.setCapacity(ev.singleArc[g]!, singleCap[g]!);
    ev.net.setCapacity(ev.placesArc, placesLeft);
    ev.net.settle();
    return assign(
      (i) => ev.net.flow(ev.unitArc[i]!) > 0,
      (c, g) => (ev.classArc[c * G + g]! >= 0 ? ev.net.flow(ev.classArc[c * G + g]!) : 0),
    );
  }

  type Branching = { kind: "branch"; first: BranchNode; second: BranchNode } | { kind: "resolved" };

  function branchesOf(node: BranchNode, rel: Relaxation): Branching {
    const withBound = (which: "ub" | "lb" | "hi" | "lo", key: number, seats: number): BranchNode => {
      const next: BranchNode = { ...node };
      const map = new Map(node[which]);
      map.set(key, seats);
      next[which] = map;
      return next;
    };
    const withStatus = (i: number, st: 1 | -1): BranchNode => {
      const status = node.status.slice();
      status[i] = st;
      return { ...node, status };
    };
    const branch = (a: BranchNode, b: BranchNode): Branching => ({ kind: "branch", first: a, second: b });
    for (let j = 0; j < G * B; j++) {
      const q = rel.slotFlow[j]!;
      const k = bigSizes[j % B]!;
      const r = q % k;
      if (r === 0) continue;
      const down = withBound("ub", j, q - r);
      const up = withBound("lb", j, q - r + k);
      return 2 * r >= k ? branch(up, down) : branch(down, up);
    }
    // Schools whose units have mixed sizes: seat caps cannot count units, so branch on how many
    // units of each larger size the school takes (whole numbers, within the limit).
    // (Schools of one size need not: their seat cap is k times the limit.)
    if (maxM !== null) {
      for (let s = 0; s < input.schools; s++) {
        const arcs = R.sizeArcsOf[s]!;
        if (arcs.length < 2) continue;
        let count = 0;
        for (const a of arcs) count += (R.net.flow(a.e) + R.net.flow(a.must)) / a.k;
        for (const a of arcs) {
          if (a.k === 1) continue;
          const n = (R.net.flow(a.e) + R.net.flow(a.must)) / a.k;
          const key = s * (L + 1) + a.k;
          if (n !== Math.floor(n)) {
            const down = withBound("hi", key, Math.floor(n));
            const up = withBound("lo", key, Math.ceil(n));
            return n - Math.floor(n) >= 0.5 ? branch(up, down) : branch(down, up);
          }
          if (count > maxM && n > (node.lo.get(key) ?? 0)) {
            // Fewer of them (cuts their seats) | at least that many (cuts the other sizes' room;
            // some size is above its lower bound, or the caps would keep the count within M).
            return branch(withBound("hi", key, n - 1), withBound("lo", key, n));
          }
        }
      }
    }
    for (let i = 0; i < U; i++) {
      const f = rel.unitFlow[i]!;
      const k = units[i]!.size;
      if (f > 0 && f < k) {
        const inn = withStatus(i, 1);
        const out = withStatus(i, -1);
        return 2 * f >= k ? branch(inn, out) : branch(out, inn);
      }
    }
    return { kind: "resolved" };
  }

  const workLimit = input.workLimit ?? DEFAULT_WORK_LIMIT;
  let best: Int32Array = new Int32Array(U).fill(-1);
  let bestValue: Vec = [0, 0, 0];
  let nodes = 0;
  let exact = true;
  const offer = (groupOf: Int32Array | null) => {
    if (groupOf === null) return;
    const v = valueOf(groupOf);
    if (lexCmp(v, bestValue) > 0) {
      best = groupOf;
      bestValue = v;
    }
  };
  const slotsOf = (rel: Relaxation, round: (x: number) => number) =>
    Array.from(rel.slotFlow, (q, j) => round(q / bigSizes[j % B]!));
  const usedSlots = (groupOf: Int32Array) => {
    const p = new Array<number>(G * B).fill(0);
    groupOf.forEach((g, i) => {
      const b = slotOfSize.get(units[i]!.size);
      if (g >= 0 && b !== undefined) p[g * B + b] = p[g * B + b]! + 1;
    });
    return p;
  };
  const evalNet = (): LexFlow | null => (E ? E.net : null);
  const workDone = () => R.net.work + (evalNet()?.work ?? 0);

  // Mixed sizes: the relaxation proves the primary objective (pins, then priority); ties in
  // priority follow the tie-break costs of the flows but are not proven lexicographically best.
  // The priority of every solution is a multiple of D (L times the gcd of all unit values and
  // distance costs), so a bound below best + D cannot be beaten.
  let D = 0;
  for (const u of units) D = gcd(D, Math.abs(u.pri));
  for (const row of classCost) for (const c of row) if (c !== null) D = gcd(D, Math.abs(c));
  D = (D || 1) * L;
  const cannotBeat = (bound: Vec): boolean =>
    uniform
      ? lexCmp(bound, bestValue) <= 0
      : bound[0] < bestValue[0] || (bound[0] === bestValue[0] && Math.floor(bound[1] / D) * D <= bestValue[1]);

  // Lagrangian multipliers for the per-school limit of schools whose units have mixed sizes
  // (the seat network cannot count their units): a cost of λ per unit placed from the school,
  // λ·M given back. Any λ ≥ 0 keeps the bound valid; subgradient steps tighten it towards the
  // linear-programming bound.
  const mixedSchools =
    maxM === null || uniform ? [] : [...Array(input.schools).keys()].filter((s) => R.sizeArcsOf[s]!.length >= 2);
  const lambda = new Float64Array(input.schools);
  const setLambda = (s: number, value: number) => {
    lambda[s] = value;
    for (const i of unitsOfSchool[s]!) {
      const perSeat = value * (L / units[i]!.size);
      R.net.setCost(R.mustArc[i]!, [-1, 0, perSeat, 0]);
      R.net.setCost(R.freeArc[i]!, [0, 0, perSeat, 0]);
    }
  };
  const unitsTimesL = (s: number) => {
    let n = 0;
    for (const a of R.sizeArcsOf[s]!) n += (R.net.flow(a.e) + R.net.flow(a.must)) * (L / a.k);
    return n;
  };
  const boundOf = (rel: Relaxation): Vec => {
    let pri = rel.value[1];
    for (const s of mixedSchools) if (lambda[s]! > 0) pri += lambda[s]! * (L * maxM! - unitsTimesL(s));
    return [rel.value[0], pri, rel.value[2]];
  };
  const minVec = (a: Vec, b: Vec): Vec => (lexCmp(a, b) <= 0 ? a : b);

  const stack: Array<{ node: BranchNode; from: FlowState | null; lambda: Float64Array | null }> = [
    {
      node: { status: new Int8Array(U), ub: new Map(), lb: new Map(), hi: new Map(), lo: new Map() },
      from: null,
      lambda: null,
    },
  ];
  while (stack.length > 0) {
    if (workDone() > workLimit) {
      exact = false;
      break;
    }
    const entry = stack.pop()!;
    const { node } = entry;
    nodes++;
    if (entry.lambda) lambda.set(entry.lambda); // the costs come back with the flow state
    let rel = relax(node, entry.from);
    if (!rel.feasible) continue;
    let bound = boundOf(rel);

    // Subgradient steps on λ (Polyak steps towards the best solution's value).
    let theta = 1;
    const steps = mixedSchools.length === 0 ? 0 : nodes === 1 ? 60 : 10;
    for (let it = 0; it < steps && !cannotBeat(bound) && bound[0] === bestValue[0]; it++) {
      const grad = mixedSchools.map((s) => {
        const g = unitsTimesL(s) - L * maxM!;
        return lambda[s] === 0 && g < 0 ? 0 : g;
      });
      const norm = grad.reduce((a, g) => a + g * g, 0);
      if (norm === 0) break;
      const t = (theta * Math.max(bound[1] - bestValue[1], D)) / norm;
      let changed = false;
      mixedSchools.forEach((s, x) => {
        const next = Math.max(0, Math.round(lambda[s]! + t * grad[x]!));
        if (next !== lambda[s]) {
          setLambda(s, next);
          changed = true;
        }
      });
      if (!changed) break;
      R.net.settle();
      rel = readRelaxation(rel.must);
      const next = boundOf(rel);
      if (lexCmp(next, bound) >= 0) theta /= 2;
      bound = minVec(bound, next);
    }
    if (!rel.feasible || cannotBeat(bound)) continue;

    let branching = branchesOf(node, rel);
    if (branching.kind === "resolved") {
      if (uniform) {
        // Capacities are multiples of the one size, so every flow is whole units already.
        offer(assign((i) => rel.unitFlow[i]! > 0, (c, g) => rel.classFlow[c * G + g]! / classSize[c]!));
        continue;
      }
      offer(evaluate(slotsOf(rel, Math.round)));
      if (cannotBeat(bound) || !mixedSchools.some((s) => lambda[s]! > 0)) continue;
      // Whole, but the multipliers leave slack: drop them and look again at the plain relaxation.
      for (const s of mixedSchools) if (lambda[s]! > 0) setLambda(s, 0);
      R.net.settle();
      rel = readRelaxation(rel.must);
      bound = minVec(bound, boundOf(rel));
      if (cannotBeat(bound)) continue;
      branching = branchesOf(node, rel);
      if (branching.kind === "resolved") {
        offer(evaluate(slotsOf(rel, Math.round)));
        continue;
      }
    }
    // A feasible solution near the relaxed one: its slots rounded down, then tightened.
    const rounded = evaluate(slotsOf(rel, Math.floor));
    offer(rounded);
    if (rounded) {
      const tight = usedSlots(rounded);
      if (tight.some((x, j) => x !== Math.floor(rel.slotFlow[j]! / bigSizes[j % B]!))) offer(evaluate(tight));
    }
    if (cannotBeat(bound)) continue;
    // Depth first; the preferred branch is pushed last so it is explored first.
    const state = R.net.snapshot();
    const lam = mixedSchools.length > 0 ? lambda.slice() : null;
    stack.push({ node: branching.second, from: state, lambda: lam }, { node: branching.first, from: state, lambda: lam });
  }

  const augmentations = R.net.augmentations + (evalNet()?.augmentations ?? 0);
  return { groupOf: best, nodes, augmentations, exact, uniform };
}
