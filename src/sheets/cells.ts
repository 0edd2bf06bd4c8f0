// Converting between sheet cells and plain values, safely.

/** What `Range.getValues()` returns in a cell. */
export type Cell = string | number | boolean | Date;

export function isDate(v: unknown): v is Date {
  // Dates may come from another realm (the emulator's node:vm), so no instanceof.
  return Object.prototype.toString.call(v) === "[object Date]";
}

/**
 * Text that must stay text. Sheets parses written strings as if typed: "=..." and "+..." become
 * formulas, "012345" becomes the number 12345, "TRUE" a boolean. A leading apostrophe keeps the
 * exact text and is not shown or returned by getValues.
 */
export function asText(value: string): string {
  return value === "" ? "" : `'${value}`;
}

/** A cell read back as text: numbers as String writes them, dates as ISO, booleans as TRUE/FALSE. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (isDate(v)) return v.toISOString();
  return String(v);
}

export function cellNumber(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function cellDate(v: unknown): Date | null {
  if (isDate(v)) return Number.isNaN(v.getTime()) ? null : v;
  return null;
}

/** Column letter(s) for a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let n = column;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "Programmes!E4" */
export function cellRef(sheet: string, row: number, column: number): string {
  return `${sheet}!${columnLetter(column)}${row}`;
}
