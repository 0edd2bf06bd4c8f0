// The Applications register: one row per response, keyed by Response ID. Read once, changed in
// memory, written back in as few blocks as possible. Columns a hub adds are left as they are.
import type { RawAnswers } from "../domain/types";
import { asText, cellDate, cellNumber, cellText, type Cell } from "./cells";
import { APPLICATIONS_SHEET } from "./layout";
import { consecutiveRuns, readTable, sheetWithHeader, writeBlock, type Table } from "./table";

export interface ApplicationRecord {
  responseId: string;
  submitted: Date | null;
  programme: string;
  applicant: string;
  email: string;
  schoolUrn: string;
  school: string;
  verdict: string;
  score: number | null;
  reasons: string;
  endorsement: string;
  lead: string;
  reviewStatus: string;
  decision: string;
  group: string;
  notified: string;
  localAuthority: string;
  statementScore: number | null;
  routing: string;
  year: string;
  source: string;
  answersHash: string;
  answers: string;
  updated: Date | null;
}

type Kind = "text" | "applicant-text" | "number" | "date";

/** Record field ↔ header, and how the cell is written. Applicant-typed text is always kept as text. */
const COLUMNS: ReadonlyArray<[keyof ApplicationRecord, string, Kind]> = [
  ["responseId", "Response ID", "text"],
  ["submitted", "Submitted", "date"],
  ["programme", "Programme", "text"],
  ["applicant", "Applicant", "applicant-text"],
  ["email", "Email", "applicant-text"],
  ["schoolUrn", "School URN", "applicant-text"],
  ["school", "School", "applicant-text"],
  ["verdict", "Verdict", "text"],
  ["score", "Score", "number"],
  ["reasons", "Reasons", "applicant-text"],
  ["endorsement", "Endorsement", "text"],
  ["lead", "Lead", "applicant-text"],
  ["reviewStatus", "Review status", "text"],
  ["decision", "Decision", "text"],
  ["group", "Group", "applicant-text"],
  ["notified", "Notified", "applicant-text"],
  ["localAuthority", "Local authority", "applicant-text"],
  ["statementScore", "Statement score", "number"],
  ["routing", "Routing", "applicant-text"],
  ["year", "Academic year", "applicant-text"],
  ["source", "Source", "applicant-text"],
  ["answersHash", "Answers hash", "text"],
  ["answers", "Answers", "applicant-text"],
  ["updated", "Updated", "date"],
];

/**
 * An application's answers by canonical field, from its hidden Answers column. {} when there are
 * none, or when they are unreadable (emptied by the retention purge, or edited by hand).
 */
export function storedAnswers(record: Pick<ApplicationRecord, "answers">): RawAnswers {
  try {
    return (record.answers ? JSON.parse(record.answers) : {}) as RawAnswers;
  } catch {
    return {};
  }
}

export const REGISTER_HEADERS = COLUMNS.map((c) => c[1]);

export interface Register {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  table: Table;
  records: ApplicationRecord[];
  /** Response ID → index in records. */
  byId: Map<string, number>;
  /** Indexes of records changed since reading; records beyond the table are new rows. */
  changed: Set<number>;
}

export function emptyRecord(responseId: string): ApplicationRecord {
  return {
    responseId,
    submitted: null,
    programme: "",
    applicant: "",
    email: "",
    schoolUrn: "",
    school: "",
    verdict: "",
    score: null,
    reasons: "",
    endorsement: "",
    lead: "",
    reviewStatus: "",
    decision: "",
    group: "",
    notified: "",
    localAuthority: "",
    statementScore: null,
    routing: "",
    year: "",
    source: "",
    answersHash: "",
    answers: "",
    updated: null,
  };
}

/** Each COLUMNS entry's index in the table (-1 if absent), found once per table. */
const columnIndexes = new WeakMap<Table, number[]>();

function indexesOf(table: Table): number[] {
  let found = columnIndexes.get(table);
  if (!found) {
    found = COLUMNS.map(([, header]) => table.col(header));
    columnIndexes.set(table, found);
  }
  return found;
}

export function recordFromRow(table: Table, row: Cell[]): ApplicationRecord {
  const r = emptyRecord("");
  const out = r as unknown as Record<string, unknown>;
  const cols = indexesOf(table);
  for (const [k, [field, , kind]] of COLUMNS.entries()) {
    const c = cols[k]!;
    const v = c >= 0 ? row[c] : "";
    out[field] = kind === "date" ? cellDate(v) : kind === "number" ? cellNumber(v) : cellText(v);
  }
  return r;
}

function cellFor(kind: Kind, v: unknown): Cell {
  if (v === null || v === undefined) return "";
  if (kind === "applicant-text") return asText(String(v));
  return v as Cell;
}

/** The row to write: the existing cells (keeping hub-added columns) with known columns replaced. */
export function rowFromRecord(table: Table, record: ApplicationRecord, existing?: Cell[]): Cell[] {
  const width = Math.max(table.header.length, REGISTER_HEADERS.length);
  const row: Cell[] = existing ? existing.map((v) => (typeof v === "string" ? asText(v) : v)) : [];
  while (row.length < width) row.push("");
  const cols = indexesOf(table);
  for (const [k, [field, , kind]] of COLUMNS.entries()) {
    const c = cols[k]!;
    if (c >= 0) row[c] = cellFor(kind, record[field]);
  }
  return row.slice(0, table.header.length);
}

/** One read of the whole register. */
export function readRegister(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Register {
  const sheet = sheetWithHeader(spreadsheet, APPLICATIONS_SHEET.name, REGISTER_HEADERS);
  const table = readTable(sheet);
  const missing = REGISTER_HEADERS.filter((h) => table.col(h) < 0);
  if (missing.length) {
    throw new Error(
      `The Applications sheet has no column ${missing.map((h) => `"${h}"`).join(", ")}; run Set up this hub to add it.`,
    );
  }
  const records = table.rows.map((row) => recordFromRow(table, row));
  const byId = new Map<string, number>();
  records.forEach((r, i) => {
    if (r.responseId && !byId.has(r.responseId)) byId.set(r.responseId, i);
  });
  return { sheet, table, records, byId, changed: new Set() };
}

export function upsert(register: Register, record: ApplicationRecord): number {
  const at = register.byId.get(record.responseId);
  if (at !== undefined) {
    register.records[at] = record;
    register.changed.add(at);
    return at;
  }
  const index = register.records.length;
  register.records.push(record);
  register.byId.set(record.responseId, index);
  register.changed.add(index);
  return index;
}

/**
 * Scattered changes (e.g. SCHOOL_LIMIT on every application of one school) are written as a few
 * runs; past this many, as one block spanning them all, so a submission costs a bounded number of
 * calls however large the register.
 */
export const MAX_SEPARATE_WRITES = 3;

export function boundedRuns(indexes: number[], maxRuns: number): number[][] {
  const runs = consecutiveRuns(indexes);
  if (runs.length <= maxRuns) return runs;
  const first = runs[0]![0]!;
  const last = runs[runs.length - 1]![runs[runs.length - 1]!.length - 1]!;
  return [Array.from({ length: last - first + 1 }, (_, i) => first + i)];
}

/** Writes changed rows: updates in runs of consecutive rows, new rows as one appended block. */
export function writeRegister(register: Register): { writes: number; rows: number } {
  const { table, sheet } = register;
  const existingCount = table.rows.length;
  const changed = [...register.changed];
  const rowAt = (i: number): Cell[] =>
    rowFromRecord(table, register.records[i]!, i < existingCount ? table.rows[i] : undefined);
  const built = new Map(changed.map((i) => [i, rowAt(i)]));
  let writes = 0;
  for (const run of boundedRuns(changed, MAX_SEPARATE_WRITES)) {
    writeBlock(
      sheet,
      table.firstRow + run[0]!,
      1,
      run.map((i) => built.get(i) ?? rowAt(i)),
    );
    writes++;
  }
  const rows = changed.length;
  // What is written becomes the new baseline, so a later chunk in the same run writes only its own changes.
  for (const [i, written] of built) {
    const row = written.map((v) => (typeof v === "string" && v.startsWith("'") ? v.slice(1) : v));
    if (i < existingCount) table.rows[i] = row;
    else table.rows.push(row);
  }
  register.changed.clear();
  return { writes, rows };
}
