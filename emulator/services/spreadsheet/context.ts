// What every emulated spreadsheet object shares: the runtime that counts and charges calls,
// how to make a Date in the script's realm, and who the active user is.
import type { Runtime } from "../../core/runtime";

export interface SheetsContext {
  rt: Runtime;
  /** Dates handed to the script; the runner may create them in the script's node:vm realm. */
  newDate(ms: number): Date;
  /** Email of the user running the script (protections are checked against it). */
  activeUser(): string;
}

/**
 * Counts and charges one call, and tells whether it was counted. Work done inside
 * `rt.uncharged` is emulator-internal (e.g. Google writing a form response row): it is not
 * subject to the script's permissions, so protections are not checked for it.
 */
export function countedCall(
  rt: SheetsContext["rt"],
  method: string,
  cost?: Parameters<SheetsContext["rt"]["call"]>[1],
): boolean {
  const before = rt.totalCalls();
  rt.call(method, cost);
  return rt.totalCalls() !== before;
}

/** Session.getActiveUser()-like User: https://developers.google.com/apps-script/reference/base/user */
export class EmuUser {
  constructor(
    private readonly rt: SheetsContext["rt"],
    private readonly email: string,
  ) {}
  getEmail(): string {
    this.rt.call("User.getEmail");
    return this.email;
  }
  toString(): string {
    return this.email;
  }
}

/** Accepts an email or a User, as addEditor(emailAddress | user) does. */
export function emailOf(user: unknown): string {
  if (typeof user === "string") return user.trim();
  if (
    user &&
    typeof user === "object" &&
    typeof (user as { getEmail?: unknown }).getEmail === "function"
  ) {
    return String((user as { getEmail: () => string }).getEmail()).trim();
  }
  throw new Error(`Invalid argument: ${String(user)}`);
}

/** An emulated Apps Script enum: each value is its own name. */
/**
 * The number and text comparisons that BooleanCriteria (conditional formats) and
 * DataValidationCriteria share by name, in the order both enums list them.
 */
export const SHARED_COMPARISONS = [
  "NUMBER_BETWEEN",
  "NUMBER_EQUAL_TO",
  "NUMBER_GREATER_THAN",
  "NUMBER_GREATER_THAN_OR_EQUAL_TO",
  "NUMBER_LESS_THAN",
  "NUMBER_LESS_THAN_OR_EQUAL_TO",
  "NUMBER_NOT_BETWEEN",
  "NUMBER_NOT_EQUAL_TO",
  "TEXT_CONTAINS",
  "TEXT_DOES_NOT_CONTAIN",
  "TEXT_EQUAL_TO",
] as const;

export function enumOf<const K extends string>(...names: K[]): { readonly [P in K]: P } {
  const e = {} as { [P in K]: P };
  for (const n of names) e[n] = n;
  return Object.freeze(e);
}
