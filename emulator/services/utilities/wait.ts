// Spending simulated time inside an execution (Utilities.sleep, a lock wait) and dying at the
// execution time limit as Google does: "Exceeded maximum execution time".
// https://developers.google.com/apps-script/guides/services/quotas
import { EXECUTION_LIMIT_MS, type Runtime } from "../../core/runtime";

/** Charge `ms` of simulated time to the running execution; kill it if that passes its limit. */
export function chargeWait(rt: Runtime, ms: number): void {
  if (!(ms > 0)) return;
  rt.charge(ms);
  const e = rt.currentExecution();
  if (!e) return;
  const limit = EXECUTION_LIMIT_MS[e.kind];
  if (e.simulatedMs > limit)
    rt.kill(`Exceeded maximum execution time (${Math.round(limit / 1000)} s)`);
}

/** Java-style type name of an argument, as Apps Script prints it in signature errors. */
export function gasTypeName(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return "String";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "Boolean";
  if (Array.isArray(v)) return "number[]";
  if (Object.prototype.toString.call(v) === "[object Date]") return "Date";
  return "Object";
}

/** "The parameters (String,number) don't match the method signature for Utilities.formatDate." */
export function signatureError(method: string, args: readonly unknown[]): Error {
  return new Error(
    `The parameters (${args.map(gasTypeName).join(",")}) don't match the method signature for ${method}.`,
  );
}

/** A Date from this realm or another (the script runs in a node:vm context). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === "[object Date]";
}
