// Loads the compiled add-on (build/Code.js, the very file `clasp push` deploys) into a fresh
// node:vm context whose globals are the emulated Apps Script services.
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";

export const BUNDLE_PATH = path.resolve(__dirname, "../../build/Code.js");

export function readBundle(bundlePath = BUNDLE_PATH): string {
  if (!fs.existsSync(bundlePath)) {
    throw new Error(
      `The add-on is not built: ${bundlePath} is missing. Run "npm run build" first.`,
    );
  }
  return fs.readFileSync(bundlePath, "utf8");
}

/**
 * A Date constructor for the script whose "now" is the simulated clock. Dates it makes are real
 * host Dates, so `instanceof Date` holds both in the script and in the emulator.
 *
 * It shares the host's Date.prototype (a subclass would not): libraries that subclass Date and
 * override its methods by listing `Object.getOwnPropertyNames(Date.prototype)` — @date-fns/tz's
 * TZDate does — must see every method there, or their dates silently keep UTC fields.
 */
export function simulatedDateClass(nowMillis: () => number): DateConstructor {
  const HostDate = Date;
  function SimDate(this: unknown, ...args: unknown[]): unknown {
    // Calling Date() without new returns a string in JavaScript; keep that for fidelity.
    if (!new.target) return new HostDate(nowMillis()).toString();
    return Reflect.construct(HostDate, args.length === 0 ? [nowMillis()] : args, new.target);
  }
  Object.setPrototypeOf(SimDate, HostDate); // Date.UTC, Date.parse
  SimDate.prototype = HostDate.prototype;
  (SimDate as unknown as { now: () => number }).now = () => nowMillis();
  return SimDate as unknown as DateConstructor;
}

export interface LoadedBundle {
  context: vm.Context;
  /** A top-level function of the bundle, or undefined. */
  fn(name: string): ((...args: unknown[]) => unknown) | undefined;
  /** Names of every top-level function the bundle defines. */
  functionNames(): string[];
}

export function loadBundle(
  code: string,
  globals: Record<string, unknown>,
  filename = "Code.js",
): LoadedBundle {
  const context = vm.createContext({ ...globals });
  vm.runInContext(code, context, { filename });
  return {
    context,
    fn(name) {
      const f = (context as Record<string, unknown>)[name];
      return typeof f === "function" ? (f as (...args: unknown[]) => unknown) : undefined;
    },
    functionNames() {
      return Object.keys(context).filter(
        (k) => typeof (context as Record<string, unknown>)[k] === "function" && !(k in globals),
      );
    },
  };
}

/**
 * Which of `names` the script DECLARES as top-level functions, as Apps Script needs in order to list
 * and call them. Declarations are hoisted, so a probe placed before the bundle's first statement sees
 * them already defined, while anything only assigned later inside the bundle's closure
 * (globalThis.x = ...) is still undefined at that point.
 */
export function declaredTopLevelFunctions(
  code: string,
  names: readonly string[],
  globals: Record<string, unknown> = {},
): string[] {
  const probe =
    "var __declaredBeforeRun = [];" +
    names
      .map((n) => `if (typeof ${n} === "function") __declaredBeforeRun.push(${JSON.stringify(n)});`)
      .join("") +
    "\n";
  const context = vm.createContext({ ...globals });
  vm.runInContext(probe + code, context, { filename: "Code.js" });
  return [...(context as { __declaredBeforeRun: string[] }).__declaredBeforeRun];
}
