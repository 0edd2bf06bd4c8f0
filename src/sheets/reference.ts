// Reference data the rules read: the Schools register and the hub's Engagement history.
import { schoolFromRow } from "../domain/schools/sheet-row";
import type { EngagementRecord, School } from "../domain/types";
import { cellText } from "./cells";
import { ENGAGEMENT_SHEET, SCHOOLS_SHEET_NAME } from "./layout";
import { readTable } from "./table";

/** One read of the Schools sheet. Rows without a URN are skipped. */
export function readSchools(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): School[] {
  const sheet = spreadsheet.getSheetByName(SCHOOLS_SHEET_NAME);
  if (!sheet) return [];
  const out: School[] = [];
  for (const row of readTable(sheet).rows) {
    const school = schoolFromRow(row);
    if (school) out.push(school);
  }
  return out;
}

/** One read of the Engagement sheet. */
export function readEngagement(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): EngagementRecord[] {
  const sheet = spreadsheet.getSheetByName(ENGAGEMENT_SHEET.name);
  if (!sheet) return [];
  const table = readTable(sheet);
  const [u, p, y, s] = ["URN", "Programme", "Academic year", "Status"].map((h) => table.col(h)) as [
    number,
    number,
    number,
    number,
  ];
  return table.rows
    .map((r) => ({
      urn: cellText(r[u]).trim(),
      programme: cellText(r[p]).trim(),
      year: cellText(r[y]).trim(),
      status: cellText(r[s]).trim(),
    }))
    .filter((r) => r.urn !== "");
}
