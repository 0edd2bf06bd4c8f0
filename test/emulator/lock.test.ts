// LockService emulation, checked against Google's reference:
// https://developers.google.com/apps-script/reference/lock/lock
// https://developers.google.com/apps-script/reference/lock/lock-service
import { Runtime } from "../../emulator/core/runtime";
import { EmuLockService, LOCK_TIMEOUT_MESSAGE } from "../../emulator/services/lock";

const WAIT_CALL_MS = 20; // latency.ts: "Lock.waitLock"
const TRY_CALL_MS = 20; // latency.ts: "Lock.tryLock"

function setup() {
  const rt = new Runtime({ now: new Date("2024-03-01T09:00:00Z") });
  const locks = new EmuLockService(rt, { activeUser: () => "lead@hub.example" });
  return { rt, locks };
}

describe("LockService (developers.google.com/apps-script/reference/lock/lock)", () => {
  test("tryLock on a free lock returns true and hasLock() is true; releaseLock makes hasLock() false (lock#hasLock())", () => {
    const { rt, locks } = setup();
    rt.beginExecution("a", "installable-trigger");
    const lock = locks.getScriptLock();
    expect(lock.hasLock()).toBe(false);
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
    rt.endExecution();
  });

  test("interleaving: B waits on A's lock, charges its whole timeout and throws; after A ends a new execution gets it at once (lock#waitLock(Integer))", () => {
    const { rt, locks } = setup();
    rt.beginExecution("A", "installable-trigger");
    const lockA = locks.getScriptLock();
    lockA.waitLock(30_000);
    const aId = rt.currentExecution()!.id;
    expect(locks._holder()).toBe(aId);

    // A second trigger fire starts while A is suspended mid-flight.
    rt.beginExecution("B", "installable-trigger");
    const lockB = locks.getScriptLock();
    const before = rt.nowMillis();
    expect(() => lockB.waitLock(1000)).toThrow(LOCK_TIMEOUT_MESSAGE);
    expect(rt.nowMillis() - before).toBe(1000 + WAIT_CALL_MS);
    expect(lockB.hasLock()).toBe(false);
    const recordB = rt.endExecution(new Error(LOCK_TIMEOUT_MESSAGE));
    expect(recordB.outcome).toBe("failed");
    expect(recordB.simulatedMs).toBeGreaterThanOrEqual(1000);

    // A resumes and releases.
    expect(lockA.hasLock()).toBe(true);
    lockA.releaseLock();
    rt.endExecution();

    rt.beginExecution("C", "installable-trigger");
    const before2 = rt.nowMillis();
    const lockC = locks.getScriptLock();
    lockC.waitLock(1000);
    expect(lockC.hasLock()).toBe(true);
    expect(rt.nowMillis() - before2).toBeLessThan(1000); // no wait, only call latency
    rt.endExecution();
  });

  test("tryLock returns false (no exception) when a suspended execution holds the lock, after spending the timeout (lock#tryLock(Integer))", () => {
    const { rt, locks } = setup();
    rt.beginExecution("A", "installable-trigger");
    expect(locks.getScriptLock().tryLock(0)).toBe(true);
    rt.beginExecution("B", "installable-trigger");
    const lockB = locks.getScriptLock();
    const before = rt.nowMillis();
    expect(lockB.tryLock(500)).toBe(false);
    expect(rt.nowMillis() - before).toBe(500 + TRY_CALL_MS);
    rt.endExecution();
    rt.endExecution();
  });

  test("a lock the script never released is free once that script ended: 'locks are released automatically when the script terminates' (lock#releaseLock())", () => {
    const { rt, locks } = setup();
    rt.beginExecution("forgetful", "menu");
    locks.getScriptLock().waitLock(1000);
    rt.endExecution();
    rt.beginExecution("next", "menu");
    expect(locks.getScriptLock().tryLock(0)).toBe(true);
    rt.endExecution();
  });

  test("releaseLock() without holding the lock has no effect on the real holder (lock#releaseLock())", () => {
    const { rt, locks } = setup();
    rt.beginExecution("A", "menu");
    const held = locks.getScriptLock();
    held.waitLock(100);
    rt.beginExecution("B", "menu");
    locks.getScriptLock().releaseLock();
    rt.endExecution();
    expect(held.hasLock()).toBe(true);
    rt.endExecution();
  });

  test("an external holder releasing at a simulated time: a shorter wait fails, a longer one succeeds after waiting until release (lock#waitLock(Integer))", () => {
    const { rt, locks } = setup();
    locks._holdUntil(new Date(rt.nowMillis() + 5000));
    rt.beginExecution("short", "installable-trigger");
    const t0 = rt.nowMillis();
    expect(() => locks.getScriptLock().waitLock(2000)).toThrow(LOCK_TIMEOUT_MESSAGE);
    expect(rt.nowMillis() - t0).toBe(2000 + WAIT_CALL_MS + 10); // + LockService.getScriptLock
    rt.endExecution();

    rt.beginExecution("long", "installable-trigger");
    const lock = locks.getScriptLock();
    const releaseAt = t0 + 5000;
    lock.waitLock(10_000);
    expect(rt.nowMillis()).toBe(releaseAt);
    expect(lock.hasLock()).toBe(true);
    rt.endExecution();
  });

  test("script, document and user locks are independent; getDocumentLock is null outside a document (lock-service#getDocumentLock())", () => {
    const rt = new Runtime();
    let doc: string | null = "sheet-1";
    const locks = new EmuLockService(rt, {
      activeDocumentId: () => doc,
      activeUser: () => "a@x.org",
    });
    rt.beginExecution("A", "menu");
    expect(locks.getScriptLock().tryLock(0)).toBe(true);
    expect(locks.getDocumentLock().tryLock(0)).toBe(true);
    expect(locks.getUserLock().tryLock(0)).toBe(true);
    rt.beginExecution("B", "menu");
    expect(locks.getScriptLock().tryLock(0)).toBe(false);
    expect(locks.getDocumentLock().tryLock(0)).toBe(false);
    doc = "sheet-2"; // another document has its own lock
    expect(locks.getDocumentLock().tryLock(0)).toBe(true);
    doc = null;
    expect(locks.getDocumentLock()).toBeNull();
    rt.endExecution();
    rt.endExecution();
  });

  test("a wait longer than the execution's time limit kills the execution (guides/services/quotas: 6 min per execution)", () => {
    const { rt, locks } = setup();
    rt.beginExecution("A", "installable-trigger");
    locks.getScriptLock().waitLock(0);
    rt.beginExecution("B", "simple-trigger");
    expect(() => locks.getScriptLock().waitLock(60_000)).toThrow(/Exceeded maximum execution time/);
    expect(rt.endExecution().outcome).toBe("killed");
    rt.endExecution();
  });

  test("every Lock method is counted as '<class>.<method>'", () => {
    const { rt, locks } = setup();
    rt.beginExecution("A", "menu");
    const lock = locks.getScriptLock();
    lock.tryLock(10);
    lock.hasLock();
    lock.releaseLock();
    const rec = rt.endExecution();
    expect(rec.byMethod).toEqual({
      "LockService.getScriptLock": 1,
      "Lock.tryLock": 1,
      "Lock.hasLock": 1,
      "Lock.releaseLock": 1,
    });
  });
});
