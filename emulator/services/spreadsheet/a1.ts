// A1 notation: column letters, parsing "Sheet!A1:B2", "A:A", "2:3", "A2:C" and formatting back.
// https://developers.google.com/sheets/api/guides/concepts#cell (A1 notation)

/** 1 → "A", 27 → "AA". */
export function columnLetter(column: number): string {
  let n = column;
  let s = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "A" → 1, "aa" → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 1-based cell reference, e.g. (3, 2) → "B3". */
export function cellA1(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** "A1" for one cell, "A1:B2" otherwise (1-based, inclusive). */
export function rangeA1(row: number, column: number, numRows: number, numColumns: number): string {
  const start = cellA1(row, column);
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${cellA1(row + numRows - 1, column + numColumns - 1)}`;
}

/** A sheet name as it must appear before "!" (quoted when it is not a plain identifier). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

export interface ParsedA1 {
  sheetName: string | null;
  /** 1-based; null when the reference is open on that side (whole column / whole row). */
  startRow: number | null;
  startColumn: number | null;
  endRow: number | null;
  endColumn: number | null;
}

const PART = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

/** Parses A1 notation; returns null when the text is not a reference ("Range not found"). */
export function parseA1(text: string): ParsedA1 | null {
  let ref = text.trim();
  let sheetName: string | null = null;
  const bang = ref.lastIndexOf("!");
  if (bang >= 0) {
    let name = ref.slice(0, bang);
    ref = ref.slice(bang + 1);
    if (name.startsWith("'") && name.endsWith("'") && name.length >= 2) {
      name = name.slice(1, -1).replace(/''/g, "'");
    }
    if (name === "") return null;
    sheetName = name;
  }
  const pieces = ref.split(":");
  if (pieces.length < 1 || pieces.length > 2) return null;
  const parts = pieces.map((p) => PART.exec(p));
  if (parts.some((p) => p === null)) return null;
  const [a, b] = parts as RegExpExecArray[];
  const col = (s: string): number | null => (s === "" ? null : columnNumber(s));
  const row = (s: string): number | null => (s === "" ? null : Number(s));
  const startColumn = col(a[1]);
  const startRow = row(a[2]);
  if (startColumn === null && startRow === null) return null;
  if (!b) {
    // A single cell needs both a column and a row ("A1"); "A" or "1" alone is not a reference.
    if (startColumn === null || startRow === null) return null;
    return { sheetName, startRow, startColumn, endRow: startRow, endColumn: startColumn };
  }
  const endColumn = col(b[1]);
  const endRow = row(b[2]);
  if (endColumn === null && endRow === null) return null;
  // "A:B" whole columns, "1:2" whole rows, "A2:B" open-ended downwards.
  if (startColumn === null && endColumn !== null) return null;
  if (startRow === null && endRow !== null && startColumn !== null) return null;
  if (startRow === 0 || endRow === 0) return null;
  return { sheetName, startRow, startColumn, endRow, endColumn };
}
