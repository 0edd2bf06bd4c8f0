// The runner as a user drives it: `node bin/mhr.js ...` in a child process, on a hub folder.
import { spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const DATA = path.resolve(ROOT, "../shared/data");

function mhr(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin/mhr.js"), ...args], {
    encoding: "utf8",
    cwd: ROOT,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function folderHash(dir: string): string {
  const h = crypto.createHash("sha256");
  for (const name of fs.readdirSync(dir).sort())
    h.update(name).update(fs.readFileSync(path.join(dir, name)));
  return h.digest("hex");
}

const CSV_HEADER = [
  "Timestamp",
  "Your email address",
  "Your first name",
  "Your last name",
  "Your role",
  "Your school's URN",
  "Your school's name",
  "Your school's postcode",
  "Do you have qualified teacher status (QTS)?",
  "How many full years have you taught since qualifying?",
  "Your head teacher's name",
  "Your head teacher's email address",
  "Does your head teacher support your application?",
  "Can your head teacher attend part of the autumn launch event?",
  "Why do you want to become a Mastery Specialist?",
  "Do you agree to the Maths Hub using your answers to run this programme?",
];
const q = (cells: string[]) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(",");

describe("mhr", () => {
  let tmp: string;
  let hub: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mhr-"));
    hub = path.join(tmp, "hub");
    const init = mhr(
      "init",
      hub,
      "--year",
      "2023/24",
      "--schools",
      path.join(DATA, "schools-england-2017-sample.csv"),
      "--links",
      path.join(DATA, "gias-links-20250422.csv"),
      "--hub-name",
      "Example Maths Hub",
      "--area",
      "Hertfordshire;Essex",
    );
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("--help lists every command of the contract", () => {
    const r = mhr("--help");
    expect(r.code).toBe(0);
    for (const c of ["init", "forms", "submit", "clock", "menu", "export"])
      expect(r.stdout).toContain(c);
  });

  it("init makes a hub folder of hub.xlsx, state.json, outbox.jsonl and log.jsonl", () => {
    expect(fs.readdirSync(hub).sort()).toEqual([
      "hub.xlsx",
      "log.jsonl",
      "outbox.jsonl",
      "state.json",
    ]);
  });

  it("forms --json prints every programme's form with its questions mapped to fields", () => {
    const r = mhr("forms", hub, "--json");
    expect(r.code).toBe(0);
    const forms = JSON.parse(r.stdout) as Array<{
      key: string;
      questions: Array<{ field: string | null; required: boolean }>;
    }>;
    expect(forms).toHaveLength(16);
    const specialist = forms.find((f) => f.key === "sec-specialist")!;
    expect(specialist.questions.map((x) => x.field)).toEqual(
      expect.arrayContaining(["email", "schoolUrn", "qts", "headSupport"]),
    );
    expect(specialist.questions.every((x) => x.field !== null)).toBe(true);
  });

  it("allocate previews as JSON and changes no decision; report writes the Dashboard as report.html", () => {
    const r = mhr("menu", hub, "allocate", "--programme", "sec-specialist", "--dry-run");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const preview = JSON.parse(r.stdout) as { programme: { key: string }; token: string };
    expect(preview.programme.key).toBe("sec-specialist");
    expect(preview.token).not.toBe("");
    const report = mhr("report", hub);
    expect(report.stderr).toBe("");
    expect(report.stdout).toMatch(/Wrote .*report\.html/);
    const html = fs.readFileSync(path.join(hub, "report.html"), "utf8");
    expect(html).toContain("Example Maths Hub");
  });

  it("submit replays a Forms CSV export through onFormSubmit, and export prints the register as JSON", () => {
    const csv = path.join(tmp, "responses.csv");
    fs.writeFileSync(
      csv,
      [
        q(CSV_HEADER),
        q([
          "2024/02/01 10:15:02 AM GMT",
          "alex.morgan@example.org",
          "Alex",
          "Morgan",
          "Classroom teacher",
          "URN 136396",
          "The Broxbourne School",
          "EN10 7DD",
          "Yes",
          "7",
          "Jo Head",
          "jo.head@example.org",
          "Yes",
          "Yes",
          "I lead KS3 maths.",
          "I agree",
        ]),
        q([
          "2024/04/02 5:08:44 PM GMT+1",
          "=cmd|' /C calc'!A0",
          "Bo",
          "Smith",
          "Classroom teacher",
          "136396",
          "The Broxbourne School",
          "EN10 7DD",
          "No",
          "1",
          "Jo Head",
          "jo.head@gmail.com",
          "No",
          "No",
          "Because.",
          "I agree",
        ]),
      ].join("\n"),
    );
    const r = mhr("submit", hub, "--form", "sec-specialist", "--responses", csv);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Submitted 2 responses");
    const exported = mhr("export", hub, "--sheet", "Applications", "--format", "json");
    expect(exported.code).toBe(0);
    const rows = JSON.parse(exported.stdout) as Array<Record<string, string>>;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      "School URN": "136396",
      Verdict: "ELIGIBLE",
      Submitted: "2024-02-01T10:15:02.000Z",
    });
    // Emails are compared trimmed and lower-cased; the malformed one is kept, as text, and judged INVALID.
    expect(rows[1]).toMatchObject({
      Email: "=cmd|' /c calc'!a0",
      Verdict: "INVALID",
      Submitted: "2024-04-02T16:08:44.000Z",
    });
    const outbox = fs
      .readFileSync(path.join(hub, "outbox.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { to: string });
    expect(outbox.map((m) => m.to)).toEqual(["alex.morgan@example.org"]);
  });

  it.each([
    [["export", "no-such-hub", "--sheet", "Applications"], /There is no hub at no-such-hub/],
    [["menu", "HUB", "make-tea"], /"make-tea" is not a menu action/],
    [
      ["submit", "HUB", "--form", "no-such-form", "--responses", "CSV"],
      /The hub has no form "no-such-form"/,
    ],
    [
      ["submit", "HUB", "--form", "sec-specialist", "--responses", "BADCSV"],
      /The CSV has column "Favourite colour" that the sec-specialist form does not ask/,
    ],
    [["clock", "HUB", "--to", "yesterday-ish"], /--to "yesterday-ish" is not a date and time/],
    [["export", "HUB", "--sheet", "Nope"], /The hub has no sheet "Nope"/],
    [["menu", "HUB", "allocate"], /"allocate" needs --programme KEY/],
  ])("refuses %j with one clear sentence, exit code 2, and the hub untouched", (args, message) => {
    const csv = path.join(tmp, "ok.csv");
    const bad = path.join(tmp, "bad.csv");
    fs.writeFileSync(csv, q(CSV_HEADER) + "\n");
    fs.writeFileSync(
      bad,
      q(["Timestamp", "Your email address", "Favourite colour"]) +
        "\n" +
        q(["2024/02/01 10:15:02 AM GMT", "a@example.org", "blue"]) +
        "\n",
    );
    const before = folderHash(hub);
    const r = mhr(
      ...args.map((a) => (a === "HUB" ? hub : a === "CSV" ? csv : a === "BADCSV" ? bad : a)),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(folderHash(hub)).toBe(before);
  });
});
