// The emulator's heart: a simulated clock, a counter of every service call, the latency model
// that turns calls into simulated time, execution limits, and fault injection.
import { DEFAULT_LATENCY, type LatencyModel } from "./latency";

/** How an execution was started; decides its time limit. */
export type ExecutionKind =
  "simple-trigger" | "installable-trigger" | "menu" | "sidebar" | "time-trigger" | "runner";

/**
 * Apps Script quotas: 6 min per execution; 30 s for simple triggers (onOpen, onEdit).
 * https://developers.google.com/apps-script/guides/services/quotas
 */
export const EXECUTION_LIMIT_MS: Record<ExecutionKind, number> = {
  "simple-trigger": 30_000,
  "installable-trigger": 360_000,
  menu: 360_000,
  sidebar: 360_000,
  "time-trigger": 360_000,
  runner: Number.POSITIVE_INFINITY,
};

/** Thrown into the script when an execution is killed; every later call in it throws again. */
export class ExecutionKilled extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExecutionKilled";
  }
}

export interface Fault {
  /** "Service.method" as counted (e.g. "Range.setValues", "MailApp.sendEmail"), or "*" for any. */
  method: string;
  /** Fire on the nth matching call from the moment the fault was added (1-based). */
  nth: number;
  /**
   * "throw": the call throws Error(message). "kill": the execution dies there (every later call in it
   * throws too). "interleave": before the call proceeds, `run` is invoked, typically to start a
   * second execution (another trigger fire) while this one is suspended mid-flight.
   */
  action: "throw" | "kill" | "interleave";
  run?: () => void;
  message?: string;
  /** Repeat for every call from the nth on (e.g. a service that stays down). */
  sticky?: boolean;
}

export interface CallCost {
  cellsRead?: number;
  cellsWritten?: number;
  /** A sheet read: pays a flush first if writes are pending [G]. */
  sheetRead?: boolean;
  /** A buffered sheet write. */
  sheetWrite?: boolean;
  /** An explicit SpreadsheetApp.flush(). */
  flush?: boolean;
}

export interface ExecutionRecord {
  name: string;
  kind: ExecutionKind;
  startedAt: string;
  calls: number;
  byMethod: Record<string, number>;
  simulatedMs: number;
  outcome: "completed" | "failed" | "killed";
  error?: string;
}

interface Execution {
  id: number;
  name: string;
  kind: ExecutionKind;
  startedAtMs: number;
  limitMs: number;
  simulatedMs: number;
  byMethod: Map<string, number>;
  calls: number;
  killed: string | null;
}

export class Runtime {
  latency: LatencyModel;
  /** Simulated wall clock, ms since the epoch. Advances as calls are charged. */
  private nowMs: number;
  private readonly totals = new Map<string, number>();
  private readonly faultCounters: Array<{ fault: Fault; seen: number }> = [];
  /** Executions in progress; the top one is running, those below are suspended (interleaving). */
  private readonly stack: Execution[] = [];
  private nextExecutionId = 1;
  private pendingSheetWrites = false;
  private unchargedDepth = 0;

  constructor(options: { now?: Date; latency?: Partial<LatencyModel> } = {}) {
    this.nowMs = (options.now ?? new Date("2024-01-08T09:00:00Z")).getTime();
    this.latency = {
      ...DEFAULT_LATENCY,
      ...options.latency,
      perMethodMs: { ...DEFAULT_LATENCY.perMethodMs, ...options.latency?.perMethodMs },
    };
  }

  now(): Date {
    return new Date(this.nowMs);
  }
  nowMillis(): number {
    return this.nowMs;
  }
  /** Move the clock (never backwards). */
  setNow(date: Date): void {
    if (date.getTime() > this.nowMs) this.nowMs = date.getTime();
  }
  advance(ms: number): void {
    this.nowMs += ms;
  }

  addFault(fault: Fault): void {
    this.faultCounters.push({ fault, seen: 0 });
  }
  clearFaults(): void {
    this.faultCounters.length = 0;
  }

  /** Total calls per method since the runtime was created. */
  callCounts(): Record<string, number> {
    return Object.fromEntries(this.totals);
  }
  totalCalls(): number {
    let n = 0;
    for (const v of this.totals.values()) n += v;
    return n;
  }
  resetCounts(): void {
    this.totals.clear();
  }

  /** Emulator-internal work (e.g. Forms writing a response row) is neither counted nor charged. */
  uncharged<T>(fn: () => T): T {
    this.unchargedDepth++;
    try {
      return fn();
    } finally {
      this.unchargedDepth--;
    }
  }

  private get execution(): Execution | null {
    return this.stack[this.stack.length - 1] ?? null;
  }

  inExecution(): boolean {
    return this.stack.length > 0;
  }
  currentExecution(): {
    id: number;
    name: string;
    kind: ExecutionKind;
    simulatedMs: number;
    calls: number;
  } | null {
    const e = this.execution;
    return e
      ? { id: e.id, name: e.name, kind: e.kind, simulatedMs: e.simulatedMs, calls: e.calls }
      : null;
  }
  /** Ids of executions in progress, running one last. A suspended execution cannot release a lock. */
  activeExecutionIds(): number[] {
    return this.stack.map((e) => e.id);
  }

  beginExecution(name: string, kind: ExecutionKind): void {
    this.stack.push({
      id: this.nextExecutionId++,
      name,
      kind,
      startedAtMs: this.nowMs,
      limitMs: EXECUTION_LIMIT_MS[kind],
      simulatedMs: 0,
      byMethod: new Map(),
      calls: 0,
      killed: null,
    });
  }

  endExecution(error?: unknown): ExecutionRecord {
    const e = this.execution;
    if (!e) throw new Error("No execution is running");
    this.stack.pop();
    // Google commits buffered writes when the script returns, at no cost to the script.
    this.pendingSheetWrites = false;
    const outcome: ExecutionRecord["outcome"] = e.killed
      ? "killed"
      : error
        ? "failed"
        : "completed";
    const record: ExecutionRecord = {
      name: e.name,
      kind: e.kind,
      startedAt: new Date(e.startedAtMs).toISOString(),
      calls: e.calls,
      byMethod: Object.fromEntries(e.byMethod),
      simulatedMs: Math.round(e.simulatedMs * 1000) / 1000,
      outcome,
    };
    if (e.killed) record.error = e.killed;
    else if (error) record.error = error instanceof Error ? error.message : String(error);
    return record;
  }

  /** Kill the running execution now, as Google does at the time limit. */
  kill(reason: string): never {
    if (this.execution) this.execution.killed = reason;
    throw new ExecutionKilled(reason);
  }

  /**
   * Count and charge one service call. Every emulated Apps Script method calls this first.
   * Throws an injected fault, or ExecutionKilled when the execution is dead or over its limit.
   */
  call(method: string, cost: CallCost = {}): void {
    if (this.unchargedDepth > 0) return;
    const e = this.execution;
    if (e?.killed) throw new ExecutionKilled(e.killed);
    this.totals.set(method, (this.totals.get(method) ?? 0) + 1);
    if (e) {
      e.calls++;
      e.byMethod.set(method, (e.byMethod.get(method) ?? 0) + 1);
    }
    this.charge(this.costOf(method, cost));
    if (e && e.simulatedMs > e.limitMs) {
      this.kill(`Exceeded maximum execution time (${Math.round(e.limitMs / 1000)} s)`);
    }
    this.checkFaults(method);
  }

  private costOf(method: string, cost: CallCost): number {
    const m = this.latency;
    let ms = m.perMethodMs[method] ?? m.defaultCallMs;
    if (cost.sheetRead) {
      ms = m.perMethodMs[method] ?? m.sheetReadCallMs;
      if (this.pendingSheetWrites) {
        ms += m.flushMs;
        this.pendingSheetWrites = false;
      }
    }
    if (cost.sheetWrite) {
      ms = m.perMethodMs[method] ?? m.sheetWriteCallMs;
      this.pendingSheetWrites = true;
    }
    if (cost.flush) {
      ms = this.pendingSheetWrites ? m.flushMs : 1;
      this.pendingSheetWrites = false;
    }
    ms += (cost.cellsRead ?? 0) * m.perCellReadMs + (cost.cellsWritten ?? 0) * m.perCellWriteMs;
    return ms;
  }

  /** Charge simulated time without a call (e.g. Utilities.sleep, a lock wait). */
  charge(ms: number): void {
    if (ms <= 0) return;
    this.nowMs += ms;
    if (this.execution) this.execution.simulatedMs += ms;
  }

  private checkFaults(method: string): void {
    for (const entry of this.faultCounters) {
      const f = entry.fault;
      if (f.method !== "*" && f.method !== method) continue;
      entry.seen++;
      const due = f.sticky ? entry.seen >= f.nth : entry.seen === f.nth;
      if (!due) continue;
      if (f.action === "interleave") {
        f.run?.();
        continue;
      }
      const message = f.message ?? `Injected fault in ${method}`;
      if (f.action === "kill") this.kill(message);
      throw new Error(message);
    }
  }
}
