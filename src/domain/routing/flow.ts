// A small maximum-flow network (Dinic's algorithm) for routing's bounds. Pure and allocation-light:
// the networks routing builds have a few hundred nodes at most.

export class FlowNetwork {
  private readonly head: Int32Array;
  private to: number[] = [];
  private cap: number[] = [];
  private next: number[] = [];
  private level: Int32Array;
  private iter: Int32Array;
  private queue: Int32Array;

  constructor(readonly size: number) {
    this.head = new Int32Array(size).fill(-1);
    this.level = new Int32Array(size);
    this.iter = new Int32Array(size);
    this.queue = new Int32Array(size);
  }

  /** Adds an arc u → v of capacity c (and its residual twin); returns the arc's id. */
  addEdge(u: number, v: number, c: number): number {
    const id = this.to.length;
    this.to.push(v, u);
    this.cap.push(c, 0);
    this.next.push(this.head[u], this.head[v]);
    this.head[u] = id;
    this.head[v] = id + 1;
    return id;
  }

  /** Sets an arc's capacity and clears its flow (networks are reused with new capacities). */
  reset(id: number, c: number): void {
    this.cap[id] = c;
    this.cap[id + 1] = 0;
  }

  maxFlow(s: number, t: number): number {
    let total = 0;
    while (this.bfs(s, t)) {
      this.iter.set(this.head);
      let pushed: number;
      while ((pushed = this.dfs(s, t, Infinity)) > 0) total += pushed;
    }
    return total;
  }

  private bfs(s: number, t: number): boolean {
    this.level.fill(-1);
    const queue = this.queue;
    let tail = 0;
    queue[tail++] = s;
    this.level[s] = 0;
    for (let qi = 0; qi < tail; qi++) {
      const u = queue[qi];
      for (let e = this.head[u]; e !== -1; e = this.next[e]) {
        const v = this.to[e];
        if (this.cap[e] > 0 && this.level[v] < 0) {
          this.level[v] = this.level[u] + 1;
          queue[tail++] = v;
        }
      }
    }
    return this.level[t] >= 0;
  }

  private dfs(u: number, t: number, limit: number): number {
    if (u === t) return limit;
    for (; this.iter[u] !== -1; this.iter[u] = this.next[this.iter[u]]) {
      const e = this.iter[u];
      const v = this.to[e];
      if (this.cap[e] > 0 && this.level[v] === this.level[u] + 1) {
        const pushed = this.dfs(v, t, Math.min(limit, this.cap[e]));
        if (pushed > 0) {
          this.cap[e] -= pushed;
          this.cap[e ^ 1] += pushed;
          return pushed;
        }
      }
    }
    return 0;
  }
}
