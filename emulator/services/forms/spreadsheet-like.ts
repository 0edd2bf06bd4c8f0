// What FormApp needs from the emulated SpreadsheetApp: only GAS-like methods (so a tiny fake works in
// tests), plus the emulator-internal Sheet._setFormUrl that makes Sheet.getFormUrl() answer.
// FormApp always calls these inside rt.uncharged(): Google writing a response row is not a call
// the script makes.

export interface RangeLike {
  getValues(): unknown[][];
  setValues(values: unknown[][]): unknown;
}

export interface SheetLike {
  getName(): string;
  getRange(row: number, column: number, numRows: number, numColumns: number): RangeLike;
  getLastRow(): number;
  appendRow(values: unknown[]): unknown;
  /** Emulator-internal: link (or, with null, unlink) the sheet to a form. */
  _setFormUrl?(url: string | null): void;
  getFormUrl?(): string | null;
  /** GAS grid methods, used when present: Forms grows the response sheet as responses arrive. */
  getMaxRows?(): number;
  getMaxColumns?(): number;
  insertRowsAfter?(afterPosition: number, howMany: number): unknown;
  insertColumnsAfter?(afterPosition: number, howMany: number): unknown;
}

/** Grows the sheet's grid (when the sheet has one) so that `rows` x `columns` fit. */
export function ensureGrid(sheet: SheetLike, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows?.();
  if (maxRows !== undefined && rows > maxRows) sheet.insertRowsAfter?.(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns?.();
  if (maxColumns !== undefined && columns > maxColumns) {
    sheet.insertColumnsAfter?.(maxColumns, columns - maxColumns);
  }
}

export interface SpreadsheetLike {
  getId(): string;
  getUrl(): string;
  getSheetByName(name: string): SheetLike | null;
  insertSheet(name: string): SheetLike;
  /** GAS Spreadsheet method, used when present: a renamed response sheet is found by its form link. */
  getSheets?(): SheetLike[];
  /** GAS Spreadsheet methods, used when present for e.values' timestamp text. */
  getSpreadsheetTimeZone?(): string;
  getSpreadsheetLocale?(): string;
}

export interface SpreadsheetRegistry {
  byId(id: string): SpreadsheetLike | undefined;
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

/**
 * The text a Sheets cell shows for a date-time, as e.values carries it: formatted in the
 * spreadsheet's time zone and locale. Google documents e.values as the row's values "in the same
 * order as they appear in the spreadsheet" (developers.google.com/apps-script/guides/triggers/events,
 * "Form submit"), i.e. the displayed text. Formats by locale (Sheets' default date-time pattern):
 *   en_GB and most others: "29/03/2024 17:04:05"  (dd/MM/yyyy HH:mm:ss)
 *   en_US:                 "3/29/2024 17:04:05"   (M/d/yyyy H:mm:ss)
 * Other locales are rendered as en_GB; the hub's spreadsheets are en_GB / Europe/London.
 */
export function formatSheetDateTime(date: Date, timeZone: string, locale: string): string {
  let fmt = FORMATTERS.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    FORMATTERS.set(timeZone, fmt);
  }
  const parts = fmt.formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  const [y, mo, d, h, mi, s] = ["year", "month", "day", "hour", "minute", "second"].map(get);
  if (locale === "en_US") return `${Number(mo)}/${Number(d)}/${y} ${Number(h)}:${mi}:${s}`;
  return `${d}/${mo}/${y} ${h}:${mi}:${s}`;
}
