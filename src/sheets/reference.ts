// Reference data the rules read: the Schools register and the hub's Engagement history.
import { schoolFromRow } from "../domain/schools/sheet-row";
import type { EngagementRecord, EngagementRow, School } from "../domain/types";
import { cellText } from "./cells";
import { ENGAGEMENT_SHEET, SCHOOLS_SHEET_NAME } from "./layout";
import { readTable, type Table } from "./table";

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

/** The Engagement sheet in one read; null when the hub has none yet. */
export function readEngagementTable(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): Table | null {
  const sheet = spreadsheet.getSheetByName(ENGAGEMENT_SHEET.name);
  return sheet ? readTable(sheet) : null;
}

/** Every row of an Engagement table, in sheet order (index i is table.rows[i]). */
export function engagementRows(table: Table): EngagementRow[] {
  const [u, p, y, s, src] = ["URN", "Programme", "Academic year", "Status", "Source"].map((h) =>
    table.col(h),
  ) as [number, number, number, number, number];
  return table.rows.map((r) => ({
    urn: cellText(r[u]).trim(),
    programme: cellText(r[p]).trim(),
    year: cellText(r[y]).trim(),
    status: cellText(r[s]).trim(),
    source: cellText(r[src]).trim(),
  }));
}

/** One read of the Engagement sheet: the rows that name a school. */
export function readEngagement(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): EngagementRecord[] {
  const table = readEngagementTable(spreadsheet);
  if (!table) return [];
  return engagementRows(table)
    .filter((r) => r.urn !== "")
    .map(({ source: _source, ...record }) => record);
}
