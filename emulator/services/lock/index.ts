// LockService: script, document and user locks, with the semantics of interleaved executions.
//
// Google (https://developers.google.com/apps-script/reference/lock/lock):
//  - tryLock(ms) "attempts to acquire the lock, timing out after the provided number of
//    milliseconds" and returns false on timeout;
//  - waitLock(ms) does the same but "timing out with an exception";
//  - hasLock() is false if tryLock/waitLock was never called, timed out, or releaseLock() was called;
//  - "Locks are released automatically when the script terminates".
// LockService (https://developers.google.com/apps-script/reference/lock/lock-service):
//  getDocumentLock() returns null when there is no current document.
//
// The emulator runs one execution at a time; a second trigger fire is started *inside* the first
// (Runtime.beginExecution while another is suspended). A suspended holder cannot run, so it can
// never release during the waiter's wait: the waiter spends its whole timeout and fails. A holder
// that has ended (no longer in rt.activeExecutionIds()) holds nothing. Tests can also simulate a
// holder outside the emulator that releases at a given simulated time (`_holdUntil`).
import type { Runtime } from "../../core/runtime";
import { chargeWait, signatureError } from "../utilities/wait";

export const LOCK_TIMEOUT_MESSAGE =
  "Lock timeout: another process was holding the lock for too long.";

/** Holder id used when a lock is taken outside any execution (by the runner or a test). */
const NO_EXECUTION = 0;

interface LockState {
  /** Execution id of the holder, NO_EXECUTION for the runner, or null when free. */
  holder: number | null;
  /** An external holder (another user's script, simulated) that releases at this time (ms). */
  externalUntilMs: number | null;
}

export interface EmuLockServiceOptions {
  /** Id of the document the script runs in; null outside a document (getDocumentLock → null). */
  activeDocumentId?: () => string | null;
  /** Email of the active user, for getUserLock(). */
  activeUser?: () => string;
}

export class EmuLockService implements GoogleAppsScript.Lock.LockService {
  private readonly locks = new Map<string, LockState>();
  private readonly activeDocumentId: () => string | null;
  private readonly activeUser: () => string;

  constructor(
    private readonly rt: Runtime,
    options: EmuLockServiceOptions = {},
  ) {
    this.activeDocumentId = options.activeDocumentId ?? (() => "document");
    this.activeUser = options.activeUser ?? (() => "user");
  }

  getScriptLock(): EmuLock {
    this.rt.call("LockService.getScriptLock");
    return new EmuLock(this.rt, this, "script");
  }

  /** One lock per document; null when the script is not running in a document. */
  getDocumentLock(): EmuLock {
    this.rt.call("LockService.getDocumentLock");
    const id = this.activeDocumentId();
    return (id === null ? null : new EmuLock(this.rt, this, `document:${id}`)) as EmuLock;
  }

  getUserLock(): EmuLock {
    this.rt.call("LockService.getUserLock");
    return new EmuLock(this.rt, this, `user:${this.activeUser()}`);
  }

  // ---- emulator hooks (not Apps Script API) ----

  /**
   * Simulate a holder outside the emulator (another user's execution) that holds `scope`'s lock
   * until `until` in simulated time. scope: "script", "document:<id>", "user:<email>".
   */
  _holdUntil(until: Date, scope = "script"): void {
    this.state(scope).externalUntilMs = until.getTime();
  }

  /** Who holds `scope`'s lock now: an execution id, 0 for the runner, "external", or null. */
  _holder(scope = "script"): number | "external" | null {
    const s = this.state(scope);
    this.expire(s);
    if (s.holder !== null) return s.holder;
    return s.externalUntilMs !== null ? "external" : null;
  }

  /** @internal */
  state(scope: string): LockState {
    let s = this.locks.get(scope);
    if (!s) {
      s = { holder: null, externalUntilMs: null };
      this.locks.set(scope, s);
    }
    return s;
  }

  /** @internal Drop holders that have ended (Google releases a lock when its script ends). */
  expire(s: LockState): void {
    if (
      s.holder !== null &&
      s.holder !== NO_EXECUTION &&
      !this.rt.activeExecutionIds().includes(s.holder)
    ) {
      s.holder = null;
    }
    if (s.externalUntilMs !== null && s.externalUntilMs <= this.rt.nowMillis())
      s.externalUntilMs = null;
  }
}

export class EmuLock implements GoogleAppsScript.Lock.Lock {
  /** The execution that acquired the lock through this object, or null. */
  private acquiredBy: number | null = null;

  constructor(
    private readonly rt: Runtime,
    private readonly service: EmuLockService,
    /** "script", "document:<id>" or "user:<email>". */
    readonly scope: string,
  ) {}

  private me(): number {
    return this.rt.currentExecution()?.id ?? NO_EXECUTION;
  }

  /** Try to take the lock, spending simulated time while waiting; true when acquired. */
  private acquire(timeoutInMillis: number): boolean {
    const s = this.service.state(this.scope);
    const me = this.me();
    this.service.expire(s);
    if (s.holder === me) {
      this.acquiredBy = me;
      return true;
    }
    if (s.holder !== null) {
      // Held by an execution that is suspended below us (or by the runner): it cannot release
      // while we wait, so we wait the whole timeout.
      chargeWait(this.rt, timeoutInMillis);
      return false;
    }
    if (s.externalUntilMs !== null) {
      const wait = s.externalUntilMs - this.rt.nowMillis();
      if (wait > timeoutInMillis) {
        chargeWait(this.rt, timeoutInMillis);
        return false;
      }
      chargeWait(this.rt, wait);
      s.externalUntilMs = null;
    }
    s.holder = me;
    this.acquiredBy = me;
    return true;
  }

  private checkTimeout(method: string, timeoutInMillis: unknown): number {
    if (typeof timeoutInMillis !== "number" || !Number.isFinite(timeoutInMillis)) {
      throw signatureError(`Lock.${method}`, [timeoutInMillis]);
    }
    return Math.max(0, Math.floor(timeoutInMillis));
  }

  /** https://developers.google.com/apps-script/reference/lock/lock#tryLock(Integer) */
  tryLock(timeoutInMillis: number): boolean {
    this.rt.call("Lock.tryLock");
    return this.acquire(this.checkTimeout("tryLock", timeoutInMillis));
  }

  /** https://developers.google.com/apps-script/reference/lock/lock#waitLock(Integer) */
  waitLock(timeoutInMillis: number): void {
    this.rt.call("Lock.waitLock");
    if (!this.acquire(this.checkTimeout("waitLock", timeoutInMillis)))
      throw new Error(LOCK_TIMEOUT_MESSAGE);
  }

  /** https://developers.google.com/apps-script/reference/lock/lock#hasLock() */
  hasLock(): boolean {
    this.rt.call("Lock.hasLock");
    if (this.acquiredBy === null) return false;
    const s = this.service.state(this.scope);
    this.service.expire(s);
    return s.holder === this.acquiredBy && this.acquiredBy === this.me();
  }

  /**
   * Releases the lock; "has no effect if the lock has not been acquired".
   * https://developers.google.com/apps-script/reference/lock/lock#releaseLock()
   */
  releaseLock(): void {
    this.rt.call("Lock.releaseLock");
    const s = this.service.state(this.scope);
    if (this.acquiredBy !== null && s.holder === this.acquiredBy && this.acquiredBy === this.me()) {
      s.holder = null;
    }
    this.acquiredBy = null;
  }
}
