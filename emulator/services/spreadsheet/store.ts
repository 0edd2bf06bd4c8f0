// The cells of one sheet: plain values in row arrays (no object per cell), and a parallel,
// sparse array of metadata (formula, number format, note, validation, formatting, link) only
// for cells that have any. Rows and columns are 0-based here; the API is 1-based.
import type { CellValue } from "./values";
import type { EmuDataValidation } from "./validation";

export interface CellFormat {
  fontWeight?: string;
  fontStyle?: string;
  fontColor?: string;
  fontSize?: number;
  fontFamily?: string;
  fontLine?: string;
  background?: string;
  wrap?: boolean;
  wrapStrategy?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  border?: boolean;
}

export interface CellMeta {
  formula?: string;
  numberFormat?: string;
  note?: string;
  validation?: EmuDataValidation;
  format?: CellFormat;
  link?: string;
}

export type MetaRow = Array<CellMeta | undefined>;

export class SheetData {
  rows: CellValue[][] = [];
  meta: Array<MetaRow | undefined> = [];
  private extent: { lastRow: number; lastCol: number } | null = { lastRow: 0, lastCol: 0 };

  constructor(
    public maxRows: number,
    public maxCols: number,
  ) {}

  /** Call after any change to values. */
  touch(): void {
    this.extent = null;
  }

  get(r: number, c: number): CellValue {
    const row = this.rows[r];
    if (!row) return "";
    const v = row[c];
    return v === undefined ? "" : v;
  }

  rowFor(r: number): CellValue[] {
    let row = this.rows[r];
    if (!row) {
      while (this.rows.length < r) this.rows.push([]);
      row = [];
      this.rows[r] = row;
    }
    return row;
  }

  set(r: number, c: number, v: CellValue): void {
    const row = this.rowFor(r);
    while (row.length < c) row.push("");
    row[c] = v;
  }

  getMeta(r: number, c: number): CellMeta | undefined {
    return this.meta[r]?.[c];
  }

  metaFor(r: number, c: number): CellMeta {
    let row = this.meta[r];
    if (!row) {
      while (this.meta.length < r) this.meta.push(undefined);
      row = [];
      this.meta[r] = row;
    }
    let m = row[c];
    if (!m) {
      m = {};
      row[c] = m;
    }
    return m;
  }

  /** Removes a metadata field; drops the metadata object when it becomes empty. */
  unsetMeta(r: number, c: number, key: keyof CellMeta): void {
    const row = this.meta[r];
    const m = row?.[c];
    if (!row || !m || !(key in m)) return;
    delete m[key];
    if (Object.keys(m).length === 0) row[c] = undefined;
  }

  hasContent(v: CellValue): boolean {
    return v !== "";
  }

  /** 1-based last row / column with content; 0 when the sheet is empty. */
  lastRowCol(): { lastRow: number; lastCol: number } {
    if (this.extent) return this.extent;
    let lastRow = 0;
    let lastCol = 0;
    for (let r = this.rows.length - 1; r >= 0; r--) {
      const row = this.rows[r];
      if (!row) continue;
      for (let c = row.length - 1; c >= 0; c--) {
        if (row[c] !== "" && row[c] !== undefined) {
          if (lastRow === 0) lastRow = r + 1;
          if (c + 1 > lastCol) lastCol = c + 1;
          break;
        }
      }
    }
    this.extent = { lastRow, lastCol };
    return this.extent;
  }

  insertRows(at: number, n: number): void {
    if (at < this.rows.length) {
      const blank = Array.from({ length: n }, (): CellValue[] => []);
      this.rows = this.rows.slice(0, at).concat(blank, this.rows.slice(at));
    }
    if (at < this.meta.length) {
      const none = new Array<MetaRow | undefined>(n).fill(undefined);
      this.meta = this.meta.slice(0, at).concat(none, this.meta.slice(at));
    }
    this.maxRows += n;
    this.touch();
  }

  deleteRows(at: number, n: number): void {
    if (at < this.rows.length) this.rows.splice(at, n);
    if (at < this.meta.length) this.meta.splice(at, n);
    this.maxRows -= n;
    this.touch();
  }

  insertColumns(at: number, n: number): void {
    const blanks = new Array<CellValue>(n).fill("");
    for (const row of this.rows) if (row && at < row.length) row.splice(at, 0, ...blanks);
    const none = new Array<CellMeta | undefined>(n).fill(undefined);
    for (const row of this.meta) if (row && at < row.length) row.splice(at, 0, ...none);
    this.maxCols += n;
    this.touch();
  }

  deleteColumns(at: number, n: number): void {
    for (const row of this.rows) if (row && at < row.length) row.splice(at, n);
    for (const row of this.meta) if (row && at < row.length) row.splice(at, n);
    this.maxCols -= n;
    this.touch();
  }
}
