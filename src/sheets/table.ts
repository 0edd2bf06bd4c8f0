// A sheet as a table: one batched read, one batched write. Columns are found by header name, so
// a hub may reorder or add columns without breaking the add-on.
import { cellText, type Cell } from "./cells";

export interface Table {
  sheetName: string;
  header: string[];
  /** Data rows (without the header), as getValues returned them. */
  rows: Cell[][];
  /** Sheet row number of rows[0]. */
  firstRow: number;
  /** Column index (0-based) of a header, matched trimmed and case-insensitively; -1 if absent. */
  col(name: string): number;
}

export function tableFromValues(sheetName: string, values: Cell[][], headerRow = 1): Table {
  const header = (values[headerRow - 1] ?? []).map((h) => cellText(h).trim());
  const rows = values.slice(headerRow);
  // Trailing empty rows (a sheet's data range can include formatted but blank rows) are not data.
  let end = rows.length;
  while (end > 0 && rows[end - 1]!.every((c) => c === "" || c === null)) end--;
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const key = h.toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  return {
    sheetName,
    header,
    rows: rows.slice(0, end),
    firstRow: headerRow + 1,
    col: (name) => index.get(name.trim().toLowerCase()) ?? -1,
  };
}

/** Reads a whole sheet in one call. An empty sheet gives an empty table. */
export function readTable(sheet: GoogleAppsScript.Spreadsheet.Sheet, headerRow = 1): Table {
  const values = sheet.getDataRange().getValues() as Cell[][];
  return tableFromValues(sheet.getName(), values, headerRow);
}

/**
 * Writes rows into one contiguous block in one call. Rows are padded to the same width because
 * setValues throws when the array's dimensions differ from the range's.
 */
export function writeBlock(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  firstRow: number,
  firstColumn: number,
  rows: Cell[][],
): void {
  if (rows.length === 0) return;
  const width = Math.max(...rows.map((r) => r.length));
  const padded = rows.map((r) =>
    r.length === width ? r : [...r, ...new Array<Cell>(width - r.length).fill("")],
  );
  // setValues beyond the sheet's grid throws; grow the grid first (appendRow would, setValues does not).
  const lastRow = firstRow + padded.length - 1;
  const maxRows = sheet.getMaxRows();
  if (lastRow > maxRows) sheet.insertRowsAfter(maxRows, lastRow - maxRows);
  sheet.getRange(firstRow, firstColumn, padded.length, width).setValues(padded);
}

/**
 * Groups sheet row numbers into runs of consecutive rows so that scattered updates cost one
 * write per run, not one per row.
 */
export function consecutiveRuns(rowNumbers: number[]): number[][] {
  const sorted = [...new Set(rowNumbers)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === r - 1) last.push(r);
    else runs.push([r]);
  }
  return runs;
}

/** Appends rows below the last row in one write. Call inside the document lock. */
export function appendRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: Cell[][]): number {
  if (rows.length === 0) return 0;
  const first = sheet.getLastRow() + 1;
  writeBlock(sheet, first, 1, rows);
  return first;
}

/**
 * The named sheet, created with its header row (frozen) when the hub has none yet, e.g. when a
 * journal is written before "Set up this hub" ran. Hidden sheets (the mail queue) stay hidden.
 */
export function sheetWithHeader(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  name: string,
  header: readonly string[],
  options: { hidden?: boolean } = {},
): GoogleAppsScript.Spreadsheet.Sheet {
  const found = spreadsheet.getSheetByName(name);
  if (found) return found;
  const sheet = spreadsheet.insertSheet(name);
  sheet.getRange(1, 1, 1, header.length).setValues([[...header]]);
  sheet.setFrozenRows(1);
  if (options.hidden) sheet.hideSheet();
  return sheet;
}
