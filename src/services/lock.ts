// The document lock around every read-modify-write of the hub's sheets. Two form submissions can
// run at once (APPS-SCRIPT-FACTS: Concurrency); "the next row" is only ever computed inside it.
import type { Services } from "./services";

export const DEFAULT_LOCK_WAIT_MS = 20_000;

export type Locked<T> = { ok: true; value: T } | { ok: false; reason: "busy" };

export function withDocumentLock<T>(services: Services, waitMs: number, fn: () => T): Locked<T> {
  const lock = services.lockService.getDocumentLock() ?? services.lockService.getScriptLock();
  try {
    lock.waitLock(waitMs);
  } catch {
    // waitLock throws on timeout; the caller leaves the work for the hourly sweep.
    return { ok: false, reason: "busy" };
  }
  try {
    const value = fn();
    // Make the writes visible to the next holder before letting go.
    services.spreadsheetApp.flush();
    return { ok: true, value };
  } finally {
    lock.releaseLock();
  }
}
