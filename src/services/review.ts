// Review in the Sheet: every change a person makes to an application's Review status, Decision,
// Lead, Score or Statement score is written to the Audit sheet (who, when, before → after), and a
// change by someone who is neither the assigned lead nor the hub lead is flagged.
import { cellText, type Cell } from "../sheets/cells";
import { readConfig } from "../sheets/config";
import { errorMessage } from "../domain/errors";
import { appendAudit, appendLog, type AuditEntry } from "../sheets/journal";
import { cohortsFollowDecisions } from "./allocation";
import { APPLICATIONS_SHEET } from "../sheets/layout";
import type { Services } from "./services";

/** Columns whose every change is audited. */
export const AUDITED_COLUMNS = [
  "Review status",
  "Decision",
  "Lead",
  "Score",
  "Statement score",
] as const;

export interface EditEvent {
  range: GoogleAppsScript.Spreadsheet.Range;
  value?: unknown;
  oldValue?: unknown;
  user?: { getEmail(): string };
}

function actorOf(services: Services, e: EditEvent): string {
  try {
    return e.user?.getEmail() || services.session.getActiveUser().getEmail() || "unknown";
  } catch {
    return "unknown";
  }
}

/** The simple onEdit trigger (30 s, limited authorisation): a few reads and one append. */
export function auditEdit(services: Services, e: EditEvent): AuditEntry[] {
  const sheet = e.range.getSheet();
  if (sheet.getName() !== APPLICATIONS_SHEET.name) return [];
  const firstRow = e.range.getRow();
  const firstColumn = e.range.getColumn();
  const numRows = e.range.getNumRows();
  const numColumns = e.range.getNumColumns();
  if (firstRow + numRows - 1 < 2) return [];
  const width = sheet.getLastColumn();
  const header = sheet
    .getRange(1, 1, 1, width)
    .getValues()[0]!
    .map((h) => cellText(h).trim());
  const audited = new Map<number, string>();
  for (let c = firstColumn; c < firstColumn + numColumns; c++) {
    const name = header[c - 1];
    if (name && (AUDITED_COLUMNS as readonly string[]).includes(name)) audited.set(c, name);
  }
  if (audited.size === 0) return [];
  const start = Math.max(firstRow, 2);
  const rows = sheet.getRange(start, 1, firstRow + numRows - start, width).getValues() as Cell[][];
  const idCol = header.indexOf("Response ID");
  const leadCol = header.indexOf("Lead");
  const ss = sheet.getParent();
  const config = readConfig(ss);
  const hubLead =
    (config.ok && config.config.settings.hubLeadEmail) || ss.getOwner()?.getEmail() || "";
  const actor = actorOf(services, e).toLowerCase();
  const now = services.now();
  const single = numRows === 1 && numColumns === 1;
  const entries: AuditEntry[] = [];
  rows.forEach((row) => {
    const responseId = cellText(row[idCol]);
    if (!responseId) return;
    const assigned = cellText(row[leadCol]).toLowerCase();
    for (const [c, name] of audited) {
      const after = cellText(row[c - 1]);
      // Only a single-cell edit tells the old value (Apps Script gives no oldValue for ranges).
      const before = single ? cellText(e.oldValue ?? "") : "(not recorded for a multi-cell edit)";
      const allowed =
        actor === hubLead.toLowerCase() ||
        (assigned !== "" && actor === assigned) ||
        (name === "Lead" && before.toLowerCase() === actor);
      entries.push({
        at: now,
        actor,
        action: `Edited ${name}`,
        responseId,
        before,
        after,
        flag: allowed
          ? ""
          : `Changed by someone who is neither the assigned lead (${assigned || "none"}) nor the hub lead`,
      });
    }
  });
  appendAudit(ss, entries);
  const decided = new Set<string>();
  const programmeCol = header.indexOf("Programme");
  if ([...audited.values()].includes("Decision") && config.ok && programmeCol >= 0) {
    for (const row of rows) decided.add(cellText(row[programmeCol]));
    try {
      cohortsFollowDecisions(ss, config.config, decided);
    } catch (err) {
      // The audit is written; the cohort sheets catch up at the next confirmation or offer.
      appendLog(ss, [
        {
          at: now,
          level: "WARN",
          job: "edit",
          message: `The cohort sheets could not follow a Decision edit: ${errorMessage(err)}`,
        },
      ]);
    }
  }
  return entries;
}
