// The retention purge: applicants' personal data is deleted once the hub's retention period after
// their cohort started has passed (Settings: "Data retention months").
//
// What is kept, for the dashboard's counts: Response ID, programme, academic year, verdict, score,
// reason CODES, endorsement status, lead, review status, decision, group, school URN, school, local
// authority, and the month of submission. What goes: the applicant's name and email, their answers,
// the wording of their reasons (it can quote answers), routing notes, and any column the hub added.
// Their rows in the form response sheets are emptied except for the timestamp (rows are never
// deleted: other rows' Source references would shift), their responses are deleted from the Forms
// themselves, their queued emails lose address and body, and any other cell that still names them
// (Audit, Log, cohort lists, dashboards) has the name or address replaced by "(deleted)". Their
// endorsers' answers (the Endorsement Form's response sheet and the Endorsements ledger) lose the
// endorser's name, role, comments and any email address, keeping the timestamp, reference, school
// and decision for the counts; the Endorsement Form's own copies are deleted like the others.
//
// Order matters for a run killed half-way: the register row, which says what still needs purging,
// is marked last, so a rerun finds the same applications and finishes the job; every step before
// it is idempotent. The endorsement sheets are written just before the register: until then they
// still name the endorser, so a rerun can find the name wherever else it appears. The daily check
// costs one property read while nothing can be due: a watermark keeps the earliest instant any
// kept application expires and a fingerprint of the settings it was computed from.
import { retentionSummary } from "../../domain/emails";
import { fnv1a } from "../../domain/hash";
import { londonParts } from "../../domain/calendar";
import { cohortStartFor, reasonCodes, retentionEnds } from "../../domain/schedule";
import { endorsementQuestion } from "../../domain/endorsement";
import { asText, cellDate, cellText, type Cell } from "../../sheets/cells";
import type { HubConfig, ProgrammeConfig } from "../../sheets/config";
import { appendAudit, appendLog } from "../../sheets/journal";
import {
  APPLICATIONS_SHEET,
  ENDORSEMENTS_SHEET,
  ENGAGEMENT_SHEET,
  GROUPS_SHEET,
  LEADS_SHEET,
  OUTBOX_SHEET,
  PROGRAMMES_SHEET,
  SCHOOLS_SHEET_NAME,
  SETTINGS_SHEET,
} from "../../sheets/layout";
import {
  boundedRuns,
  readRegister,
  REGISTER_HEADERS,
  rowFromRecord,
  storedAnswers,
  type ApplicationRecord,
} from "../../sheets/register";
import { consecutiveRuns, readTable, writeBlock, type Table } from "../../sheets/table";
import { londonInstant } from "../../domain/calendar";
import { endorsementSheetName } from "../endorsement-form";
import type { Services } from "../services";
import { openForm } from "../forms";
import { elapsedMs, hubLeadEmail, hubVoice, queueEmails, type JobContext } from "./context";

/** Answers hash of a purged application: intake never matches it, and the purge skips it. */
export const PURGED = "purged";
const WATERMARK = "retention.next";
const DELETED = "(deleted)";
/** Stop deleting form responses after this long (each is a service call); the rest go next run. */
const PURGE_BUDGET_MS = 200_000;

export interface PurgeReport {
  /** Applications whose personal data was deleted (or, in a dry run, would be). */
  applications: number;
  /** ["Secondary Mastery Specialist, 2023/24", n] */
  byGroup: Array<[string, number]>;
  responseRows: number;
  /** Rows of the endorsement sheets whose endorser's name, role and comments were deleted. */
  endorserRows: number;
  formResponses: number;
  otherCells: number;
  /** Applications due but left for the next run (time budget). */
  remaining: number;
  problems: string[];
  /** Nothing could be due, so nothing was read (the watermark). */
  skipped: boolean;
  dryRun: boolean;
}

function emptyReport(dryRun: boolean): PurgeReport {
  return {
    applications: 0,
    byGroup: [],
    responseRows: 0,
    endorserRows: 0,
    formResponses: 0,
    otherCells: 0,
    remaining: 0,
    problems: [],
    skipped: false,
    dryRun,
  };
}

function fingerprint(config: HubConfig): string {
  return fnv1a(
    JSON.stringify([
      config.settings.retentionMonths,
      config.programmes.map((p) => [p.key, p.year, p.cohortStarts?.getTime() ?? null, p.active]),
    ]),
  );
}

/** When an application's personal data is due for deletion; null when it cannot be told. */
export function purgeDueAt(
  record: ApplicationRecord,
  programme: ProgrammeConfig | undefined,
  months: number,
): Date | null {
  const start = cohortStartFor(record.year, programme ?? null, record.submitted);
  return start ? retentionEnds(start, months) : null;
}

function isPurged(r: ApplicationRecord): boolean {
  return r.answersHash === PURGED;
}

// ---- what identifies a person ----

const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+/g;

/** Names (two words or more) and email addresses that identify the people of an application. */
function personalStrings(
  r: ApplicationRecord,
  extra: readonly Cell[] = [],
): { emails: string[]; names: string[] } {
  const emails = new Set<string>();
  const names = new Set<string>();
  const addName = (s: unknown) => {
    const t = typeof s === "string" ? s.trim().replace(/\s+/g, " ") : "";
    if (t.length >= 5 && t.includes(" ")) names.add(t);
  };
  const addEmails = (s: unknown) => {
    if (typeof s !== "string") return;
    for (const m of s.match(EMAIL) ?? []) emails.add(m.toLowerCase());
  };
  addName(r.applicant);
  addEmails(r.email);
  // Stored answers may hold lists too (checkboxes): only text is a name or an address.
  const answers: Record<string, unknown> = storedAnswers(r);
  const text = (k: string) => (typeof answers[k] === "string" ? (answers[k] as string) : "");
  addName(`${text("firstName")} ${text("lastName")}`);
  addName(text("headName"));
  addName(text("advocate2Name"));
  for (const v of Object.values(answers)) addEmails(v);
  for (const v of extra) addEmails(v);
  return { emails: [...emails], names: [...names] };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Replaces every mention of the given emails and names in a text; null when there is none. */
function scrubber(
  emails: readonly string[],
  names: readonly string[],
): (s: string) => string | null {
  const parts = [
    ...emails.map(escapeRegExp),
    ...names.map(
      (n) => `(?<![\\p{L}\\p{N}])${escapeRegExp(n).replace(/ /g, "\\s+")}(?![\\p{L}\\p{N}])`,
    ),
  ].sort((a, b) => b.length - a.length);
  if (parts.length === 0) return () => null;
  const pattern = new RegExp(parts.join("|"), "giu");
  return (s) => {
    pattern.lastIndex = 0;
    if (!pattern.test(s)) return null;
    pattern.lastIndex = 0;
    return s.replace(pattern, DELETED);
  };
}

// ---- response sheets and forms ----

interface ResponseLocation {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  row: number;
}

/** "sec-specialist-1a2b-17" → tag "1a2b", row 17 (see intake.responseIdFor). */
function parseResponseId(id: string): { tag: string; row: number } | null {
  const m = /-([0-9a-f]{4})-(\d+)$/.exec(id);
  return m ? { tag: m[1]!, row: Number(m[2]) } : null;
}

class SheetFinder {
  private byTag: Map<string, GoogleAppsScript.Spreadsheet.Sheet> | null = null;
  private readonly byName = new Map<string, GoogleAppsScript.Spreadsheet.Sheet | null>();
  constructor(private readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {}

  private named(name: string): GoogleAppsScript.Spreadsheet.Sheet | null {
    if (!name) return null;
    if (!this.byName.has(name)) this.byName.set(name, this.ss.getSheetByName(name));
    return this.byName.get(name)!;
  }

  /** The response sheet row of an application: by its Source, checked against its Response ID. */
  locate(r: ApplicationRecord, programme: ProgrammeConfig | undefined): ResponseLocation | null {
    const id = parseResponseId(r.responseId);
    if (!id) return null;
    const sourceName = r.source.includes("!") ? r.source.slice(0, r.source.lastIndexOf("!")) : "";
    for (const name of [programme?.responseSheet ?? "", sourceName]) {
      const sheet = this.named(name);
      if (sheet && fnv1a(String(sheet.getSheetId())).slice(0, 4) === id.tag)
        return { sheet, row: id.row };
    }
    if (!this.byTag) {
      this.byTag = new Map();
      for (const s of this.ss.getSheets())
        this.byTag.set(fnv1a(String(s.getSheetId())).slice(0, 4), s);
    }
    const sheet = this.byTag.get(id.tag);
    return sheet ? { sheet, row: id.row } : null;
  }
}

interface SheetWork {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  rows: Map<number, ApplicationRecord>;
}

/** Whole seconds, as a response sheet's Timestamp and a FormResponse agree on them. */
const second = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * Empties the purged rows of one response sheet except their Timestamp; returns the timestamps of
 * those rows and of the rows kept (to match the Form's own responses safely), and the cells read.
 */
function emptyResponseRows(
  work: SheetWork,
  dryRun: boolean,
): { purged: Map<number, string>; kept: Set<number>; cells: Map<string, Cell[]> } {
  const table = readTable(work.sheet);
  const tsCol = table.col("Timestamp");
  const purged = new Map<number, string>();
  const kept = new Set<number>();
  const cells = new Map<string, Cell[]>();
  const toWrite: number[] = [];
  table.rows.forEach((row, i) => {
    const rowNumber = table.firstRow + i;
    const ts = tsCol >= 0 ? cellDate(row[tsCol]) : null;
    const record = work.rows.get(rowNumber);
    if (!record) {
      if (ts) kept.add(second(ts));
      return;
    }
    cells.set(record.responseId, row);
    if (ts) purged.set(second(ts), record.responseId);
    if (row.some((v, c) => c !== tsCol && cellText(v) !== "")) toWrite.push(i);
  });
  if (!dryRun) {
    for (const run of consecutiveRuns(toWrite)) {
      writeBlock(
        work.sheet,
        table.firstRow + run[0]!,
        1,
        run.map((i) => table.rows[i]!.map((v, c) => (c === tsCol ? v : ""))),
      );
    }
  }
  return { purged, kept, cells };
}

/** Deletes the Form's own copies of purged responses; a timestamp shared with a kept row is left. */
function deleteFormResponses(
  ctx: JobContext,
  // A programme's form, or the Endorsement Form (title "Endorsement").
  programme: Pick<ProgrammeConfig, "form" | "title">,
  purged: Map<number, string>,
  kept: Set<number>,
  report: PurgeReport,
  dryRun: boolean,
): Set<string> {
  const handled = new Set<string>();
  if (!programme.form || purged.size === 0) {
    for (const id of purged.values()) handled.add(id);
    return handled;
  }
  let form: GoogleAppsScript.Forms.Form;
  try {
    form = openForm(ctx.services, programme.form);
  } catch {
    report.problems.push(
      `The ${programme.title} form could not be opened, so its own copies of ${purged.size} responses were not deleted; delete them in Forms (Responses) if the form still exists.`,
    );
    for (const id of purged.values()) handled.add(id);
    return handled;
  }
  // A sheet's Timestamp and the Form's own may round to the second differently: a response
  // matches purged rows a second either side, and is deleted only when no kept row is as close
  // (two responses in the same second, one of them kept, are left for a person to sort out).
  const near = (s: number) => [s - 1, s, s + 1];
  const earliest = Math.min(...purged.keys());
  let ambiguous = 0;
  let finished = true;
  for (const response of form.getResponses(new Date((earliest - 1) * 1000))) {
    if (elapsedMs(ctx) > PURGE_BUDGET_MS) {
      finished = false;
      break;
    }
    const ts = response.getTimestamp() as unknown as Date | null;
    if (!ts) continue;
    const s = second(ts);
    if (!near(s).some((k) => purged.has(k))) continue;
    if (near(s).some((k) => kept.has(k))) {
      ambiguous++;
      continue;
    }
    if (!dryRun) form.deleteResponse(response.getId());
    report.formResponses++;
  }
  if (ambiguous)
    report.problems.push(
      `${ambiguous} responses in the ${programme.title} form were given within a second of a response that is kept, so they were left in the form; delete them in Forms by hand.`,
    );
  // Out of time: the rest next run (responses deleted so far are not found again). Rows whose
  // response the Form no longer holds (deleted earlier, or by hand) are done once the loop ends.
  if (finished) for (const id of purged.values()) handled.add(id);
  return handled;
}

// ---- endorsers: the Endorsement Form's response sheet and the Endorsements ledger ----

/** Question titles compared as the endorsement reader compares them (a hub may reword a little). */
const loose = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9']+/g, " ")
    .trim();

/**
 * One endorsement sheet, read once before anything is deleted and written once at the end (after
 * the rest of the spreadsheet has been scrubbed of the endorsers it names).
 */
interface EndorserSheet {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  table: Table;
  /** When the endorser answered (-1 when the sheet has no such column): never changed. */
  tsCol: number;
  /** The columns that name or describe the endorser: emptied in purged rows. */
  personal: number[];
  /** Index in table.rows → Response ID of the application being purged that the row endorses. */
  purgedRows: Map<number, string>;
}

/** Reads an endorsement sheet and finds the rows whose reference is being purged (by lower case). */
function readEndorserSheet(
  sheet: GoogleAppsScript.Spreadsheet.Sheet | null,
  columns: { reference: string; time: string; personal: (header: string) => boolean },
  ids: ReadonlyMap<string, string>,
): EndorserSheet | null {
  if (!sheet) return null;
  const table = readTable(sheet);
  const find = (title: string) => table.header.findIndex((h) => loose(h) === loose(title));
  const refCol = find(columns.reference);
  const purgedRows = new Map<number, string>();
  if (refCol >= 0)
    table.rows.forEach((row, i) => {
      const id = ids.get(cellText(row[refCol]).trim().toLowerCase());
      if (id) purgedRows.set(i, id);
    });
  return {
    sheet,
    table,
    tsCol: find(columns.time),
    personal: table.header.flatMap((h, c) => (h !== "" && columns.personal(h) ? [c] : [])),
    purgedRows,
  };
}

/** The Endorsement Form's response sheet ("Your name", "Your role", comments, any email column). */
function readEndorsementResponses(
  ctx: JobContext,
  ids: ReadonlyMap<string, string>,
): EndorserSheet | null {
  const personal = new Set(
    (["endorserName", "endorserRole", "comments"] as const).map((f) =>
      loose(endorsementQuestion(f).title),
    ),
  );
  return readEndorserSheet(
    ctx.ss.getSheetByName(endorsementSheetName(ctx.services)),
    {
      reference: endorsementQuestion("reference").title,
      time: "Timestamp",
      // Forms adds "Email address" when it collects respondents' addresses.
      personal: (h) => personal.has(loose(h)) || /e-?mail/i.test(h),
    },
    ids,
  );
}

/** The Endorsements ledger ("Endorser", "Role"). */
function readEndorsementLedger(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  ids: ReadonlyMap<string, string>,
): EndorserSheet | null {
  const personal = new Set(["endorser", "role"]);
  return readEndorserSheet(
    ss.getSheetByName(ENDORSEMENTS_SHEET.name),
    { reference: "Reference", time: "Processed", personal: (h) => personal.has(loose(h)) },
    ids,
  );
}

/**
 * The endorsers' names and addresses in an endorsement sheet: those of rows endorsing the
 * applications purged now go, those of rows endorsing kept applications stay (a head who endorsed
 * a kept application keeps their name where it appears). Rows of applications left for the next
 * run count as neither.
 */
function collectEndorsers(
  work: EndorserSheet,
  purgedIds: ReadonlySet<string>,
  gone: { emails: Set<string>; names: Set<string> },
  keep: { emails: Set<string>; names: Set<string> },
): void {
  work.table.rows.forEach((row, i) => {
    const id = work.purgedRows.get(i);
    const into = id === undefined ? keep : purgedIds.has(id) ? gone : null;
    if (!into) return;
    for (const c of work.personal) {
      const t = cellText(row[c]).trim().replace(/\s+/g, " ");
      if (t.length >= 5 && t.includes(" ") && !t.includes("@")) into.names.add(t.toLowerCase());
    }
    for (const v of row)
      if (typeof v === "string")
        for (const m of v.match(EMAIL) ?? []) into.emails.add(m.toLowerCase());
  });
}

/**
 * Empties the endorser's columns of purged rows and replaces any email address left in them, and
 * scrubs every row as scrubSheet would; then one write of the smallest block that holds every
 * change. Returns the purged rows changed and the cells changed.
 */
function purgeEndorserSheet(
  work: EndorserSheet,
  scrub: (s: string) => string | null,
  dryRun: boolean,
): { rows: number; cells: number } {
  const { table } = work;
  const next = table.rows.map((r) => [...r]);
  const box = { top: Infinity, bottom: -1, left: Infinity, right: -1 };
  let rows = 0;
  let cells = 0;
  next.forEach((row, i) => {
    const purged = work.purgedRows.has(i);
    let changed = false;
    row.forEach((v, c) => {
      if (c === work.tsCol) return;
      let out: Cell | null = null;
      if (purged && work.personal.includes(c)) {
        if (cellText(v) !== "") out = "";
      } else if (typeof v === "string" && v !== "") {
        const s = purged ? v.replace(EMAIL, DELETED) : v;
        const t = scrub(s) ?? s;
        if (t !== v) out = t;
      }
      if (out === null) return;
      row[c] = out;
      cells++;
      changed = true;
      box.top = Math.min(box.top, i);
      box.bottom = Math.max(box.bottom, i);
      box.left = Math.min(box.left, c);
      box.right = Math.max(box.right, c);
    });
    if (purged && changed) rows++;
  });
  if (!dryRun && box.bottom >= 0)
    writeBlock(
      work.sheet,
      table.firstRow + box.top,
      box.left + 1,
      next
        .slice(box.top, box.bottom + 1)
        .map((r) =>
          r.slice(box.left, box.right + 1).map((v) => (typeof v === "string" ? asText(v) : v)),
        ),
    );
  return { rows, cells };
}

// ---- the purge ----

/** The sheets that never hold applicants' data, or are purged row by row above. */
function scrubbedSheets(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  responseSheets: ReadonlySet<string>,
): GoogleAppsScript.Spreadsheet.Sheet[] {
  const skip = new Set([
    PROGRAMMES_SHEET.name,
    LEADS_SHEET.name,
    GROUPS_SHEET.name,
    SETTINGS_SHEET.name,
    SCHOOLS_SHEET_NAME,
    ENGAGEMENT_SHEET.name,
    APPLICATIONS_SHEET.name,
    OUTBOX_SHEET.name,
    ...responseSheets,
  ]);
  return ss.getSheets().filter((s) => !skip.has(s.getName()));
}

/**
 * Replaces mentions in a sheet. Only changed cells are written (so formulas elsewhere in a row
 * are untouched), a rectangle of them at a time: changed cells side by side in a row form a run,
 * and runs over the same columns in consecutive rows one block, so a column of names costs one
 * write, not one per row.
 */
function scrubSheet(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  scrub: (s: string) => string | null,
  dryRun: boolean,
): number {
  const values = sheet.getDataRange().getValues() as Cell[][];
  const runs: Array<{ row: number; column: number; cells: string[] }> = [];
  values.forEach((row, r) => {
    let run: (typeof runs)[number] | null = null;
    row.forEach((v, c) => {
      const next = typeof v === "string" && v !== "" ? scrub(v) : null;
      if (next === null) {
        run = null;
        return;
      }
      if (!run) {
        run = { row: r, column: c, cells: [] };
        runs.push(run);
      }
      run.cells.push(asText(next));
    });
  });
  const changed = runs.reduce((n, run) => n + run.cells.length, 0);
  if (dryRun) return changed;
  const blocks: Array<{ row: number; column: number; rows: string[][] }> = [];
  const byColumns = [...runs].sort(
    (a, b) => a.column - b.column || a.cells.length - b.cells.length || a.row - b.row,
  );
  for (const run of byColumns) {
    const last = blocks[blocks.length - 1];
    if (
      last &&
      last.column === run.column &&
      last.rows[0]!.length === run.cells.length &&
      last.row + last.rows.length === run.row
    ) {
      last.rows.push(run.cells);
    } else blocks.push({ row: run.row, column: run.column, rows: [run.cells] });
  }
  for (const b of blocks) writeBlock(sheet, b.row + 1, b.column + 1, b.rows);
  return changed;
}

/**
 * The mail queue (the add-on's own sheet, no formulas): purged applications' emails lose their
 * address, body and error, and one never sent is not sent now; other rows are scrubbed. Changed
 * rows are rewritten in blocks.
 */
function purgeMailQueue(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  ids: ReadonlySet<string>,
  scrub: (s: string) => string | null,
  dryRun: boolean,
): number {
  const sheet = ss.getSheetByName(OUTBOX_SHEET.name);
  if (!sheet) return 0;
  const table = readTable(sheet);
  const [cId, cTo, cBody, cStatus, cError] = [
    "Response ID",
    "To",
    "Body",
    "Status",
    "Last error",
  ].map((h) => table.col(h)) as [number, number, number, number, number];
  const changedRows: number[] = [];
  let cells = 0;
  table.rows.forEach((row, i) => {
    let changed = 0;
    if (cId >= 0 && ids.has(cellText(row[cId]))) {
      for (const c of [cTo, cBody, cError]) {
        if (c >= 0 && cellText(row[c]) !== "") {
          row[c] = "";
          changed++;
        }
      }
      if (cStatus >= 0 && cellText(row[cStatus]) === "Queued") {
        row[cStatus] = "Failed";
        if (cError >= 0)
          row[cError] =
            "Not sent: the applicant's personal data was deleted after the retention period.";
        changed++;
      }
    }
    row.forEach((v, c) => {
      if (typeof v !== "string" || v === "") return;
      const next = scrub(v);
      if (next !== null) {
        row[c] = next;
        changed++;
      }
    });
    if (changed) {
      changedRows.push(i);
      cells += changed;
    }
  });
  if (!dryRun)
    for (const run of consecutiveRuns(changedRows))
      writeBlock(
        sheet,
        table.firstRow + run[0]!,
        1,
        run.map((i) => table.rows[i]!.map((v) => (typeof v === "string" ? asText(v) : v))),
      );
  return cells;
}

function firstOfMonth(d: Date | null): Date | null {
  if (!d) return null;
  const p = londonParts(d);
  return londonInstant(p.year, p.month, 1);
}

/** The register row of a purged application: counts kept, everything personal gone. */
function purgedRecord(r: ApplicationRecord, now: Date): ApplicationRecord {
  return {
    ...r,
    submitted: firstOfMonth(r.submitted),
    applicant: "",
    email: "",
    reasons: reasonCodes(r.reasons).join("\n"),
    routing: "",
    answers: "",
    answersHash: PURGED,
    updated: now,
  };
}

/**
 * Finds applications past retention and deletes their personal data. Call inside the document
 * lock. `force` ignores the watermark (the menu item); `dryRun` only counts.
 */
export function purgeExpired(
  ctx: JobContext,
  options: { dryRun?: boolean; force?: boolean; summaryKey?: string } = {},
): PurgeReport {
  const { services, ss, config } = ctx;
  const dryRun = options.dryRun ?? false;
  const report = emptyReport(dryRun);
  const now = services.now();
  const months = config.settings.retentionMonths;
  const props = services.propertiesService.getDocumentProperties();
  const fp = fingerprint(config);
  if (!options.force) {
    const mark = parseWatermark(props.getProperty(WATERMARK));
    if (mark && mark.fp === fp && mark.next !== null && now.getTime() < mark.next) {
      report.skipped = true;
      return report;
    }
  }

  const programmes = new Map(config.programmes.map((p) => [p.key as string, p]));
  const register = readRegister(ss);
  const due: number[] = [];
  let next: number | null = null;
  const consider = (t: number) => {
    if (next === null || t < next) next = t;
  };
  // New applications join an active programme's current year: they can expire no sooner than it.
  for (const p of config.programmes) {
    if (!p.active) continue;
    const start = cohortStartFor(p.year, p, null);
    if (start) consider(retentionEnds(start, months).getTime());
  }
  register.records.forEach((r, i) => {
    if (!r.responseId || isPurged(r)) return;
    const at = purgeDueAt(r, programmes.get(r.programme), months);
    if (!at) return;
    if (at.getTime() <= now.getTime()) due.push(i);
    else consider(at.getTime());
  });
  if (due.length === 0) {
    if (!dryRun) saveWatermark(services, fp, next);
    return report;
  }

  // Response sheets: group the due applications by sheet.
  const finder = new SheetFinder(ss);
  const bySheet = new Map<string, SheetWork>();
  const programmeOfSheet = new Map<string, ProgrammeConfig | undefined>();
  const unlocated: ApplicationRecord[] = [];
  for (const i of due) {
    const r = register.records[i]!;
    const programme = programmes.get(r.programme);
    const at = finder.locate(r, programme);
    if (!at) {
      unlocated.push(r);
      continue;
    }
    const name = at.sheet.getName();
    let work = bySheet.get(name);
    if (!work) {
      work = { sheet: at.sheet, rows: new Map() };
      bySheet.set(name, work);
      programmeOfSheet.set(name, programme);
    }
    work.rows.set(at.row, r);
  }
  const handled = new Set<string>(unlocated.map((r) => r.responseId));
  const responseCells = new Map<string, Cell[]>();
  for (const [name, work] of bySheet) {
    const { purged, kept, cells } = emptyResponseRows(work, dryRun);
    const stamped = new Set(purged.values());
    for (const [id, row] of cells) responseCells.set(id, row);
    report.responseRows += cells.size;
    const programme = programmeOfSheet.get(name);
    const done = programme
      ? deleteFormResponses(ctx, programme, purged, kept, report, dryRun)
      : new Set(purged.values());
    for (const id of done) handled.add(id);
    // Rows without a timestamp have nothing to match in the form.
    for (const r of work.rows.values()) if (!cells.has(r.responseId)) handled.add(r.responseId);
    for (const id of cells.keys()) if (!stamped.has(id)) handled.add(id);
  }

  // Their endorsers' answers: both sheets read now (written near the end), and the Endorsement
  // Form's own copies deleted like the application forms' (out of time: the rest next run).
  const endorsed = new Map<string, string>();
  for (const i of due) {
    const id = register.records[i]!.responseId;
    if (handled.has(id)) endorsed.set(id.toLowerCase(), id);
  }
  const answers = readEndorsementResponses(ctx, endorsed);
  const endorserSheets = [answers, readEndorsementLedger(ss, endorsed)].filter(
    (w): w is EndorserSheet => w !== null,
  );
  if (answers && answers.purgedRows.size > 0) {
    const purgedAt = new Map<number, string>();
    const keptAt = new Set<number>();
    answers.table.rows.forEach((row, i) => {
      const ts = answers.tsCol >= 0 ? cellDate(row[answers.tsCol]) : null;
      if (!ts) return;
      const id = answers.purgedRows.get(i);
      if (id === undefined) keptAt.add(second(ts));
      else purgedAt.set(second(ts), id);
    });
    const done = deleteFormResponses(
      ctx,
      { form: config.settings.endorsementForm.trim(), title: "Endorsement" },
      purgedAt,
      keptAt,
      report,
      dryRun,
    );
    for (const id of purgedAt.values()) if (!done.has(id)) handled.delete(id);
  }

  // Everything below applies to the applications fully handled in this run.
  const purgeNow = due.filter((i) => handled.has(register.records[i]!.responseId));
  report.remaining = due.length - purgeNow.length;
  const purgedIds = new Set(purgeNow.map((i) => register.records[i]!.responseId));
  // Endorsers of applications left for the next run keep their answers until then (a rerun must
  // still find their names).
  for (const work of endorserSheets)
    for (const [i, id] of work.purgedRows) if (!purgedIds.has(id)) work.purgedRows.delete(i);
  const gone = { emails: new Set<string>(), names: new Set<string>() };
  const keep = { emails: new Set<string>(), names: new Set<string>() };
  for (const r of register.records) {
    if (isPurged(r)) continue;
    const mine = purgedIds.has(r.responseId);
    const s = personalStrings(r, mine ? (responseCells.get(r.responseId) ?? []) : []);
    const into = mine ? gone : keep;
    s.emails.forEach((e) => into.emails.add(e));
    s.names.forEach((n) => into.names.add(n.toLowerCase()));
  }
  for (const work of endorserSheets) collectEndorsers(work, purgedIds, gone, keep);
  // Someone who also has an application still kept keeps their name and address where it appears.
  const scrub = scrubber(
    [...gone.emails].filter((e) => !keep.emails.has(e)),
    [...gone.names].filter((n) => !keep.names.has(n)),
  );

  // The mail queue, then every other sheet that may mention them.
  report.otherCells += purgeMailQueue(ss, purgedIds, scrub, dryRun);
  const responseSheetNames = new Set([
    ...bySheet.keys(),
    ...config.programmes.map((p) => p.responseSheet),
    ...endorserSheets.map((w) => w.sheet.getName()),
  ]);
  for (const sheet of scrubbedSheets(ss, responseSheetNames))
    report.otherCells += scrubSheet(sheet, scrub, dryRun);

  // The endorsement sheets, once everything else that could name their endorsers is scrubbed.
  for (const work of endorserSheets) {
    const { rows, cells } = purgeEndorserSheet(work, scrub, dryRun);
    report.endorserRows += rows;
    report.otherCells += cells;
  }

  // The register, last: from here on these applications count as purged.
  const groups = new Map<string, number>();
  for (const i of purgeNow) {
    const r = register.records[i]!;
    const title = programmes.get(r.programme)?.title ?? r.programme;
    const group = `${title}${r.year ? `, ${r.year}` : ""}`;
    groups.set(group, (groups.get(group) ?? 0) + 1);
  }
  report.byGroup = [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  report.applications = purgeNow.length;
  if (dryRun) return report;
  writePurgedRows(register, purgeNow, now);

  const summary = `${report.applications} applications (${report.byGroup.map(([g, n]) => `${g}: ${n}`).join("; ")}); ${report.responseRows} response rows emptied, ${report.formResponses} form responses deleted, ${report.otherCells} other cells cleared${report.endorserRows ? `, ${report.endorserRows} endorsement rows emptied of the endorser's details` : ""}${report.remaining ? `; ${report.remaining} left for the next run` : ""}.`;
  appendAudit(ss, [
    {
      at: now,
      actor: "add-on (retention)",
      action: `Personal data deleted after ${months} months' retention`,
      responseId: "",
      before: `${report.applications} applications with personal data`,
      after: summary,
      flag: report.problems.join(" "),
    },
  ]);
  appendLog(ss, [
    { at: now, level: report.problems.length ? "WARN" : "INFO", job: "purge", message: summary },
  ]);
  queueEmails(services, ss, [
    {
      key: options.summaryKey ?? `retention:${now.toISOString()}`,
      kind: "retention-summary",
      responseId: "",
      to: hubLeadEmail(services, ss, config.settings),
      ...retentionSummary({
        months,
        byGroup: report.byGroup,
        formResponsesDeleted: report.formResponses,
        otherCellsCleared: report.otherCells,
        problems: report.problems,
        hub: hubVoice(config.settings),
      }),
    },
  ]);
  if (report.remaining === 0) saveWatermark(services, fp, next);
  return report;
}

function writePurgedRows(
  register: ReturnType<typeof readRegister>,
  indexes: number[],
  now: Date,
): void {
  const { table, sheet } = register;
  const known = new Set(REGISTER_HEADERS.map((h) => table.col(h)));
  const purged = new Set(indexes);
  for (const i of indexes) register.records[i] = purgedRecord(register.records[i]!, now);
  for (const run of boundedRuns(indexes, 3)) {
    writeBlock(
      sheet,
      table.firstRow + run[0]!,
      1,
      run.map((i) => {
        const row = rowFromRecord(table, register.records[i]!, table.rows[i]);
        // Columns the hub added may hold notes about the applicant: they go too, for purged rows.
        return purged.has(i) ? row.map((v, c) => (known.has(c) ? v : "")) : row;
      }),
    );
  }
}

function parseWatermark(v: string | null): { fp: string; next: number | null } | null {
  if (!v) return null;
  try {
    const o = JSON.parse(v) as { fp?: unknown; next?: unknown };
    return typeof o.fp === "string"
      ? { fp: o.fp, next: typeof o.next === "number" ? o.next : null }
      : null;
  } catch {
    return null;
  }
}

function saveWatermark(services: Services, fp: string, next: number | null): void {
  services.propertiesService
    .getDocumentProperties()
    .setProperty(WATERMARK, JSON.stringify({ fp, next }));
}
