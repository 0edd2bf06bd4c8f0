// Creates the sheets the add-on owns, or brings existing ones up to date, without ever
// reordering or deleting a hub's columns: missing headers are added at the end.
import { cellText } from "./cells";
import type { SheetDef } from "./layout";

export interface SheetSetupResult {
  created: string[];
  columnsAdded: string[];
}

export function ensureSheet(
  spreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp,
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  def: SheetDef,
  result: SheetSetupResult,
): GoogleAppsScript.Spreadsheet.Sheet {
  let sheet = spreadsheet.getSheetByName(def.name);
  let existing: string[] = [];
  if (!sheet) {
    sheet = spreadsheet.insertSheet(def.name);
    result.created.push(def.name);
  } else if (sheet.getLastColumn() > 0) {
    existing = sheet
      .getRange(1, 1, 1, sheet.getLastColumn())
      .getValues()[0]!
      .map((h) => cellText(h).trim());
  }
  const have = new Set(existing.map((h) => h.toLowerCase()));
  const missing = def.columns.filter((c) => !have.has(c.header.toLowerCase()));
  if (missing.length === 0 && existing.length > 0) return sheet;

  const start = existing.length + 1;
  const header = sheet.getRange(1, start, 1, missing.length);
  header.setValues([missing.map((c) => c.header)]);
  header.setNotes([missing.map((c) => c.note ?? "")]);
  header.setFontWeight("bold").setBackground("#e8eaf6");
  if (existing.length > 0)
    result.columnsAdded.push(...missing.map((c) => `${def.name}!${c.header}`));

  const bodyRows = Math.max(sheet.getMaxRows() - 1, 1);
  missing.forEach((c, i) => {
    const column = start + i;
    if (c.width) sheet.setColumnWidth(column, c.width);
    const body = sheet.getRange(2, column, bodyRows, 1);
    if (c.format) body.setNumberFormat(c.format);
    if (c.choices) {
      body.setDataValidation(
        spreadsheetApp
          .newDataValidation()
          .requireValueInList([...c.choices], true)
          .setAllowInvalid(false)
          .build(),
      );
    }
    if (c.hidden) sheet.hideColumns(column);
  });
  sheet.setFrozenRows(1);
  if (existing.length === 0) {
    // Readers find columns by these names; a warning stops accidental renaming.
    sheet
      .getRange(1, 1, 1, def.columns.length)
      .protect()
      .setDescription(`${def.name} headers: the add-on finds columns by these names`)
      .setWarningOnly(true);
  }
  if (def.hidden) sheet.hideSheet();
  return sheet;
}
