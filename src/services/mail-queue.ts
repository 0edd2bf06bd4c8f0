// The mail queue: every email the add-on sends goes through it. Queuing is idempotent by key (a
// duplicate trigger fire cannot queue a second acknowledgement); sending is quota-aware, and an
// email whose send failed stays queued for the next run. Nothing is dropped or sent twice.
import { formatLondon } from "../domain/calendar";
import { errorMessage } from "../domain/errors";
import { asText, cellDate, cellNumber, cellText, type Cell } from "../sheets/cells";
import { headersOf, OUTBOX_SHEET } from "../sheets/layout";
import {
  appendRows,
  consecutiveRuns,
  readTable,
  sheetWithHeader,
  writeBlock,
} from "../sheets/table";
import type { Services } from "./services";
import { addQueued, readMarks, setQueuedCount } from "./watermarks";

export interface OutgoingEmail {
  /** Idempotency key, e.g. "ack:<response id>". The same key is never queued twice. */
  key: string;
  kind: string;
  responseId: string;
  to: string;
  subject: string;
  /** Plain text; paragraphs separated by blank lines. Rendered to HTML with everything escaped. */
  body: string;
}

export interface Sender {
  name: string;
  replyTo: string;
  dailyBudget: number;
}

/** After this many failed attempts an email is marked Failed and reported; until then it is retried. */
export const MAX_ATTEMPTS = 8;
const SENT_MARK = "mail.sent.";

/** An address a send could reach: anything else would only bounce and be retried until it failed. */
export function isSendable(address: string): boolean {
  return /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]+$/.test(address.trim());
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

/** Mail headers must never carry CR or LF (header injection). */
export function headerSafe(s: string): string {
  return s.replace(/[\r\n]+/g, " ").trim();
}

export function renderHtml(body: string): string {
  return body
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

function queueSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): GoogleAppsScript.Spreadsheet.Sheet {
  return sheetWithHeader(spreadsheet, OUTBOX_SHEET.name, headersOf(OUTBOX_SHEET), { hidden: true });
}

/** The keys already queued (one read). */
export function readQueueKeys(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Set<string> {
  const table = readTable(queueSheet(spreadsheet));
  const keyCol = table.col("Key");
  return new Set(table.rows.map((r) => cellText(r[keyCol])));
}

/**
 * Queues emails whose keys are new, in one write (and one read unless the caller passes the keys
 * it already holds, which this then keeps up to date), and tells the hourly run that mail waits
 * (watermarks.ts), so no caller can queue mail the hourly run would not send. Returns the keys
 * queued.
 */
export function enqueueEmails(
  services: Services,
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  emails: OutgoingEmail[],
  now: Date,
  knownKeys?: Set<string>,
): string[] {
  if (emails.length === 0) return [];
  const sheet = queueSheet(spreadsheet);
  const known = knownKeys ?? readQueueKeys(spreadsheet);
  const fresh: OutgoingEmail[] = [];
  for (const e of emails) {
    if (known.has(e.key)) continue;
    known.add(e.key);
    fresh.push(e);
  }
  appendRows(
    sheet,
    fresh.map((e) => [
      asText(e.key),
      now,
      asText(e.kind),
      asText(e.responseId),
      asText(headerSafe(e.to)),
      asText(headerSafe(e.subject)),
      asText(e.body),
      "Queued",
      0,
      "",
      "",
    ]),
  );
  if (fresh.length) addQueued(services, readMarks(services), fresh.length);
  return fresh.map((e) => e.key);
}

export interface DrainResult {
  sent: number;
  failed: number;
  waiting: number;
  stoppedBy: "done" | "quota" | "budget" | "limit";
}

/**
 * Sends queued emails, oldest first, up to the daily quota, the hub's daily budget and `limit`.
 * `onlyKeys` restricts sending to some emails (a submission sends its own acknowledgement at once
 * and leaves the rest of the queue to the hourly run).
 */
export function drainQueue(
  services: Services,
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sender: Sender,
  options: { limit?: number; onlyKeys?: ReadonlySet<string> } = {},
): DrainResult {
  const sheet = spreadsheet.getSheetByName(OUTBOX_SHEET.name);
  if (!sheet) return { sent: 0, failed: 0, waiting: 0, stoppedBy: "done" };
  const table = readTable(sheet);
  const c = (h: string) => table.col(h);
  const [cKey, cTo, cSubject, cBody, cStatus, cAttempts, cSent, cError] = [
    "Key",
    "To",
    "Subject",
    "Body",
    "Status",
    "Attempts",
    "Sent",
    "Last error",
  ].map(c) as [number, number, number, number, number, number, number, number];
  const now = services.now();
  const props = services.propertiesService.getDocumentProperties();
  const marks = props.getProperties();

  const sentToday = table.rows.filter(
    (r) => cellText(r[cStatus]) === "Sent" && sameLondonDay(r[cSent], now),
  ).length;
  let budget = Math.max(0, sender.dailyBudget - sentToday);
  let quota = services.mailApp.getRemainingDailyQuota();
  const changed: number[] = [];
  const result: DrainResult = { sent: 0, failed: 0, waiting: 0, stoppedBy: "done" };
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const clearMarks: string[] = [];

  for (let i = 0; i < table.rows.length; i++) {
    const row = table.rows[i]!;
    if (cellText(row[cStatus]) !== "Queued") continue;
    const key = cellText(row[cKey]);
    if (options.onlyKeys && !options.onlyKeys.has(key)) continue;
    // A mark means an earlier run sent this email but was stopped before recording it.
    const mark = marks[SENT_MARK + key];
    if (mark) {
      row[cStatus] = "Sent";
      row[cSent] = new Date(mark);
      changed.push(i);
      clearMarks.push(SENT_MARK + key);
      result.sent++;
      continue;
    }
    if (result.stoppedBy !== "done") {
      result.waiting++;
      continue;
    }
    if (result.sent >= limit) {
      result.stoppedBy = "limit";
      result.waiting++;
      continue;
    }
    if (budget <= 0) {
      result.stoppedBy = "budget";
      result.waiting++;
      continue;
    }
    if (quota <= 0) {
      result.stoppedBy = "quota";
      result.waiting++;
      continue;
    }
    const body = cellText(row[cBody]);
    try {
      services.mailApp.sendEmail({
        to: headerSafe(cellText(row[cTo])),
        subject: headerSafe(cellText(row[cSubject])),
        body,
        htmlBody: renderHtml(body),
        name: headerSafe(sender.name),
        ...(sender.replyTo ? { replyTo: headerSafe(sender.replyTo) } : {}),
      });
    } catch (err) {
      const message = errorMessage(err);
      if (/too many times|quota/i.test(message)) {
        result.stoppedBy = "quota";
        result.waiting++;
        continue;
      }
      const attempts = (cellNumber(row[cAttempts]) ?? 0) + 1;
      row[cAttempts] = attempts;
      row[cError] = message;
      if (attempts >= MAX_ATTEMPTS) {
        row[cStatus] = "Failed";
        result.failed++;
      } else result.waiting++;
      changed.push(i);
      continue;
    }
    props.setProperty(SENT_MARK + key, now.toISOString());
    clearMarks.push(SENT_MARK + key);
    row[cStatus] = "Sent";
    row[cSent] = now;
    row[cAttempts] = (cellNumber(row[cAttempts]) ?? 0) + 1;
    changed.push(i);
    result.sent++;
    budget--;
    quota--;
  }

  const textColumns = new Set(
    ["Key", "Kind", "Response ID", "To", "Subject", "Body", "Last error"].map(c),
  );
  for (const run of consecutiveRuns(changed)) {
    writeBlock(
      sheet,
      table.firstRow + run[0]!,
      1,
      run.map((i) => reText(table.rows[i]!, textColumns)),
    );
  }
  // The hourly run skips the queue while nothing waits (watermarks.ts).
  if (!options.onlyKeys) setQueuedCount(services, result.waiting);
  if (clearMarks.length) {
    services.spreadsheetApp.flush();
    for (const k of clearMarks) props.deleteProperty(k);
  }
  return result;
}

/** Rows read back come without the apostrophe; text columns need it again before rewriting. */
function reText(row: Cell[], textColumns: ReadonlySet<number>): Cell[] {
  return row.map((v, i) => (typeof v === "string" && textColumns.has(i) ? asText(v) : v));
}

function sameLondonDay(v: Cell | undefined, now: Date): boolean {
  const d = cellDate(v);
  return d !== null && formatLondon(d, "yyyy-MM-dd") === formatLondon(now, "yyyy-MM-dd");
}
