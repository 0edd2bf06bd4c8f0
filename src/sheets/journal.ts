// The Audit and Log sheets: append-only journals, written in one batch per operation.
import { asText, type Cell } from "./cells";
import { AUDIT_SHEET, headersOf, LOG_SHEET } from "./layout";
import { appendRows, sheetWithHeader } from "./table";

export interface AuditEntry {
  at: Date;
  actor: string;
  action: string;
  responseId: string;
  before: string;
  after: string;
  flag?: string;
}

export interface LogEntry {
  at: Date;
  level: "INFO" | "WARN" | "ERROR";
  job: string;
  message: string;
}

export function appendAudit(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  entries: AuditEntry[],
): void {
  if (entries.length === 0) return;
  const sheet = sheetWithHeader(spreadsheet, AUDIT_SHEET.name, headersOf(AUDIT_SHEET));
  const rows: Cell[][] = entries.map((e) => [
    e.at,
    asText(e.actor),
    asText(e.action),
    asText(e.responseId),
    asText(e.before),
    asText(e.after),
    asText(e.flag ?? ""),
  ]);
  appendRows(sheet, rows);
}

export function appendLog(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  entries: LogEntry[],
): void {
  if (entries.length === 0) return;
  const sheet = sheetWithHeader(spreadsheet, LOG_SHEET.name, headersOf(LOG_SHEET));
  const rows = entries.map((e) => [e.at, e.level, asText(e.job), asText(e.message)]);
  // One entry may be logged outside the lock (e.g. "the lock was busy"): appendRow is atomic.
  if (rows.length === 1) sheet.appendRow(rows[0]!);
  else appendRows(sheet, rows);
}
