// The demo's report.html: written from the hub's own sheets after the season, self-contained,
// every piece of hub text escaped, and its figures the Dashboard sheet's.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runDemo } from "../../emulator/demo/demo";
import {
  NAMES_PER_LA,
  readReportData,
  renderReport,
  writeReport,
  type ReportData,
} from "../../emulator/demo/report";
import {
  appendSheetRows,
  setSetting,
  sheetObjects,
  sheetValues,
} from "../../emulator/runner/admin";
import { SAMPLE_AREA } from "../../emulator/runner/sample-hub";
import { formatLondon } from "../../src/domain/calendar";
import { schoolToRow } from "../../src/domain/schools/sheet-row";
import { fundingOf, phaseFlagsOf } from "../../src/domain/schools/classify";
import { BUNDLE } from "./helpers";

const HOSTILE_SCHOOL = `AAA <script>alert("school")</script> & 'Sons' Academy`;
const HOSTILE_HUB = `<img src=x onerror=alert(1)> "East" & Co`;
const HOSTILE_APPLICANT = `<iframe src="https://evil.example/"></iframe>`;

function unescape(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The rows of every HTML table in the page, cells as plain text. */
function tableRows(html: string): string[][] {
  return [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((c) => unescape(c[1]!)),
  );
}

/** Attributes and CSS that would fetch something from elsewhere. */
function externalReferences(html: string): string[] {
  return [
    ...html.matchAll(/\b(?:src|href|xlink:href|action|poster)\s*=\s*["']?\s*(?:https?:)?\/\//gi),
    ...html.matchAll(/url\(\s*["']?\s*(?:https?:)?\/\//gi),
    ...html.matchAll(/@import/gi),
    ...html.matchAll(/<(?:script|link|iframe|object|embed|img)\b/gi),
  ].map((m) => m[0]);
}

describe("the demo's report.html", () => {
  let html = "";
  let data: ReportData;
  let dashboard: Array<Array<string | number | boolean | Date>>;
  let bytes = 0;
  let file = "";
  let applications = 0;
  let sentEmails = 0;

  beforeAll(async () => {
    const { hub } = await runDemo({ bundleCode: BUNDLE, seed: 2024 });
    const env = hub.env;
    // Hostile text from the hub's data: a school's name, the hub's name, an applicant's name.
    const model = hub.schools.find(
      (s) =>
        s.la === "Hertfordshire" &&
        /^open/i.test(s.status) &&
        fundingOf(s) === "state" &&
        phaseFlagsOf(s).secondary,
    )!;
    appendSheetRows(env, "Schools", [
      schoolToRow({ ...model, urn: "999001", name: HOSTILE_SCHOOL }).map((v) =>
        typeof v === "string" && v !== "" ? `'${v}` : v,
      ),
    ]);
    setSetting(env, "Hub name", HOSTILE_HUB);
    const header = sheetValues(env, "Applications")[0]!.map(String);
    env.rt.uncharged(() =>
      env.spreadsheet
        .getSheetByName("Applications")!
        .getRange(2, header.indexOf("Applicant") + 1)
        .setValue(`'${HOSTILE_APPLICANT}`),
    );
    const refresh = env.run("menuRefreshDashboard");
    expect(refresh.error).toBeUndefined();

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mhr-report-"));
    ({ file, bytes } = writeReport(env, dir));
    html = fs.readFileSync(file, "utf8");
    data = readReportData(env);
    dashboard = sheetValues(env, "Dashboard");
    expect(sheetObjects(env, "Applications")[0]!.Applicant).toBe(HOSTILE_APPLICANT);
    applications = sheetObjects(env, "Applications").length;
    sentEmails = sheetObjects(env, "Mail queue").filter((q) => q.Status === "Sent").length;
  }, 180_000);

  it("is one self-contained page: no scripts, no external assets", () => {
    expect(path.basename(file)).toBe("report.html");
    expect(bytes).toBe(Buffer.byteLength(html));
    expect(bytes).toBeGreaterThan(20_000);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain('<html lang="en-GB">');
    expect(externalReferences(html)).toEqual([]);
    // Charts are inline SVG: verdicts, local authorities, weeks, places, reasons, emails.
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(6);
  });

  it("escapes what the hub's data says: school names, the hub's name; applicants are left out", () => {
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain(
      "AAA &lt;script&gt;alert(&quot;school&quot;)&lt;/script&gt; &amp; &#39;Sons&#39; Academy",
    );
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; &quot;East&quot; &amp; Co");
    expect(html).not.toContain("<iframe");
    expect(unescape(html)).not.toContain(HOSTILE_APPLICANT);
    // No applicant's name or email address at all.
    expect(html).not.toMatch(/@example\.org/);
  });

  it("shows the Dashboard sheet's figures", () => {
    const rows = tableRows(html);
    // Applications by programme and verdict: every programme's row as the Dashboard has it.
    const verdictHeader = dashboard.findIndex((r) => r[0] === "Programme" && r[1] === "ELIGIBLE");
    expect(verdictHeader).toBeGreaterThan(0);
    for (let i = verdictHeader + 1; dashboard[i]![0] !== ""; i++) {
      const sheetRow = dashboard[i]!.slice(0, 6).map(String);
      const pageRow = rows.find((r) => r[0] === sheetRow[0] && r.length === 6);
      expect(pageRow).toEqual(sheetRow);
    }
    // By local authority.
    const laHeader = dashboard.findIndex(
      (r) => r[0] === "Local authority" && r[1] === "Applications",
    );
    for (let i = laHeader + 1; dashboard[i]![0] !== ""; i++) {
      const sheetRow = dashboard[i]!.slice(0, 2).map(String);
      expect(rows.find((r) => r[0] === sheetRow[0] && r.length === 2)).toEqual(sheetRow);
    }
    // By week (London weeks starting on Monday), and places.
    const weekHeader = dashboard.findIndex((r) => r[0] === "Week starting");
    const weeks: Array<[string, string]> = [];
    for (let i = weekHeader + 1; dashboard[i]![0] !== ""; i++)
      weeks.push([formatLondon(dashboard[i]![0] as Date, "d MMM yyyy"), String(dashboard[i]![1])]);
    expect(weeks.length).toBeGreaterThan(20);
    for (const week of weeks) expect(rows).toContainEqual(week);
    expect(weeks[0]![0]).toBe("8 Jan 2024");
    const placesHeader = dashboard.findIndex((r) => r[0] === "Programme" && r[1] === "Places");
    for (let i = placesHeader + 1; dashboard[i]![0] !== ""; i++) {
      const sheetRow = dashboard[i]!.slice(0, 4).map(String);
      expect(rows.find((r) => r[0] === sheetRow[0] && r.length === 4)).toEqual(sheetRow);
    }
  });

  it("names the never-engaged schools the Dashboard counts, from the Schools register", () => {
    const header = dashboard.findIndex(
      (r) => r[0] === "Local authority" && r[1] === "Never engaged",
    );
    const counted = new Map<string, number>();
    for (let i = header + 1; i < dashboard.length && dashboard[i]![0] !== ""; i++)
      counted.set(String(dashboard[i]![0]), Number(dashboard[i]![1]));
    expect([...counted.keys()].sort()).toEqual([...SAMPLE_AREA].sort());
    for (const la of data.neverEngaged) {
      expect(la.names).toHaveLength(counted.get(la.la)!);
      const shown = Math.min(NAMES_PER_LA, la.never);
      const block = html.slice(html.indexOf(`<h3>${la.la}: ${la.never} of ${la.all} `));
      expect(block.startsWith("<h3>")).toBe(true);
      expect(block.slice(0, block.indexOf("</ol>")).match(/<li>/g)).toHaveLength(shown);
    }
    const herts = data.neverEngaged.find((n) => n.la === "Hertfordshire")!;
    expect(herts.names[0]).toBe(HOSTILE_SCHOOL);
  });

  it("headline figures: applications from the register, emails from the Mail queue", () => {
    const kpi = (label: string) =>
      new RegExp(`<div class="kpi"><b>([^<]*)</b><span>${label}</span>`).exec(html)?.[1];
    expect(kpi("applications")).toBe(String(applications));
    expect(kpi("emails sent")).toBe(String(sentEmails));
    expect(data.reasons.find((r) => r.code === "LATE")?.count).toBeGreaterThan(0);
    expect(html).toContain("Submitted after the closing time (LATE)");
    expect(html).toContain("8 January 2024");
    expect(html).toContain("14 June 2024");
  });
});

describe("renderReport", () => {
  it("escapes every piece of text, whatever field it arrives in", () => {
    const evil = (where: string) => `<b onmouseover="x">${where}</b> & '"`;
    const data: ReportData = {
      hubName: evil("hub"),
      academicYears: [evil("year")],
      opens: new Date("2024-01-08T09:00:00Z"),
      firstCloses: new Date("2024-03-29T17:00:00Z"),
      lastCloses: new Date("2024-06-14T16:00:00Z"),
      asAt: new Date("2024-06-17T08:00:00Z"),
      dashboardUpdated: evil("updated"),
      verdicts: ["ELIGIBLE", evil("verdict")],
      byProgramme: [{ programme: evil("programme"), counts: [2, 1], total: 3 }],
      byLocalAuthority: [{ la: evil("la"), count: 3 }],
      byWeek: [{ week: null, label: evil("week"), count: 3 }],
      places: [{ programme: evil("places"), places: 4, filled: 2, waitlisted: 1 }],
      neverEngaged: [{ la: evil("never"), never: 1, all: 2, names: [evil("school")] }],
      reasons: [{ code: evil("reason"), count: 1 }],
      emails: {
        statuses: ["Sent", "Queued", evil("status")],
        byKind: [{ kind: evil("kind"), counts: [1, 0, 1] }],
        total: 2,
        sent: 1,
        queued: 0,
      },
    };
    const html = renderReport(data);
    expect(html).not.toContain("<b onmouseover");
    expect(html).not.toContain('onmouseover="');
    for (const where of [
      "hub",
      "year",
      "verdict",
      "programme",
      "la",
      "week",
      "places",
      "never",
      "school",
      "reason",
      "kind",
      "status",
    ])
      expect(html).toContain(
        `&lt;b onmouseover=&quot;x&quot;&gt;${where}&lt;/b&gt; &amp; &#39;&quot;`,
      );
    expect(externalReferences(html)).toEqual([]);
  });
});
