// The arithmetic of routing, without names: units (an application, or a group that must share a
// lead) of a given size, each with the leads eligible for it, and leads with a maximum load and a
// load they already carry. The wording, the order and the rules about current leads live in
// route.ts; this file decides who gets what.
//
// THE OBJECTIVE, lexicographically:
//   1. Assign as many applications as possible (a group counts as its size), never taking a lead
//      past its maximum load.
//   2. Among those assignments, minimise the bottleneck: the highest fill, load / maxLoad, that any
//      lead reaches through an application given to it in this run. Applications a lead already
//      holds are fixed: they set where the lead's next place starts, but a lead that receives
//      nothing new does not count (nothing routing does now can change it).
//   3. Given where the groups go, the single applications are spread so that the fills, sorted
//      from the highest down, are as low as possible place by place (the matroid greedy below is
//      optimal for every increasing measure of the places used, not just the highest one).
//
// Why these. (1) An application left without a lead waits for the hub lead, so nobody should be
// left out to make the numbers look even: that comes first. (2) Leads give different amounts of
// time, which is what "Max load" records, so fairness is measured against it: 6 of 10 and 3 of 5
// are equally busy, while 6 and 3 are not. The bottleneck is the lead most likely to fall behind,
// which is what a hub lead watches. With equal maxima it is plain "minimise the biggest queue".
// (3) Below the bottleneck, the same idea applies lead by lead.
//
// HOW. A "place" is the k-th application a lead holds; its fill is k / maxLoad. For single
// applications only, the sets of places that can be filled at once are the independent sets of a
// transversal matroid (places ↔ applications that lead may take), so taking places in order of
// fill and keeping each one that an augmenting path can fill yields a maximum matching whose
// fills are, place by place, as low as any other's (Gale's theorem). That is exact for 1 and 3.
// Groups make the problem NP-hard in general (leads of maximum load 2, pairs and single
// applications each eligible for two leads: the "graph balancing" problem with sizes 1 and 2), so
// where groups go is found by a depth-first search over their placements, pruned by a maximum-flow
// bound in which groups may be split, with interchangeable groups placed in one canonical order.
// The bottleneck is found by searching over the possible fills (each is some k / maxLoad) with the
// same bound first and the exact search last. Hubs have few groups and the bound is nearly always
// met by the first placement tried, so the search is short. It has a budget of bound evaluations
// (maximum flows) for the whole plan; only if that runs out is the result the best found rather
// than proven optimal (`exact: false`), and even then every rule above still holds.
import { FlowNetwork } from "./flow";

export interface PlanLead {
  /** Maximum load (0 takes nothing). */
  cap: number;
  /** Open applications already held and kept (may exceed cap if the maximum was lowered). */
  base: number;
}

export interface PlanUnit {
  /** How many applications the unit stands for (1, or a group's open members). */
  size: number;
  /** Indexes of the leads that may take the unit, ascending. */
  eligible: readonly number[];
}

/** A fill k / cap, compared exactly. */
export interface Fill {
  k: number;
  cap: number;
}

export interface Plan {
  /** The lead index of each unit, or -1. */
  leadOf: number[];
  /** Applications assigned (the sum of the sizes of assigned units). */
  assigned: number;
  /** The highest fill reached by a newly used place, or null when nothing is assigned. */
  bottleneck: Fill | null;
  /** True unless the search over groups ran out of budget. */
  exact: boolean;
}

export const DEFAULT_SEARCH_BUDGET = 20_000;

export function compareFills(a: Fill, b: Fill): number {
  return a.k * b.cap - b.k * a.cap;
}

interface GroupInfo {
  unit: number;
  size: number;
  eligible: readonly number[];
  key: string;
  /** Same size and eligible leads as the group before it in the search order. */
  sameAsPrevious: boolean;
}

interface SingleClass {
  eligible: readonly number[];
  units: number[];
}

const NONE = -1;

class Planner {
  readonly nLeads: number;
  readonly groups: GroupInfo[] = [];
  readonly classes: SingleClass[] = [];
  /** For each lead, the classes it may take. */
  readonly leadClasses: number[][];
  exact = true;
  /** Bound evaluations so far, against the budget. */
  spent = 0;

  constructor(
    readonly leads: readonly PlanLead[],
    readonly units: readonly PlanUnit[],
    readonly budget: number,
  ) {
    this.nLeads = leads.length;
    const byKey = new Map<string, SingleClass>();
    units.forEach((unit, index) => {
      if (unit.size <= 0 || unit.eligible.length === 0) return;
      const key = unit.eligible.join(",");
      if (unit.size === 1) {
        const existing = byKey.get(key);
        if (existing) existing.units.push(index);
        else {
          const created: SingleClass = { eligible: unit.eligible, units: [index] };
          byKey.set(key, created);
          this.classes.push(created);
        }
      } else {
        this.groups.push({
          unit: index,
          size: unit.size,
          eligible: unit.eligible,
          key: `${unit.size}:${key}`,
          sameAsPrevious: false,
        });
      }
    });
    // Biggest and most constrained first: they are the hardest to place.
    this.groups.sort(
      (a, b) =>
        b.size - a.size ||
        a.eligible.length - b.eligible.length ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
        a.unit - b.unit,
    );
    this.groups.forEach((g, i) => {
      g.sameAsPrevious = i > 0 && this.groups[i - 1].key === g.key;
    });
    this.leadClasses = leads.map(() => []);
    this.classes.forEach((c, j) => c.eligible.forEach((l) => this.leadClasses[l].push(j)));
  }

  /** Room each lead has when no place beyond `fill` may be used (null: up to the maximum). */
  roomAt(fill: Fill | null): number[] {
    return this.leads.map(({ cap, base }) => {
      const top = fill === null ? cap : Math.min(cap, Math.floor((fill.k * cap) / fill.cap));
      return Math.max(0, top - base);
    });
  }

  /**
   * An upper bound on what groups[from..] and all single applications can add, given each lead's
   * room: a maximum flow in which a group may be split, but only among leads with room for all of
   * it, and a lead takes at most floor(room / size) groups of one size. Exact when from = groups.length.
   */
  bound(from: number, room: readonly number[]): number {
    this.spent++;
    const net = this.network ?? this.buildNetwork();
    const remaining = this.remaining[from];
    for (let l = 0; l < this.nLeads; l++) net.reset(this.sinkArc[l], Math.max(0, room[l]));
    this.aggregates.forEach((a, i) => {
      const count = remaining[i];
      let reachable = 0;
      a.arcs.forEach((arc, k) => {
        const fits = Math.min(count, Math.floor(room[a.eligible[k]] / a.size));
        net.reset(arc, fits * a.size);
        reachable += Math.max(0, fits);
      });
      net.reset(a.sourceArc, Math.min(count, reachable) * a.size);
    });
    for (const c of this.classArcs) {
      const n = c.count;
      let any = false;
      c.arcs.forEach((arc, k) => {
        const open = room[c.eligible[k]] > 0;
        net.reset(arc, open ? n : 0);
        any ||= open;
      });
      net.reset(c.sourceArc, any ? n : 0);
    }
    return net.maxFlow(0, 1);
  }

  private network: FlowNetwork | null = null;
  private sinkArc: number[] = [];
  private aggregates: {
    size: number;
    eligible: readonly number[];
    sourceArc: number;
    arcs: number[];
  }[] = [];
  private classArcs: {
    count: number;
    eligible: readonly number[];
    sourceArc: number;
    arcs: number[];
  }[] = [];
  /** remaining[i][a]: how many of groups[i..] belong to aggregate a. */
  private remaining: number[][] = [];

  /** One network for every bound: source 0, sink 1, leads, group kinds, classes of singles. */
  private buildNetwork(): FlowNetwork {
    const L = this.nLeads;
    const kinds = new Map<string, number>();
    const kindOf = this.groups.map((g) => {
      let k = kinds.get(g.key);
      if (k === undefined) {
        k = kinds.size;
        kinds.set(g.key, k);
        this.aggregates.push({ size: g.size, eligible: g.eligible, sourceArc: -1, arcs: [] });
      }
      return k;
    });
    this.remaining = Array.from({ length: this.groups.length + 1 }, () =>
      new Array<number>(kinds.size).fill(0),
    );
    for (let i = this.groups.length - 1; i >= 0; i--) {
      this.remaining[i] = this.remaining[i + 1].slice();
      this.remaining[i][kindOf[i]]++;
    }
    const net = new FlowNetwork(2 + L + this.aggregates.length + this.classes.length);
    this.sinkArc = this.leads.map((_, l) => net.addEdge(2 + l, 1, 0));
    let node = 2 + L;
    for (const a of this.aggregates) {
      a.sourceArc = net.addEdge(0, node, 0);
      a.arcs = a.eligible.map((l) => net.addEdge(node, 2 + l, 0));
      node++;
    }
    this.classArcs = this.classes.map((c) => {
      const sourceArc = net.addEdge(0, node, 0);
      const arcs = c.eligible.map((l) => net.addEdge(node, 2 + l, 0));
      node++;
      return { count: c.units.length, eligible: c.eligible, sourceArc, arcs };
    });
    this.network = net;
    return net;
  }

  /**
   * The most applications that can be assigned within `room`, with a placement of the groups that
   * achieves it. Stops as soon as `target` is reached; ignores placements that cannot reach
   * `atLeast`. `found` is false when nothing reaching `atLeast` was found.
   */
  search(
    room: number[],
    target: number,
    atLeast: number,
  ): { count: number; placement: number[]; found: boolean } {
    const m = this.groups.length;
    const choice = new Array<number>(m).fill(NONE);
    let best = -1;
    let bestPlacement: number[] = choice.slice();
    let stop = false;
    // Current loads (kept plus groups placed so far), to try the least-filled lead first.
    const load = this.leads.map((lead) => lead.base);

    /** Leads with room for groups[i] (from lead index `floor` on), least filled afterwards first. */
    const candidates = (i: number, floor: number): number[] => {
      const g = this.groups[i];
      return g.eligible
        .filter((l) => room[l] >= g.size && floor !== NONE && l >= floor)
        .sort((a, b) => {
          const fa = (load[a] + g.size) * this.leads[b].cap;
          const fb = (load[b] + g.size) * this.leads[a].cap;
          return fa - fb || a - b;
        });
    };

    // A quick first try: each group to the least filled lead with room, then the single
    // applications by flow. It usually meets the bound, and then no search is needed.
    const dive = (): void => {
      let assigned = 0;
      for (let i = 0; i < m; i++) {
        const lead = candidates(i, 0)[0] ?? NONE;
        choice[i] = lead;
        if (lead !== NONE) {
          room[lead] -= this.groups[i].size;
          load[lead] += this.groups[i].size;
          assigned += this.groups[i].size;
        }
      }
      const value = assigned + this.bound(m, room);
      if (value >= atLeast) {
        best = value;
        bestPlacement = choice.slice();
        if (best >= target) stop = true;
      }
      for (let i = 0; i < m; i++) {
        const lead = choice[i];
        if (lead !== NONE) {
          room[lead] += this.groups[i].size;
          load[lead] -= this.groups[i].size;
        }
        choice[i] = NONE;
      }
    };

    const dfs = (i: number, assigned: number, ub: number): void => {
      if (i === m) {
        if (ub > best) {
          best = ub;
          bestPlacement = choice.slice();
          if (best >= target) stop = true;
        }
        return;
      }
      if (this.spent > this.budget) {
        this.exact = false;
        stop = true;
        return;
      }
      const g = this.groups[i];
      // Interchangeable groups are placed in order of lead index (NONE last) to skip mirror images.
      const floor = g.sameAsPrevious ? choice[i - 1] : 0;
      const children: number[] = [...candidates(i, floor), NONE];
      const deferred: { lead: number; ub: number }[] = [];
      const enter = (lead: number, childUb: number): void => {
        if (lead !== NONE) {
          room[lead] -= g.size;
          load[lead] += g.size;
        }
        choice[i] = lead;
        dfs(i + 1, lead === NONE ? assigned : assigned + g.size, childUb);
        choice[i] = NONE;
        if (lead !== NONE) {
          room[lead] += g.size;
          load[lead] -= g.size;
        }
      };
      for (const lead of children) {
        const gained = lead === NONE ? 0 : g.size;
        if (lead !== NONE) room[lead] -= g.size;
        const childUb = assigned + gained + this.bound(i + 1, room);
        if (lead !== NONE) room[lead] += g.size;
        if (childUb <= best || childUb < atLeast) continue;
        if (childUb >= ub) {
          // Loses nothing against the bound: follow it at once.
          enter(lead, childUb);
          if (stop || best >= ub) return;
        } else deferred.push({ lead, ub: childUb });
      }
      deferred.sort((a, b) => b.ub - a.ub);
      for (const d of deferred) {
        if (d.ub <= best) break;
        enter(d.lead, d.ub);
        if (stop) return;
      }
    };

    const rootUb = this.bound(0, room);
    if (rootUb >= atLeast && m > 0) dive();
    if (rootUb >= atLeast && !stop && best < rootUb) dfs(0, 0, rootUb);
    return {
      count: Math.max(best, 0),
      placement: bestPlacement,
      found: best >= atLeast && best >= 0,
    };
  }

  /**
   * Single applications, given where the groups went: places in order of fill, each kept if an
   * augmenting path can fill it. Returns the lead of each single unit.
   */
  placeSingles(room: readonly number[], groupLoad: readonly number[], leadOf: number[]): void {
    const L = this.nLeads;
    const C = this.classes.length;
    if (C === 0) return;
    const flow = new Int32Array(C * L);
    const left = this.classes.map((c) => c.units.length);
    let unplaced = left.reduce((a, b) => a + b, 0);
    const next = this.leads.map((lead, l) => lead.base + groupLoad[l] + 1);
    const last = this.leads.map((lead, l) => lead.base + room[l]);
    const open = this.leads.map((_, l) => next[l] <= last[l] && this.leadClasses[l].length > 0);
    const parentLead = new Int32Array(C);
    const parentClass = new Int32Array(L);
    const seenClass = new Uint8Array(C);
    const seenLead = new Uint8Array(L);

    const augment = (start: number): boolean => {
      seenClass.fill(0);
      seenLead.fill(0);
      seenLead[start] = 1;
      const queue = [start];
      for (let qi = 0; qi < queue.length; qi++) {
        const l = queue[qi];
        for (const j of this.leadClasses[l]) {
          if (seenClass[j]) continue;
          seenClass[j] = 1;
          parentLead[j] = l;
          if (left[j] > 0) {
            // Walk back: each lead on the path takes a j-application and gives up its parent's.
            left[j]--;
            let cls = j;
            for (;;) {
              const lead = parentLead[cls];
              flow[cls * L + lead]++;
              if (lead === start) return true;
              const given = parentClass[lead];
              flow[given * L + lead]--;
              cls = given;
            }
          }
          for (const l2 of this.classes[j].eligible) {
            if (!seenLead[l2] && flow[j * L + l2] > 0) {
              seenLead[l2] = 1;
              parentClass[l2] = j;
              queue.push(l2);
            }
          }
        }
      }
      return false;
    };

    while (unplaced > 0) {
      let pick = -1;
      for (let l = 0; l < L; l++) {
        if (!open[l]) continue;
        if (pick < 0 || next[l] * this.leads[pick].cap < next[pick] * this.leads[l].cap) pick = l;
      }
      if (pick < 0) break;
      if (augment(pick)) {
        unplaced--;
        next[pick]++;
        if (next[pick] > last[pick]) open[pick] = false;
      } else open[pick] = false; // Its later places are copies of this one: none can be filled.
    }

    this.classes.forEach((c, j) => {
      let u = 0;
      for (let l = 0; l < L; l++) {
        for (let n = flow[j * L + l]; n > 0; n--) leadOf[c.units[u++]] = l;
      }
    });
  }
}

/** Routes units to leads: see the objective at the top of this file. */
export function planAssignment(
  leads: readonly PlanLead[],
  units: readonly PlanUnit[],
  budget: number = DEFAULT_SEARCH_BUDGET,
): Plan {
  const planner = new Planner(leads, units, budget);
  const leadOf = units.map(() => NONE);
  const full = planner.roomAt(null);
  const first = planner.search(full.slice(), planner.bound(0, full), 0);
  const most = first.count;
  if (most === 0) return { leadOf, assigned: 0, bottleneck: null, exact: planner.exact };

  // Every fill a newly used place can have, lowest first (equal fills once).
  const fills: Fill[] = [];
  leads.forEach(({ cap, base }) => {
    for (let k = base + 1; k <= cap; k++) fills.push({ k, cap });
  });
  fills.sort(compareFills);
  const distinct = fills.filter((f, i) => i === 0 || compareFills(fills[i - 1], f) !== 0);

  // The lowest fill at which even the bound allows `most`…
  let lo = 0;
  let hi = distinct.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (planner.bound(0, planner.roomAt(distinct[mid])) >= most) hi = mid;
    else lo = mid + 1;
  }
  // …then the lowest at which a real placement does (usually the same one).
  let at = distinct.length - 1;
  let placement = first.placement;
  const tryAt = (index: number): boolean => {
    const result = planner.search(planner.roomAt(distinct[index]), most, most);
    if (!result.found) return false;
    at = index;
    placement = result.placement;
    return true;
  };
  if (!tryAt(lo)) {
    let a = lo + 1;
    let b = distinct.length - 1;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (tryAt(mid)) b = mid;
      else a = mid + 1;
    }
  }

  const room = planner.roomAt(distinct[at]);
  const groupLoad = leads.map(() => 0);
  planner.groups.forEach((g, i) => {
    const lead = placement[i];
    if (lead === NONE) return;
    leadOf[g.unit] = lead;
    groupLoad[lead] += g.size;
  });
  planner.placeSingles(room, groupLoad, leadOf);

  let assigned = 0;
  const added = leads.map(() => 0);
  units.forEach((unit, u) => {
    if (leadOf[u] !== NONE) {
      assigned += unit.size;
      added[leadOf[u]] += unit.size;
    }
  });
  let bottleneck: Fill | null = null;
  leads.forEach(({ cap, base }, l) => {
    if (added[l] === 0) return;
    const fill = { k: base + added[l], cap };
    if (bottleneck === null || compareFills(fill, bottleneck) > 0) bottleneck = fill;
  });
  return { leadOf, assigned, bottleneck, exact: planner.exact };
}
