// Min-cost flow with lexicographic costs, by successive shortest paths (Dijkstra with
// potentials), warm-startable.
//
// Costs are vectors of LEX integers compared lexicographically (a totally ordered abelian group),
// so one optimisation minimises the first component, then the second among those optima, and so
// on: no epsilon, no big-M. Every number is an integer below 2^53, so arithmetic is exact. The
// classical facts carry over unchanged to any ordered abelian group: with potentials π, reduced
// costs c(e) + π(u) − π(v) of residual arcs stay ≥ 0 after each Dijkstra; successive shortest
// paths keep the flow optimal for the imbalances routed so far.
//
// "Maximum weight, any value": the caller adds a bypass arc source → sink of cost 0 and
// unlimited capacity and routes a supply larger than any useful flow. Each unit of supply takes
// the cheapest route, so the network carries exactly the flow whose every augmenting path lowered
// the cost; the rest goes round by the bypass. That is the stopping rule "no further augmenting
// path improves the objective", and it makes the state a min-cost flow of FIXED value, which can
// be re-optimised after capacity changes (branch and bound): a lowered capacity cancels flow on
// its arc, a raised capacity on an arc of negative reduced cost is saturated; either leaves small
// imbalances that Dijkstra routes again, keeping the optimality conditions.

/** Components of a cost vector. */
export const LEX = 4;
/** An "unlimited" capacity: far above any seat count, far below 2^53. */
export const INF_CAP = 2 ** 40;
const POTENTIAL_LIMIT = 2 ** 50;

export interface FlowState {
  readonly cap: Float64Array;
  readonly upper: Float64Array;
  readonly pot: Float64Array;
  readonly cost: Float64Array;
}

export class LexFlow {
  private readonly fromL: number[] = [];
  private readonly toL: number[] = [];
  private readonly capL: number[] = [];
  private readonly costL: number[] = [];
  private frozen = false;

  private from = new Int32Array(0);
  private to = new Int32Array(0);
  private head = new Int32Array(0);
  private next = new Int32Array(0);
  private cost = new Float64Array(0);
  /** Residual capacities (arc e and its reverse e ^ 1). */
  private cap = new Float64Array(0);
  /** Upper bound of each arc (forward arcs; the reverse entries stay 0). */
  private upper = new Float64Array(0);
  private pot = new Float64Array(0);
  private readonly excess: Float64Array;

  /** Augmenting paths used so far. */
  augmentations = 0;
  /** Arcs scanned so far (a deterministic measure of work). */
  work = 0;

  constructor(private readonly n: number) {
    this.excess = new Float64Array(n);
  }

  /** Adds an arc and its reverse; returns the arc's index (its reverse is index ^ 1). */
  addEdge(u: number, v: number, capacity: number, c: readonly number[]): number {
    if (this.frozen) throw new Error("LexFlow: arcs are added before the first solve.");
    const e = this.fromL.length;
    this.fromL.push(u, v);
    this.toL.push(v, u);
    this.capL.push(capacity, 0);
    for (let j = 0; j < LEX; j++) this.costL.push(c[j] ?? 0);
    for (let j = 0; j < LEX; j++) this.costL.push(-(c[j] ?? 0));
    return e;
  }

  /** Adds supply at v (negative: demand). Routed by the next settle(). */
  supply(v: number, amount: number): void {
    this.excess[v] = this.excess[v]! + amount;
  }

  /** Flow on arc e. */
  flow(e: number): number {
    return this.upper[e]! - this.cap[e]!;
  }

  capacity(e: number): number {
    return this.frozen ? this.upper[e]! : this.capL[e]!;
  }

  /** Changes the capacity of arc e, keeping the optimality conditions (may create imbalances). */
  setCapacity(e: number, capacity: number): void {
    this.freeze();
    const f = this.flow(e);
    if (capacity < f) {
      // Cancel the excess flow: its tail keeps what it can no longer send, its head misses it.
      const d = f - capacity;
      this.cap[e] = 0;
      this.cap[e ^ 1] = capacity;
      this.upper[e] = capacity;
      this.excess[this.from[e]!] = this.excess[this.from[e]!]! + d;
      this.excess[this.to[e]!] = this.excess[this.to[e]!]! - d;
      return;
    }
    this.upper[e] = capacity;
    this.cap[e] = capacity - f;
    if (this.cap[e]! > 0 && this.reducedNegative(e)) {
      // Saturate an arc that became profitable.
      const d = this.cap[e]!;
      this.cap[e] = 0;
      this.cap[e ^ 1] = this.cap[e ^ 1]! + d;
      this.excess[this.from[e]!] = this.excess[this.from[e]!]! - d;
      this.excess[this.to[e]!] = this.excess[this.to[e]!]! + d;
    }
  }

  /** Changes the cost of arc e, keeping the optimality conditions (may create imbalances). */
  setCost(e: number, c: readonly number[]): void {
    this.freeze();
    let same = true;
    for (let j = 0; j < LEX; j++) {
      const x = c[j] ?? 0;
      if (this.cost[e * LEX + j] !== x) same = false;
      this.cost[e * LEX + j] = x;
      this.cost[(e ^ 1) * LEX + j] = -x;
    }
    if (same) return;
    const u = this.from[e]!;
    const v = this.to[e]!;
    if (this.cap[e]! > 0 && this.reducedNegative(e)) {
      // Now profitable: saturate it.
      const d = this.cap[e]!;
      this.cap[e] = 0;
      this.cap[e ^ 1] = this.cap[e ^ 1]! + d;
      this.excess[u] = this.excess[u]! - d;
      this.excess[v] = this.excess[v]! + d;
    } else if (this.cap[e ^ 1]! > 0 && this.reducedNegative(e ^ 1)) {
      // Now too dear: cancel its flow.
      const d = this.cap[e ^ 1]!;
      this.cap[e ^ 1] = 0;
      this.cap[e] = this.cap[e]! + d;
      this.excess[u] = this.excess[u]! + d;
      this.excess[v] = this.excess[v]! - d;
    }
  }

  snapshot(): FlowState {
    this.freeze();
    return { cap: this.cap.slice(), upper: this.upper.slice(), pot: this.pot.slice(), cost: this.cost.slice() };
  }

  restore(state: FlowState): void {
    this.freeze();
    this.work += this.cap.length;
    this.cap.set(state.cap);
    this.upper.set(state.upper);
    this.pot.set(state.pot);
    this.cost.set(state.cost);
    this.excess.fill(0);
  }

  private reducedNegative(e: number): boolean {
    const u = this.from[e]! * LEX;
    const v = this.to[e]! * LEX;
    for (let j = 0; j < LEX; j++) {
      const r = this.cost[e * LEX + j]! + this.pot[u + j]! - this.pot[v + j]!;
      if (r !== 0) return r < 0;
    }
    return false;
  }

  private freeze(): void {
    if (this.frozen) return;
    this.frozen = true;
    const n = this.n;
    const m = this.fromL.length;
    this.from = Int32Array.from(this.fromL);
    this.to = Int32Array.from(this.toL);
    this.cap = Float64Array.from(this.capL);
    this.upper = Float64Array.from(this.capL);
    this.cost = Float64Array.from(this.costL);
    this.head = new Int32Array(n).fill(-1);
    this.next = new Int32Array(m);
    for (let e = m - 1; e >= 0; e--) {
      this.next[e] = this.head[this.from[e]!]!;
      this.head[this.from[e]!] = e;
    }
    this.pot = new Float64Array(n * LEX);
    this.resetPotentials();
  }

  /**
   * Potentials from shortest distances out of a virtual node joined to every node at cost 0
   * (Bellman–Ford). Valid whenever the residual graph has no negative cycle.
   */
  private resetPotentials(): void {
    const { n, from, to, cap, cost, pot } = this;
    const m = from.length;
    pot.fill(0);
    for (let pass = 0; pass <= n; pass++) {
      let changed = false;
      for (let e = 0; e < m; e++) {
        if (cap[e]! <= 0) continue;
        const u = from[e]! * LEX;
        const v = to[e]! * LEX;
        for (let j = 0; j < LEX; j++) {
          const x = pot[u + j]! + cost[e * LEX + j]!;
          const y = pot[v + j]!;
          if (x === y) continue;
          if (x < y) {
            for (let i = 0; i < LEX; i++) pot[v + i] = pot[u + i]! + cost[e * LEX + i]!;
            changed = true;
          }
          break;
        }
      }
      this.work += m;
      if (!changed) return;
    }
    throw new Error("LexFlow: negative cycle.");
  }

  /** Routes every imbalance along shortest paths (successive shortest paths, multi-source). */
  settle(): void {
    this.freeze();
    const { n, from, to, head, next, cost, cap, pot, excess } = this;
    const dist = new Float64Array(n * LEX);
    const reached = new Uint8Array(n);
    const done = new Uint8Array(n);
    const prev = new Int32Array(n);
    const heap = new LexHeap();
    const cand = new Float64Array(LEX);
    const m = from.length;

    for (;;) {
      let sources = 0;
      reached.fill(0);
      done.fill(0);
      heap.clear();
      for (let v = 0; v < n; v++) {
        if (excess[v]! <= 0) continue;
        sources++;
        reached[v] = 1;
        prev[v] = -1;
        for (let j = 0; j < LEX; j++) dist[v * LEX + j] = 0;
        heap.push(dist, v * LEX, v);
      }
      if (sources === 0) return;

      // Dijkstra on reduced costs, up to the first deficit node settled (the target).
      let target = -1;
      while (heap.size > 0) {
        const u = heap.pop();
        if (done[u]) continue;
        done[u] = 1;
        if (excess[u]! < 0) {
          target = u;
          break;
        }
        const du = u * LEX;
        for (let e = head[u]!; e !== -1; e = next[e]!) {
          if (cap[e]! <= 0) continue;
          const v = to[e]!;
          if (done[v]) continue;
          const dv = v * LEX;
          const ce = e * LEX;
          for (let j = 0; j < LEX; j++) cand[j] = dist[du + j]! + cost[ce + j]! + pot[du + j]! - pot[dv + j]!;
          if (!reached[v] || lexLess(cand, 0, dist, dv)) {
            for (let j = 0; j < LEX; j++) dist[dv + j] = cand[j]!;
            reached[v] = 1;
            prev[v] = e;
            heap.push(dist, dv, v);
          }
        }
      }
      this.work += m;
      if (target < 0) throw new Error("LexFlow: an imbalance cannot be routed.");

      // New potentials: π += d for settled nodes and π += d(target) for all others, which
      // keeps every residual arc's reduced cost ≥ 0 (settled nodes are no farther than the
      // target, the others no nearer).
      const dt = target * LEX;
      let largest = 0;
      for (let v = 0; v < n; v++) {
        const src = done[v] ? v * LEX : dt;
        for (let j = 0; j < LEX; j++) {
          const x = pot[v * LEX + j]! + dist[src + j]!;
          pot[v * LEX + j] = x;
          if (x > largest) largest = x;
          else if (-x > largest) largest = -x;
        }
      }

      let source = target;
      let push = -excess[target]!;
      while (prev[source]! !== -1) {
        push = Math.min(push, cap[prev[source]!]!);
        source = from[prev[source]!]!;
      }
      push = Math.min(push, excess[source]!);
      for (let v = target; v !== source; v = from[prev[v]!]!) {
        const e = prev[v]!;
        cap[e] = cap[e]! - push;
        cap[e ^ 1] = cap[e ^ 1]! + push;
      }
      excess[source] = excess[source]! - push;
      excess[target] = excess[target]! + push;
      this.augmentations++;

      // Potentials only grow by distances; refresh them long before they near 2^53.
      if (largest > POTENTIAL_LIMIT) this.resetPotentials();
    }
  }
}

function lexLess(a: Float64Array, ai: number, b: Float64Array, bi: number): boolean {
  for (let j = 0; j < LEX; j++) {
    const x = a[ai + j]!;
    const y = b[bi + j]!;
    if (x !== y) return x < y;
  }
  return false;
}

/** A binary min-heap of (key vector, node), lazy deletion. */
class LexHeap {
  private keys = new Float64Array(64 * LEX);
  private nodes = new Int32Array(64);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(src: Float64Array, at: number, node: number): void {
    if (this.size === this.nodes.length) {
      const k = new Float64Array(this.keys.length * 2);
      k.set(this.keys);
      this.keys = k;
      const nd = new Int32Array(this.nodes.length * 2);
      nd.set(this.nodes);
      this.nodes = nd;
    }
    let i = this.size++;
    const keys = this.keys;
    for (let j = 0; j < LEX; j++) keys[i * LEX + j] = src[at + j]!;
    this.nodes[i] = node;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): number {
    const top = this.nodes[0]!;
    this.size--;
    if (this.size > 0) {
      this.move(this.size, 0);
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= this.size) break;
        const r = l + 1;
        const c = r < this.size && this.less(r, l) ? r : l;
        if (!this.less(c, i)) break;
        this.swap(c, i);
        i = c;
      }
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    return lexLess(this.keys, a * LEX, this.keys, b * LEX);
  }

  private move(src: number, dst: number): void {
    for (let j = 0; j < LEX; j++) this.keys[dst * LEX + j] = this.keys[src * LEX + j]!;
    this.nodes[dst] = this.nodes[src]!;
  }

  private swap(a: number, b: number): void {
    for (let j = 0; j < LEX; j++) {
      const t = this.keys[a * LEX + j]!;
      this.keys[a * LEX + j] = this.keys[b * LEX + j]!;
      this.keys[b * LEX + j] = t;
    }
    const t = this.nodes[a]!;
    this.nodes[a] = this.nodes[b]!;
    this.nodes[b] = t;
  }
}
