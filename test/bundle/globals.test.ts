// The compiled bundle, loaded as Apps Script loads it: every entry point must be a real top-level
// function, and loading must touch no service (add-ons run onOpen in AuthMode.NONE, where most
// services are unavailable: developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle).
import { declaredTopLevelFunctions, loadBundle, readBundle } from "../../emulator/runner/bundle";
import { ENTRY_POINTS } from "../../emulator/runner/entry-points";

const SERVICE_NAMES = [
  "SpreadsheetApp",
  "FormApp",
  "ScriptApp",
  "LockService",
  "PropertiesService",
  "CacheService",
  "MailApp",
  "Session",
  "Utilities",
  "HtmlService",
  "Charts",
  "CardService",
  "Logger",
];

function tripwireGlobals(touched: string[]): Record<string, unknown> {
  const globals: Record<string, unknown> = {};
  for (const name of SERVICE_NAMES) {
    globals[name] = new Proxy(
      {},
      {
        get(_t, prop) {
          touched.push(`${name}.${String(prop)}`);
          throw new Error(`${name} touched at load time`);
        },
      },
    );
  }
  return globals;
}

describe("build/Code.js", () => {
  const code = readBundle();

  it("loads in a bare node:vm context without touching any Apps Script service", () => {
    const touched: string[] = [];
    const bundle = loadBundle(code, tripwireGlobals(touched));
    expect(touched).toEqual([]);
    expect(bundle.functionNames().length).toBeGreaterThanOrEqual(ENTRY_POINTS.length);
  });

  it.each(ENTRY_POINTS.map((e) => [e.name, e.why] as const))(
    "declares %s as a real top-level function (%s)",
    (name) => {
      expect(declaredTopLevelFunctions(code, [name], tripwireGlobals([]))).toEqual([name]);
      const bundle = loadBundle(code, tripwireGlobals([]));
      expect(typeof bundle.fn(name)).toBe("function");
    },
  );

  it("is not wrapped so that the globals are hidden: no entry point is only assigned inside the bundle's closure", () => {
    const names = ENTRY_POINTS.map((e) => e.name);
    expect(declaredTopLevelFunctions(code, names, tripwireGlobals([]))).toEqual(names);
    // The probe can fail: a function only assigned to globalThis inside a closure is not declared.
    const assignedOnly = "(() => { globalThis.hidden = function () {}; })();";
    expect(declaredTopLevelFunctions(assignedOnly, ["hidden"])).toEqual([]);
    expect(typeof loadBundle(assignedOnly, {}).fn("hidden")).toBe("function");
  });

  it("defines no top-level function whose name ends with _ for the sidebar (those cannot be called from the client)", () => {
    const sidebar = ENTRY_POINTS.filter((e) => e.kind === "sidebar").map((e) => e.name);
    expect(sidebar.length).toBeGreaterThan(0);
    expect(sidebar.filter((n) => n.endsWith("_"))).toEqual([]);
  });
});

describe("the add-on menu", () => {
  it("points every item at a function the bundle declares (no 'Script function not found')", () => {
    const { HubEnvironment } = jest.requireActual("../../emulator/runner/environment") as typeof import("../../emulator/runner/environment");
    const env = HubEnvironment.create({ bundleCode: readBundle() });
    const items = env.menu();
    expect(items.length).toBeGreaterThanOrEqual(3);
    const declared = declaredTopLevelFunctions(readBundle(), items.map((i) => i.functionName));
    expect(declared).toEqual(items.map((i) => i.functionName));
  });
});
