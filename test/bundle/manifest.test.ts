// appsscript.json checked against the manifest fields Google documents
// (developers.google.com/apps-script/manifest and /workspace/add-ons/concepts/manifests), since
// `clasp push` cannot be tried offline.
import * as fs from "node:fs";
import * as path from "node:path";
import { loadBundle, readBundle } from "../../emulator/runner/bundle";

const ROOT = path.resolve(__dirname, "../..");
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "appsscript.json"), "utf8")) as {
  timeZone: string;
  runtimeVersion: string;
  exceptionLogging?: string;
  oauthScopes: string[];
  addOns: {
    common: {
      name: string;
      logoUrl: string;
      homepageTrigger?: { runFunction: string; enabled?: boolean };
    };
    sheets?: { homepageTrigger?: { runFunction: string } };
  };
};

const TOP_LEVEL_FIELDS = [
  "timeZone",
  "runtimeVersion",
  "exceptionLogging",
  "oauthScopes",
  "addOns",
  "dependencies",
  "urlFetchWhitelist",
  "executionApi",
  "webapp",
  "sheets",
  "executionApi",
];
const AUTH = "https://www.googleapis.com/auth/";
const LEAST_PRIVILEGE = new Set([
  "spreadsheets.currentonly",
  "forms",
  "script.container.ui",
  "script.scriptapp",
  "script.send_mail",
  "userinfo.email",
]);

describe("appsscript.json", () => {
  it("uses only documented top-level fields", () => {
    expect(Object.keys(manifest).filter((k) => !TOP_LEVEL_FIELDS.includes(k))).toEqual([]);
  });

  it("runs on V8 in Europe/London", () => {
    expect(manifest.runtimeVersion).toBe("V8");
    expect(manifest.timeZone).toBe("Europe/London");
    expect(() => new Intl.DateTimeFormat("en-GB", { timeZone: manifest.timeZone })).not.toThrow();
  });

  it("lists an explicit, least-privilege set of OAuth scopes, each justified in the README", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(manifest.oauthScopes.length).toBeGreaterThan(0);
    for (const scope of manifest.oauthScopes) {
      expect(scope.startsWith(AUTH)).toBe(true);
      const short = scope.slice(AUTH.length);
      expect(LEAST_PRIVILEGE.has(short)).toBe(true);
      expect(readme).toContain(`\`${short}\``);
    }
    // Broad scopes the add-on must never ask for.
    for (const broad of [
      "spreadsheets",
      "drive",
      "gmail.modify",
      "mail.google.com",
      "script.external_request",
    ]) {
      expect(manifest.oauthScopes).not.toContain(AUTH + broad);
    }
  });

  it("has the add-on block: name, logo, and a homepage trigger that the bundle really defines", () => {
    const { common, sheets } = manifest.addOns;
    expect(common.name).toBe("Maths Hub Recruitment");
    expect(common.logoUrl).toMatch(/^https:\/\//);
    const bundle = loadBundle(readBundle(), {});
    for (const trigger of [common.homepageTrigger, sheets?.homepageTrigger]) {
      expect(trigger).toBeDefined();
      expect(typeof bundle.fn(trigger!.runFunction)).toBe("function");
    }
  });

  it("is copied into build/ beside Code.js, where clasp's rootDir points", () => {
    const clasp = JSON.parse(fs.readFileSync(path.join(ROOT, ".clasp.json"), "utf8")) as {
      rootDir: string;
    };
    expect(clasp.rootDir).toBe("build");
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, "build/appsscript.json"), "utf8"))).toEqual(
      manifest,
    );
  });
});
