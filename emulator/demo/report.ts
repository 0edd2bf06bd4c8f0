// report.html: the hub's Dashboard as a static web page, with charts, that opens anywhere
// without a network connection (no scripts, no external assets: inline CSS and SVG only).
// Figures come from the hub's own sheets after the season: the Dashboard sheet for everything it
// shows, the Schools and Engagement sheets for the names of never-engaged schools, Applications
// for the reasons given and the Mail queue for emails. Applicants' names and email addresses are
// deliberately left out. Every piece of text from the hub is escaped.
import * as fs from "node:fs";
import * as path from "node:path";
import { formatLondon, parseLondonWallClock } from "../../src/domain/calendar";
import { fundingOf, phaseFlagsOf } from "../../src/domain/schools/classify";
import { schoolFromRow } from "../../src/domain/schools/sheet-row";
import type { School } from "../../src/domain/types";
import { cellDate } from "../../src/sheets/cells";
import { getSetting, sheetObjects, sheetValues } from "../runner/admin";
import type { HubEnvironment } from "../runner/environment";

type Value = string | number | boolean | Date;

// ---------------------------------------------------------------------------------------------
// The figures
// ---------------------------------------------------------------------------------------------

export interface ReportData {
  hubName: string;
  academicYears: string[];
  opens: Date | null;
  firstCloses: Date | null;
  lastCloses: Date | null;
  /** The hub's clock when the report was made. */
  asAt: Date;
  /** The Dashboard's own "Updated ..." line. */
  dashboardUpdated: string;
  verdicts: string[];
  byProgramme: Array<{ programme: string; counts: number[]; total: number }>;
  byLocalAuthority: Array<{ la: string; count: number }>;
  byWeek: Array<{ week: Date | null; label: string; count: number }>;
  places: Array<{ programme: string; places: number | null; filled: number; waitlisted: number }>;
  neverEngaged: Array<{ la: string; never: number; all: number; names: string[] }>;
  reasons: Array<{ code: string; count: number }>;
  emails: {
    statuses: string[];
    byKind: Array<{ kind: string; counts: number[] }>;
    total: number;
    sent: number;
    queued: number;
  };
}

interface DashboardSection {
  title: string;
  header: string[];
  rows: Value[][];
}

function num(v: unknown): number {
  if (typeof v === "number") return v;
  const n = Number(String(v ?? "").trim());
  return Number.isFinite(n) ? n : 0;
}

function blank(row: readonly Value[] | undefined): boolean {
  return !row || row.every((v) => v === "" || v === null || v === undefined);
}

/** The Dashboard sheet as its sections: a title row, a header row, rows, then a blank row. */
export function dashboardSections(values: Value[][]): DashboardSection[] {
  const sections: DashboardSection[] = [];
  let i = 0;
  while (i < values.length) {
    while (i < values.length && blank(values[i])) i++;
    const start = i;
    while (i < values.length && !blank(values[i])) i++;
    const block = values.slice(start, i);
    if (block.length < 2) continue;
    const width = block[1]!.reduce<number>((w, v, c) => (v === "" ? w : c + 1), 0);
    const rows = block
      .slice(2)
      .filter((r) => String(r[0]) !== "(none yet)")
      .map((r) => r.slice(0, width));
    sections.push({
      title: String(block[0]![0]),
      header: block[1]!.slice(0, width).map(String),
      rows,
    });
  }
  return sections;
}

function section(sections: DashboardSection[], pattern: RegExp): DashboardSection {
  const found = sections.find((s) => pattern.test(s.title));
  if (!found)
    throw new Error(
      `The Dashboard sheet has no section matching ${pattern}; run "Refresh dashboard" first.`,
    );
  return found;
}

/** A cell's date: a Date as it is, text as London wall-clock time. */
function dateOf(v: Value | undefined): Date | null {
  if (typeof v === "string" && v.trim()) return parseLondonWallClock(v.trim());
  return cellDate(v);
}

/** Secondary, state-funded, open schools in the hub's area with no Engagement row: the Dashboard's rule. */
function neverEngagedSchools(env: HubEnvironment, area: string[]): School[] {
  const engaged = new Set(sheetObjects(env, "Engagement").map((e) => String(e.URN).trim()));
  const las = new Set(area.map((la) => la.toLowerCase()));
  return sheetValues(env, "Schools")
    .slice(1)
    .map((row) => schoolFromRow(row))
    .filter((s): s is School => s !== null)
    .filter(
      (s) =>
        /^open/i.test(s.status) &&
        fundingOf(s) === "state" &&
        (las.size === 0 || las.has(s.la.toLowerCase())) &&
        phaseFlagsOf(s).secondary &&
        !engaged.has(s.urn),
    );
}

const EMAIL_STATUSES = ["Sent", "Queued"];

/** Reads the hub's sheets as they stand now. Throws if the Dashboard has not been built. */
export function readReportData(env: HubEnvironment): ReportData {
  const values = sheetValues(env, "Dashboard");
  const sections = dashboardSections(values);
  const verdictSection = section(sections, /by programme and verdict/i);
  const verdicts = verdictSection.header.slice(1, -1);
  const laSection = section(sections, /by local authority/i);
  const weekSection = section(sections, /by week/i);
  const placesSection = section(sections, /^places/i);
  const neverSection = section(sections, /never engaged/i);

  const area = getSetting(env, "Local authorities served")
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const names = new Map<string, string[]>();
  for (const s of neverEngagedSchools(env, area)) {
    const list = names.get(s.la.toLowerCase()) ?? [];
    list.push(s.name);
    names.set(s.la.toLowerCase(), list);
  }

  const programmes = sheetObjects(env, "Programmes");
  const opens = programmes.map((p) => dateOf(p.Opens)).filter((d): d is Date => d !== null);
  const closes = programmes.map((p) => dateOf(p.Closes)).filter((d): d is Date => d !== null);
  const time = (d: Date) => d.getTime();
  const pick = (ds: Date[], f: (...n: number[]) => number) =>
    ds.length ? new Date(f(...ds.map(time))) : null;

  const reasons = new Map<string, number>();
  for (const r of sheetObjects(env, "Applications")) {
    const codes = new Set(
      String(r.Reasons ?? "")
        .split("\n")
        .map((line) => line.split(":")[0]!.trim())
        .filter(Boolean),
    );
    for (const code of codes) reasons.set(code, (reasons.get(code) ?? 0) + 1);
  }

  const queue = env.spreadsheet.getSheetByName("Mail queue") ? sheetObjects(env, "Mail queue") : [];
  const statuses = [
    ...EMAIL_STATUSES,
    ...[...new Set(queue.map((q) => String(q.Status)))].filter((s) => !EMAIL_STATUSES.includes(s)),
  ];
  const kinds = new Map<string, number[]>();
  for (const q of queue) {
    const counts = kinds.get(String(q.Kind)) ?? statuses.map(() => 0);
    counts[statuses.indexOf(String(q.Status))]!++;
    kinds.set(String(q.Kind), counts);
  }

  return {
    hubName: getSetting(env, "Hub name") || String(values[0]?.[0] ?? "").replace(/:.*$/, ""),
    academicYears: [...new Set(programmes.map((p) => String(p["Academic year"] ?? "").trim()))]
      .filter(Boolean)
      .sort(),
    opens: pick(opens, Math.min),
    firstCloses: pick(closes, Math.min),
    lastCloses: pick(closes, Math.max),
    asAt: env.rt.now(),
    dashboardUpdated: String(values[1]?.[0] ?? ""),
    verdicts,
    byProgramme: verdictSection.rows.map((r) => ({
      programme: String(r[0]),
      counts: verdicts.map((_, i) => num(r[i + 1])),
      total: num(r[verdicts.length + 1]),
    })),
    byLocalAuthority: laSection.rows.map((r) => ({ la: String(r[0]), count: num(r[1]) })),
    byWeek: weekSection.rows.map((r) => {
      const week = dateOf(r[0]);
      return {
        week,
        label: week ? formatLondon(week, "d MMM yyyy") : String(r[0]),
        count: num(r[1]),
      };
    }),
    places: placesSection.rows.map((r) => ({
      programme: String(r[0]),
      places: r[1] === "" || r[1] === undefined ? null : num(r[1]),
      filled: num(r[2]),
      waitlisted: num(r[3]),
    })),
    neverEngaged: neverSection.rows.map((r) => ({
      la: String(r[0]),
      never: num(r[1]),
      all: num(r[2]),
      names: (names.get(String(r[0]).toLowerCase()) ?? []).sort((a, b) => a.localeCompare(b)),
    })),
    reasons: [...reasons]
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    emails: {
      statuses,
      byKind: [...kinds]
        .map(([kind, counts]) => ({ kind, counts }))
        .sort((a, b) => sum(b.counts) - sum(a.counts)),
      total: queue.length,
      sent: queue.filter((q) => q.Status === "Sent").length,
      queued: queue.filter((q) => q.Status === "Queued").length,
    },
  };
}

function sum(ns: number[]): number {
  return ns.reduce((a, b) => a + b, 0);
}

// ---------------------------------------------------------------------------------------------
// Drawing: small, dependency-free SVG charts
// ---------------------------------------------------------------------------------------------

/** Text for HTML and SVG, attributes included. */
export function esc(text: unknown): string {
  return String(text ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const fmt = (n: number) => n.toLocaleString("en-GB");

/** A round axis maximum and step: about five gridlines at 1, 2 or 5 times a power of ten. */
function axis(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const whole = Math.max(1, Math.round(step));
  return { top: Math.ceil(max / whole) * whole, step: whole };
}

/** Splits a label into at most `lines` lines of about `width` characters, with an ellipsis. */
function wrap(text: string, width: number, lines = 2): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && (line + " " + word).length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  if (out.length > lines) {
    const kept = out.slice(0, lines);
    kept[lines - 1] = `${kept[lines - 1]!.slice(0, width - 1).trimEnd()}…`;
    return kept;
  }
  return out;
}

interface Series {
  name: string;
  colour: string;
}

const BLUE = "#1d5f8a";

/** Horizontal bars, stacked when there is more than one series. */
function barChart(options: {
  id: string;
  title: string;
  rows: Array<{ label: string; values: number[] }>;
  series: Series[];
  labelWidth?: number;
  /** Drawing width: 960 for a full-width section, 460 for half. */
  width?: number;
}): string {
  const { rows, series } = options;
  if (rows.length === 0) return `<p class="empty">Nothing to show yet.</p>`;
  const width = options.width ?? 960;
  const labelWidth = options.labelWidth ?? 340;
  const chars = Math.floor(labelWidth / 6.6);
  const wrapped = rows.map((r) => wrap(r.label, chars));
  const rowHeight = wrapped.some((w) => w.length > 1) ? 34 : 24;
  const top = 8;
  const plotLeft = labelWidth + 12;
  const plotWidth = width - plotLeft - 48;
  const height = top + rows.length * rowHeight + 28;
  const { top: max, step } = axis(Math.max(...rows.map((r) => sum(r.values))));
  const x = (v: number) => plotLeft + (v / max) * plotWidth;
  const parts: string[] = [];
  for (let t = 0; t <= max; t += step) {
    parts.push(
      `<line x1="${x(t)}" x2="${x(t)}" y1="${top - 4}" y2="${height - 24}" class="grid"/>`,
      `<text x="${x(t)}" y="${height - 8}" class="tick" text-anchor="middle">${fmt(t)}</text>`,
    );
  }
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    const lines = wrapped[i]!;
    const firstLine = y + rowHeight / 2 - (lines.length - 1) * 7 + 4;
    parts.push(
      `<text x="${labelWidth}" y="${firstLine}" class="label" text-anchor="end"><title>${esc(r.label)}</title>${lines
        .map((l, j) => `<tspan x="${labelWidth}" dy="${j === 0 ? 0 : 14}">${esc(l)}</tspan>`)
        .join("")}</text>`,
    );
    let at = 0;
    const barY = y + (rowHeight - 16) / 2;
    r.values.forEach((v, s) => {
      if (v <= 0) return;
      parts.push(
        `<rect x="${x(at)}" y="${barY}" width="${x(at + v) - x(at)}" height="16" fill="${series[s]!.colour}"><title>${esc(r.label)}: ${esc(series[s]!.name)} ${fmt(v)}</title></rect>`,
      );
      at += v;
    });
    parts.push(`<text x="${x(at) + 6}" y="${barY + 12.5}" class="value">${fmt(at)}</text>`);
  });
  return svg(options.id, options.title, width, height, parts);
}

/** Vertical columns, e.g. applications by week. */
function columnChart(options: {
  id: string;
  title: string;
  points: Array<{ label: string; value: number }>;
}): string {
  const { points } = options;
  if (points.length === 0) return `<p class="empty">Nothing to show yet.</p>`;
  const width = 960;
  const height = 280;
  const left = 44;
  const right = 12;
  const top = 16;
  const bottom = 64;
  const plotHeight = height - top - bottom;
  const slot = (width - left - right) / points.length;
  const { top: max, step } = axis(Math.max(...points.map((p) => p.value)));
  const y = (v: number) => top + plotHeight - (v / max) * plotHeight;
  const parts: string[] = [];
  for (let t = 0; t <= max; t += step) {
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${y(t)}" y2="${y(t)}" class="grid"/>`,
      `<text x="${left - 6}" y="${y(t) + 4}" class="tick" text-anchor="end">${fmt(t)}</text>`,
    );
  }
  points.forEach((p, i) => {
    const cx = left + slot * i + slot / 2;
    const w = Math.max(2, Math.min(32, slot * 0.7));
    parts.push(
      `<rect x="${cx - w / 2}" y="${y(p.value)}" width="${w}" height="${y(0) - y(p.value)}" fill="${BLUE}"><title>Week starting ${esc(p.label)}: ${fmt(p.value)}</title></rect>`,
    );
    if (p.value > 0 && slot >= 18)
      parts.push(
        `<text x="${cx}" y="${y(p.value) - 4}" class="value" text-anchor="middle">${fmt(p.value)}</text>`,
      );
    const short = p.label.replace(/ \d{4}$/, "");
    parts.push(
      `<text x="${cx}" y="${height - bottom + 14}" class="tick" text-anchor="end" transform="rotate(-45 ${cx} ${height - bottom + 14})">${esc(short)}</text>`,
    );
  });
  return svg(options.id, options.title, width, height, parts);
}

/** Places against offers: a pale bar for the places, a dark one for those offered or accepted. */
function placesChart(rows: ReportData["places"]): string {
  const width = 960;
  const labelWidth = 340;
  const chars = Math.floor(labelWidth / 6.6);
  const wrapped = rows.map((r) => wrap(r.programme, chars));
  const rowHeight = 34;
  const plotLeft = labelWidth + 12;
  const plotWidth = width - plotLeft - 150;
  const height = 8 + rows.length * rowHeight + 28;
  const { top: max, step } = axis(
    Math.max(1, ...rows.map((r) => Math.max(r.places ?? 0, r.filled))),
  );
  const x = (v: number) => plotLeft + (v / max) * plotWidth;
  const parts: string[] = [];
  for (let t = 0; t <= max; t += step)
    parts.push(
      `<line x1="${x(t)}" x2="${x(t)}" y1="4" y2="${height - 24}" class="grid"/>`,
      `<text x="${x(t)}" y="${height - 8}" class="tick" text-anchor="middle">${fmt(t)}</text>`,
    );
  rows.forEach((r, i) => {
    const y = 8 + i * rowHeight;
    const lines = wrapped[i]!;
    const firstLine = y + rowHeight / 2 - (lines.length - 1) * 7 + 4;
    parts.push(
      `<text x="${labelWidth}" y="${firstLine}" class="label" text-anchor="end">${lines
        .map((l, j) => `<tspan x="${labelWidth}" dy="${j === 0 ? 0 : 14}">${esc(l)}</tspan>`)
        .join("")}</text>`,
    );
    const barY = y + (rowHeight - 18) / 2;
    if (r.places !== null)
      parts.push(
        `<rect x="${x(0)}" y="${barY}" width="${x(r.places) - x(0)}" height="18" fill="#c9dbe8"><title>${esc(r.programme)}: ${fmt(r.places)} places</title></rect>`,
      );
    if (r.filled > 0)
      parts.push(
        `<rect x="${x(0)}" y="${barY + 4}" width="${x(r.filled) - x(0)}" height="10" fill="${BLUE}"><title>${esc(r.programme)}: ${fmt(r.filled)} offered or accepted</title></rect>`,
      );
    const note =
      r.places === null ? `${fmt(r.filled)} offered` : `${fmt(r.filled)} of ${fmt(r.places)}`;
    parts.push(
      `<text x="${x(Math.max(r.places ?? 0, r.filled)) + 8}" y="${barY + 13}" class="value">${esc(note)}</text>`,
    );
  });
  return svg(
    "chart-places",
    "Places offered or accepted against places, by programme",
    width,
    height,
    parts,
  );
}

function svg(id: string, title: string, width: number, height: number, parts: string[]): string {
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title" xmlns="http://www.w3.org/2000/svg"><title id="${id}-title">${esc(title)}</title>${parts.join("")}</svg>`;
}

function legend(series: Series[]): string {
  return `<ul class="legend">${series
    .map(
      (s) => `<li><span class="swatch" style="background:${s.colour}"></span>${esc(s.name)}</li>`,
    )
    .join("")}</ul>`;
}

/** A plain table; columns holding only numbers (or blanks) are right-aligned. */
function table(header: string[], rows: Array<Array<string | number>>): string {
  const numeric = header.map(
    (_, i) => i > 0 && rows.every((r) => typeof r[i] === "number" || r[i] === ""),
  );
  const cls = (i: number) => (numeric[i] ? ' class="num"' : "");
  return `<table><thead><tr>${header
    .map((h, i) => `<th${cls(i)}>${esc(h)}</th>`)
    .join("")}</tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr>${r.map((v, i) => `<td${cls(i)}>${esc(typeof v === "number" ? fmt(v) : v)}</td>`).join("")}</tr>`,
    )
    .join("")}</tbody></table>`;
}

function figures(header: string[], rows: Array<Array<string | number>>): string {
  return `<details><summary>The figures</summary>${table(header, rows)}</details>`;
}

// ---------------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------------

const VERDICT_COLOURS: Record<string, string> = {
  ELIGIBLE: "#2e7d4f",
  REVIEW: "#e0a526",
  INELIGIBLE: "#c0392b",
  INVALID: "#8a8f98",
};

const VERDICT_NAMES: Record<string, string> = {
  ELIGIBLE: "Eligible",
  REVIEW: "Needs review",
  INELIGIBLE: "Ineligible",
  INVALID: "Invalid",
};

/** Plain words for the reason codes (DESIGN.md); unknown codes are shown as they are. */
const REASON_WORDS: Record<string, string> = {
  MISSING_FIELD: "A required answer was missing",
  BAD_EMAIL: "Email address cannot be used",
  SCHOOL_NOT_FOUND: "School not found in the register",
  URN_SUPERSEDED: "Old URN followed to the school's successor",
  SCHOOL_CLOSED: "School has closed",
  NOT_STATE_FUNDED: "School is not state-funded",
  NOT_IN_ENGLAND: "School is not in England",
  WRONG_PHASE: "School's phase does not fit the programme",
  OUT_OF_AREA: "School is outside the hub's area",
  NO_QTS: "No qualified teacher status",
  TOO_LITTLE_EXPERIENCE: "Too little teaching experience",
  IS_ECT: "Is an early career teacher",
  NOT_ECT: "Is not an early career teacher",
  NO_HEAD_SUPPORT: "Head teacher's support not given",
  NO_HOD_SUPPORT: "Head of maths' support not given",
  NEEDS_TWO_ADVOCATES: "Needs two Mastery Advocates",
  NOT_PREVIOUS_DEVELOPMENT: "No Development Work Group last year",
  TOO_FEW_MAT_SCHOOLS: "Trust has too few schools",
  SCHOOL_NOT_IN_WORK_GROUP: "School not in a Teaching for Mastery Work Group",
  NO_PD_LEAD: "Has not completed the PD Lead Programme",
  LATE: "Submitted after the closing time",
  DUPLICATE: "Applied more than once",
  SCHOOL_LIMIT: "More applications from one school than its limit",
  ENDORSER_UNVERIFIED: "Endorser's email address needs checking",
  UNASSIGNED: "No lead covers it",
  BAD_ANSWER: "An answer could not be read",
  ALREADY_IN_DEVELOPMENT: "School already did a Development Work Group",
  NOT_SUBJECT_LEADER: "Not a subject leader",
  NOT_IN_TRUST: "Register shows no trust for the school",
  NOT_TEACHING_YEAR_7: "Does not teach Year 7",
  NOT_TEACHING_L2: "Does not teach Level 2",
  MATHS_SPECIALIST: "Trained as a maths specialist",
  NOT_TEACHING_MATHS: "Does not teach maths",
  NO_SKTM_PHASE_1: "Has not done SKTM Phase 1",
  NO_ITT_MATHS_ROLE: "No maths role in teacher training",
  NO_PD_BEYOND_SCHOOL: "Has not led PD beyond their school",
};

const EMAIL_KINDS: Record<string, string> = {
  acknowledgement: "Acknowledgements to applicants",
  digest: "Digests to leads",
  "closing-reminder": "Closing reminders to leads",
  "closing-summary": "Closing summaries",
  "endorsement-request": "Endorsement requests",
  "endorsement-reminder": "Endorsement reminders",
  "endorsement-declined": "Endorsements declined",
  decision: "Decisions to applicants",
  offer: "Offers of a place",
  waitlist: "Waiting-list letters",
  "not-offered": "Not offered a place",
};

const STATUS_COLOURS = [BLUE, "#e0a526", "#c0392b", "#8a8f98", "#7b5ea7"];

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f4f6f8;color:#1f2933;font:15px/1.5 "Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif}
header.top{background:#0f3a57;color:#fff;padding:28px 0 40px}
.wrap{max-width:1040px;margin:0 auto;padding:0 24px}
header.top h1{margin:0 0 4px;font-size:28px;font-weight:600;letter-spacing:-.01em}
header.top p{margin:2px 0;color:#d5e3ee}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(118px,1fr));gap:12px;margin:-24px 0 8px}
.kpi{background:#fff;border-radius:8px;padding:14px 16px;box-shadow:0 1px 3px rgba(15,58,87,.12)}
.kpi b{display:block;font-size:24px;font-weight:600;color:#0f3a57;line-height:1.2}
.kpi span{font-size:13px;color:#52606d}
section{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(15,58,87,.12);padding:20px 24px;margin:18px 0}
h2{margin:0 0 4px;font-size:19px;font-weight:600;color:#0f3a57}
section>p{margin:0 0 12px;color:#52606d}
svg.chart{display:block;width:100%;height:auto;margin:8px 0}
svg .label{font-size:12px;fill:#1f2933}
svg .tick{font-size:11px;fill:#6b7785}
svg .value{font-size:11.5px;fill:#1f2933;font-weight:600}
svg .grid{stroke:#e4e8ec;stroke-width:1}
.legend{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:6px 18px;font-size:13px;color:#3e4c59}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-1px}
details{margin-top:8px}
summary{cursor:pointer;color:#1d5f8a;font-size:14px}
table{border-collapse:collapse;width:100%;font-size:13.5px;margin:8px 0}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e4e8ec;vertical-align:top}
th{font-weight:600;color:#3e4c59;background:#f7f9fa}
.num{text-align:right;font-variant-numeric:tabular-nums}
.two{display:grid;grid-template-columns:1fr 1fr;gap:18px}
@media (max-width:760px){.two{grid-template-columns:1fr}}
ol.schools{columns:2;column-gap:28px;margin:6px 0 0;padding-left:22px;font-size:13.5px}
ol.schools li{break-inside:avoid}
.more{color:#6b7785;font-size:13px}
.empty{color:#6b7785;font-style:italic}
footer{color:#6b7785;font-size:13px;padding:8px 0 32px}
`;

/** How many never-engaged schools to name per local authority. */
export const NAMES_PER_LA = 20;

function when(d: Date | null, pattern = "d MMMM yyyy"): string {
  return d ? formatLondon(d, pattern) : "not set";
}

/** The Dashboard's "Updated 2024-06-17 08:00 UTC" in UK time: "refreshed 17 June 2024 at 09:00 (UK time)". */
function refreshed(line: string): string {
  const m = /(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})\s*UTC/.exec(line);
  if (!m) return line.trim() ? line.trim().replace(/^Updated/i, "updated") : "not yet refreshed";
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  return `refreshed ${formatLondon(new Date(Date.UTC(y, mo - 1, d, h, mi)), "d MMMM yyyy 'at' HH:mm")} (UK time)`;
}

export function renderReport(data: ReportData): string {
  const total = sum(data.byProgramme.map((p) => p.total));
  const verdictTotals = data.verdicts.map((_, i) => sum(data.byProgramme.map((p) => p.counts[i]!)));
  const verdictSeries = data.verdicts.map((v, i) => ({
    name: VERDICT_NAMES[v] ?? v,
    colour: VERDICT_COLOURS[v] ?? STATUS_COLOURS[i % STATUS_COLOURS.length]!,
  }));
  const placesTotal = sum(data.places.map((p) => p.places ?? 0));
  const filled = sum(data.places.map((p) => p.filled));
  const waitlisted = sum(data.places.map((p) => p.waitlisted));
  const never = sum(data.neverEngaged.map((n) => n.never));
  const secondary = sum(data.neverEngaged.map((n) => n.all));
  const years = data.academicYears.join(", ");
  const kpi = (value: string, label: string) =>
    `<div class="kpi"><b>${esc(value)}</b><span>${esc(label)}</span></div>`;
  const eligible = verdictTotals[data.verdicts.indexOf("ELIGIBLE")] ?? 0;
  const review = verdictTotals[data.verdicts.indexOf("REVIEW")] ?? 0;

  const byVerdict = barChart({
    id: "chart-verdict",
    title: "Applications by programme and verdict",
    rows: data.byProgramme.map((p) => ({ label: p.programme, values: p.counts })),
    series: verdictSeries,
  });
  const byLa = barChart({
    id: "chart-la",
    title: "Applications by local authority",
    rows: data.byLocalAuthority.map((r) => ({ label: r.la, values: [r.count] })),
    series: [{ name: "Applications", colour: BLUE }],
    labelWidth: 130,
    width: 460,
  });
  const byWeek = columnChart({
    id: "chart-week",
    title: "Applications received by week (weeks start on Monday, Europe/London)",
    points: data.byWeek.map((w) => ({ label: w.label, value: w.count })),
  });
  const waiting = data.places.filter((p) => p.waitlisted > 0);
  const waitlists = waiting.length
    ? barChart({
        id: "chart-waitlists",
        title: "Waiting lists by programme",
        rows: waiting.map((p) => ({ label: p.programme, values: [p.waitlisted] })),
        series: [{ name: "Waitlisted", colour: "#e0a526" }],
      })
    : `<p class="empty">No one is on a waiting list.</p>`;
  const reasons = barChart({
    id: "chart-reasons",
    title: "The reasons most often given",
    rows: data.reasons.slice(0, 15).map((r) => ({
      label: `${REASON_WORDS[r.code] ?? r.code} (${r.code})`,
      values: [r.count],
    })),
    series: [{ name: "Applications", colour: "#7b5ea7" }],
    labelWidth: 420,
  });
  const emailSeries = data.emails.statuses.map((s, i) => ({
    name: s,
    colour: STATUS_COLOURS[i % STATUS_COLOURS.length]!,
  }));
  const emails = barChart({
    id: "chart-emails",
    title: "Emails by kind and status",
    rows: data.emails.byKind.map((k) => ({
      label: EMAIL_KINDS[k.kind] ?? k.kind,
      values: k.counts,
    })),
    series: emailSeries,
    labelWidth: 200,
    width: 460,
  });
  const neverBlocks = data.neverEngaged
    .map((n) => {
      const shown = n.names.slice(0, NAMES_PER_LA);
      const rest = n.never - shown.length;
      return `<h3>${esc(n.la)}: ${fmt(n.never)} of ${fmt(n.all)} state-funded secondary schools</h3>${
        shown.length
          ? `<ol class="schools">${shown.map((s) => `<li>${esc(s)}</li>`).join("")}</ol>${
              rest > 0 ? `<p class="more">and ${fmt(rest)} more (see the Schools sheet).</p>` : ""
            }`
          : `<p class="empty">Every one has engaged.</p>`
      }`;
    })
    .join("");

  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(data.hubName)}: recruitment report ${esc(years)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top"><div class="wrap">
<h1>${esc(data.hubName)}</h1>
<p>Recruitment ${esc(years || "season")}: applications opened ${esc(when(data.opens))}; programmes closed between ${esc(when(data.firstCloses))} and ${esc(when(data.lastCloses))}.</p>
<p>Figures from the hub's Dashboard sheet, ${esc(refreshed(data.dashboardUpdated))}.</p>
</div></header>
<main class="wrap">
<div class="kpis">
${kpi(fmt(total), "applications")}
${kpi(fmt(eligible), "eligible")}
${kpi(fmt(review), "need review")}
${kpi(`${fmt(filled)} / ${fmt(placesTotal)}`, "places filled")}
${kpi(fmt(waitlisted), "on waiting lists")}
${kpi(fmt(never), "never-engaged schools")}
${kpi(fmt(data.emails.sent), "emails sent")}
</div>

<section id="verdicts">
<h2>Applications by programme and verdict</h2>
<p>${fmt(total)} applications across ${fmt(data.byProgramme.length)} programmes. ${data.verdicts
    .map((v, i) => `${esc(VERDICT_NAMES[v] ?? v)}: ${fmt(verdictTotals[i]!)}`)
    .join("; ")}.</p>
${legend(verdictSeries)}
${byVerdict}
${figures(
  ["Programme", ...data.verdicts.map((v) => VERDICT_NAMES[v] ?? v), "Total"],
  data.byProgramme.map((p) => [p.programme, ...p.counts, p.total]),
)}
</section>

<div class="two">
<section id="local-authorities">
<h2>By local authority</h2>
<p>Where the applicants' schools are.</p>
${byLa}
${figures(
  ["Local authority", "Applications"],
  data.byLocalAuthority.map((r) => [r.la, r.count]),
)}
</section>
<section id="emails">
<h2>Emails</h2>
<p>${fmt(data.emails.sent)} sent, ${fmt(data.emails.queued)} still queued for the daily budget${data.emails.statuses
    .slice(EMAIL_STATUSES.length)
    .map(
      (st, i) =>
        `, ${fmt(sum(data.emails.byKind.map((k) => k.counts[i + EMAIL_STATUSES.length]!)))} ${esc(st.toLowerCase())}`,
    )
    .join("")}.</p>
${legend(emailSeries)}
${emails}
${figures(
  ["Kind", ...data.emails.statuses],
  data.emails.byKind.map((k) => [EMAIL_KINDS[k.kind] ?? k.kind, ...k.counts]),
)}
</section>
</div>

<section id="weeks">
<h2>Applications received by week</h2>
<p>Weeks start on Monday, Europe/London.</p>
${byWeek}
${figures(
  ["Week starting", "Applications"],
  data.byWeek.map((w) => [w.label, w.count]),
)}
</section>

<section id="places">
<h2>Places</h2>
<p>${fmt(filled)} of ${fmt(placesTotal)} places offered or accepted; ${fmt(waitlisted)} on waiting lists.</p>
${legend([
  { name: "Places", colour: "#c9dbe8" },
  { name: "Offered or accepted", colour: BLUE },
])}
${placesChart(data.places)}
<h3>Waiting lists</h3>
${waitlists}
${figures(
  ["Programme", "Places", "Offered or accepted", "Waitlisted"],
  data.places.map((p) => [p.programme, p.places === null ? "" : p.places, p.filled, p.waitlisted]),
)}
</section>

<section id="never-engaged">
<h2>Secondary schools in the hub's area that have never engaged</h2>
<p>${fmt(never)} of ${fmt(secondary)} open, state-funded secondary schools have no row in the Engagement sheet. The first ${NAMES_PER_LA} in each local authority, A to Z:</p>
${neverBlocks}
</section>

<section id="reasons">
<h2>The reasons most often given</h2>
<p>Applications giving each reason (an application may give several).</p>
${reasons}
${figures(
  ["Reason", "Code", "Applications"],
  data.reasons.map((r) => [REASON_WORDS[r.code] ?? r.code, r.code, r.count]),
)}
</section>
</main>
<footer><div class="wrap">Made by <code>mhr</code> from the hub's spreadsheet on ${esc(when(data.asAt, "d MMMM yyyy 'at' HH:mm"))} (the hub's clock, UK time). Applicants' names and email addresses are left out of this report on purpose; they are in the Applications sheet, which only the hub's editors can see.</div></footer>
</body>
</html>
`;
}

/** Writes `report.html` into `dir` from the hub's sheets as they stand; returns its path and size. */
export function writeReport(env: HubEnvironment, dir: string): { file: string; bytes: number } {
  const html = renderReport(readReportData(env));
  const file = path.join(dir, "report.html");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, html);
  return { file, bytes: Buffer.byteLength(html) };
}
