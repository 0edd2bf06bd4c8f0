// The allocation sidebar's page, read as text: it may call only the server functions of the
// typed bridge, and must never build HTML from strings (safety rule: nothing an applicant typed
// is inserted as raw HTML in the sidebar).
import * as fs from "node:fs";
import * as path from "node:path";
import { ALLOCATION_API } from "../../src/ui/allocation-bridge";

const HTML = fs.readFileSync(path.resolve(__dirname, "../../src/ui/html/allocation.html"), "utf8");

describe("src/ui/html/allocation.html", () => {
  test("references exactly the server functions named in ALLOCATION_API", () => {
    const named = new Set(HTML.match(/\bapi[A-Z][A-Za-z0-9_]*/g) ?? []);
    expect([...named].sort()).toEqual(Object.values(ALLOCATION_API).sort());
  });

  test("calls the server only through google.script.run with those names", () => {
    // Every google.script.run chain ends in runner[name](...) or [API.x](...), where name comes
    // from the API table; no direct google.script.run.someFunction(...) call bypasses it.
    const direct = HTML.match(
      /google\.script\.run\s*\.\s*(?!withSuccessHandler|withFailureHandler)\w+/g,
    );
    expect(direct).toBeNull();
    const table = /var API = \{([^}]*)\}/.exec(HTML)?.[1] ?? "";
    const entries = Object.fromEntries(
      [...table.matchAll(/(\w+):\s*"(\w+)"/g)].map((m) => [m[1], m[2]]),
    );
    expect(entries).toEqual({ ...ALLOCATION_API });
  });

  test("never writes HTML from strings: no innerHTML, outerHTML, insertAdjacentHTML or document.write", () => {
    for (const banned of ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"]) {
      expect(HTML).not.toContain(banned);
    }
  });

  test("talks to nothing else: no fetch, XMLHttpRequest or external script", () => {
    expect(HTML).not.toMatch(/\bfetch\s*\(|XMLHttpRequest|<script[^>]+src=/i);
  });
});
