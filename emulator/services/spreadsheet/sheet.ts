// Sheet: one tab of a spreadsheet.
// https://developers.google.com/apps-script/reference/spreadsheet/sheet
import { parseA1 } from "./a1";
import {
  cloneChartData,
  type ChartData,
  EmuEmbeddedChart,
  EmuEmbeddedChartBuilder,
} from "./charts";
import {
  type BandingData,
  type ConditionalRuleData,
  EmuBanding,
  EmuConditionalFormatRule,
} from "./conditional";
import { countedCall, type SheetsContext } from "./context";
import {
  addDevMeta,
  devMetaHandles,
  type EmuDeveloperMetadata,
  type DevMetaData,
  type DeveloperMetadataVisibilityName,
} from "./devmeta";
import { displayValue } from "./format";
import { EmuProtection, PROTECTED_MESSAGE, type ProtectionTypeName } from "./protection";
import { compareCells, EmuRange, signatureError } from "./range";
import type { EmuSpreadsheet } from "./spreadsheet";
import { type CellMeta, SheetData } from "./store";
import { copySheet } from "./restore";
import { wallMs } from "./tz";
import { type CellValue, newParseOut, type ParseContext, parseInput } from "./values";

export const DEFAULT_MAX_ROWS = 1000;
export const DEFAULT_MAX_COLUMNS = 26;
export const DEFAULT_COLUMN_WIDTH = 100;
export const DEFAULT_ROW_HEIGHT = 21;
/** https://developers.google.com/apps-script/guides/services/quotas ("cells per spreadsheet"). */
export const MAX_CELLS = 10_000_000;

export const MESSAGES = {
  rowTooSmall: "The starting row of the range is too small.",
  columnTooSmall: "The starting column of the range is too small.",
  rowsTooFew: "The number of rows in the range must be at least 1.",
  columnsTooFew: "The number of columns in the range must be at least 1.",
  outside: "The coordinates of the range are outside the dimensions of the sheet.",
  invalid: "The coordinates or dimensions of the range are invalid.",
  rangeNotFound: "Range not found",
  rowsOutOfBounds: "Those rows are out of bounds.",
  columnsOutOfBounds: "Those columns are out of bounds.",
  deleteAllRows: "Sorry, it is not possible to delete all non-frozen rows.",
  deleteAllColumns: "Sorry, it is not possible to delete all non-frozen columns.",
  tooManyCells: `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`,
  hideAll: "You can't hide all the sheets in a document.",
  filterExists: "You can't create a filter in a sheet that already has a filter.",
  deleted: "This sheet has been deleted.",
} as const;

export interface ClearWhat {
  contents?: boolean;
  formats?: boolean;
  validations?: boolean;
  notes?: boolean;
}

/** Moves a 1-based span [start, start+count) when `n` rows/columns are inserted (n>0) or deleted (n<0) at `at`. */
export function shiftSpan(
  start: number,
  count: number,
  at: number,
  n: number,
): [number, number] | null {
  const end = start + count - 1;
  if (n > 0) {
    if (end < at) return [start, count];
    if (start >= at) return [start + n, count];
    return [start, count + n];
  }
  const d = -n;
  const delEnd = at + d - 1;
  if (end < at) return [start, count];
  if (start > delEnd) return [start - d, count];
  const overlap = Math.min(end, delEnd) - Math.max(start, at) + 1;
  const left = count - overlap;
  if (left <= 0) return null;
  return [start < at ? start : at, left];
}

/** https://developers.google.com/apps-script/reference/spreadsheet/filter (a subset). */
export class EmuFilter {
  /** @internal */ _criteria = new Map<number, unknown>();
  constructor(
    private readonly sheet: EmuSheet,
    /** @internal */ public _range: EmuRange,
  ) {}
  private call(m: string): void {
    this.sheet._ctx.rt.call(`Filter.${m}`);
  }
  getRange(): EmuRange {
    this.call("getRange");
    return this._range;
  }
  remove(): void {
    this.call("remove");
    if (this.sheet._filter === this) this.sheet._filter = null;
  }
  /** Sorts the filtered rows below the header row. */
  sort(columnPosition: number, ascending: boolean): this {
    this.call("sort");
    const r = this._range;
    if (r._numRows > 1) {
      this.sheet._sortRows(this.sheet._rangeAt(r._row + 1, r._col, r._numRows - 1, r._numCols), [
        { column: columnPosition, ascending: ascending !== false },
      ]);
    }
    return this;
  }
  setColumnFilterCriteria(columnPosition: number, filterCriteria: unknown): this {
    this.call("setColumnFilterCriteria");
    if (filterCriteria === null) this._criteria.delete(columnPosition);
    else this._criteria.set(columnPosition, filterCriteria);
    return this;
  }
  getColumnFilterCriteria(columnPosition: number): unknown {
    this.call("getColumnFilterCriteria");
    return this._criteria.get(columnPosition) ?? null;
  }
  removeColumnFilterCriteria(columnPosition: number): this {
    this.call("removeColumnFilterCriteria");
    this._criteria.delete(columnPosition);
    return this;
  }
}

export class EmuSheet {
  readonly _data: SheetData;
  /** @internal */ _hidden = false;
  /** @internal */ _frozenRows = 0;
  /** @internal */ _frozenColumns = 0;
  /** @internal */ _columnWidths = new Map<number, number>();
  /** @internal */ _rowHeights = new Map<number, number>();
  /** @internal */ _hiddenColumns = new Set<number>();
  /** @internal */ _hiddenRows = new Set<number>();
  /** @internal */ _tabColor: string | null = null;
  /** @internal */ _formUrl: string | null = null;
  /** @internal */ _protections: EmuProtection[] = [];
  /** @internal */ _charts: ChartData[] = [];
  /** @internal */ _merges: EmuRange[] = [];
  /** @internal */ _filter: EmuFilter | null = null;
  /** @internal */ _devMeta: DevMetaData[] = [];
  /** @internal */ _deleted = false;
  /** @internal */ _conditionalRules: ConditionalRuleData[] = [];
  /** @internal */ _bandings: BandingData[] = [];
  /** @internal */ _hiddenGridlines = false;

  constructor(
    private readonly ss: EmuSpreadsheet,
    /** @internal */ public _name: string,
    /** @internal */ readonly _id: number,
    maxRows = DEFAULT_MAX_ROWS,
    maxColumns = DEFAULT_MAX_COLUMNS,
  ) {
    this._data = new SheetData(maxRows, maxColumns);
  }

  // ---- emulator internals ---------------------------------------------------------------
  get _ctx(): SheetsContext {
    return this.ss._ctx;
  }
  _spreadsheet(): EmuSpreadsheet {
    return this.ss;
  }
  private call(method: string): void {
    this._ctx.rt.call(`Sheet.${method}`);
    this._assertAlive();
  }
  private readCall(method: string, cells = 0): void {
    this._ctx.rt.call(`Sheet.${method}`, { sheetRead: true, cellsRead: cells });
    this._assertAlive();
  }
  /** Returns false for emulator-internal work (inside rt.uncharged): no permission checks then. */
  private writeCall(method: string, cells = 0): boolean {
    const byScript = countedCall(this._ctx.rt, `Sheet.${method}`, {
      sheetWrite: true,
      cellsWritten: cells,
    });
    this._assertAlive();
    return byScript;
  }
  _assertAlive(): void {
    if (this._deleted) throw new Error(MESSAGES.deleted);
  }
  _parseContext(): ParseContext {
    const tz = this.ss._timeZone;
    return { timeZone: tz, nowMs: wallMs(tz, this._ctx.rt.nowMillis()) };
  }
  _rangeAt(row: number, col: number, numRows: number, numCols: number): EmuRange {
    return new EmuRange(this, row, col, numRows, numCols);
  }
  _wholeSheetRange(): EmuRange {
    return this._rangeAt(1, 1, this._data.maxRows, this._data.maxCols);
  }
  _checkBounds(row: number, col: number, numRows: number, numCols: number): void {
    this._assertAlive();
    if (row + numRows - 1 > this._data.maxRows || col + numCols - 1 > this._data.maxCols) {
      throw new Error(MESSAGES.outside);
    }
  }
  /**
   * Google's checks for getRange(row, column, numRows, numColumns).
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(Integer,Integer,Integer,Integer)
   */
  _rangeChecked(row: number, col: number, numRows: number, numCols: number): EmuRange {
    for (const n of [row, col, numRows, numCols]) {
      if (typeof n !== "number" || !Number.isFinite(n)) throw new Error(MESSAGES.invalid);
    }
    for (const n of [row, col, numRows, numCols]) {
      if (!Number.isInteger(n)) throw new Error(`Cannot convert '${n}' to int.`);
    }
    const [r, c, nr, nc] = [row, col, numRows, numCols];
    if (r < 1) throw new Error(MESSAGES.rowTooSmall);
    if (c < 1) throw new Error(MESSAGES.columnTooSmall);
    if (nr < 1) throw new Error(MESSAGES.rowsTooFew);
    if (nc < 1) throw new Error(MESSAGES.columnsTooFew);
    this._checkBounds(r, c, nr, nc);
    return this._rangeAt(r, c, nr, nc);
  }
  _rangeFromA1(a1: string): EmuRange {
    const p = parseA1(String(a1));
    if (!p) throw new Error(MESSAGES.rangeNotFound);
    const maxR = this._data.maxRows;
    const maxC = this._data.maxCols;
    const r1 = p.startRow ?? 1;
    const r2 = p.endRow ?? maxR;
    const c1 = p.startColumn ?? 1;
    const c2 = p.endColumn ?? maxC;
    const top = Math.min(r1, r2);
    const left = Math.min(c1, c2);
    const range = this._rangeAt(top, left, Math.abs(r2 - r1) + 1, Math.abs(c2 - c1) + 1);
    this._checkBounds(range._row, range._col, range._numRows, range._numCols);
    return range;
  }
  /** Throws Google's protected-cell error if the active user may not edit any cell of the rectangle. */
  _assertCanEdit(row: number, col: number, numRows: number, numCols: number): void {
    if (this._protections.length === 0) return;
    const user = this._ctx.activeUser();
    for (const p of this._protections) {
      if (p._removed || p._userCanEdit(user)) continue;
      if (p._type === "RANGE") {
        const r = p._range;
        if (!r) continue;
        const overlaps =
          r._row < row + numRows &&
          row < r._row + r._numRows &&
          r._col < col + numCols &&
          col < r._col + r._numCols;
        if (overlaps) throw new Error(PROTECTED_MESSAGE);
      } else {
        if (p._unprotected.length === 0) throw new Error(PROTECTED_MESSAGE);
        for (let i = 0; i < numRows; i++) {
          for (let j = 0; j < numCols; j++) {
            if (p._covers(row + i, col + j)) throw new Error(PROTECTED_MESSAGE);
          }
        }
      }
    }
  }
  _clearCell(r: number, c: number, what: ClearWhat): void {
    const data = this._data;
    if (what.contents) {
      const row = data.rows[r];
      if (row && c < row.length) row[c] = "";
      data.unsetMeta(r, c, "formula");
      data.unsetMeta(r, c, "link");
    }
    if (what.formats) {
      data.unsetMeta(r, c, "numberFormat");
      data.unsetMeta(r, c, "format");
    }
    if (what.validations) data.unsetMeta(r, c, "validation");
    if (what.notes) data.unsetMeta(r, c, "note");
  }
  private clearAll(what: ClearWhat): void {
    const data = this._data;
    const n = Math.max(data.rows.length, data.meta.length);
    for (let r = 0; r < n; r++) {
      const w = Math.max(data.rows[r]?.length ?? 0, data.meta[r]?.length ?? 0);
      for (let c = 0; c < w; c++) this._clearCell(r, c, what);
    }
    data.touch();
  }
  _addProtection(p: EmuProtection): void {
    this._protections.push(p);
  }
  _removeProtection(p: EmuProtection): void {
    this._protections = this._protections.filter((x) => x !== p);
  }
  _merge(range: EmuRange): void {
    this._breakApart(range);
    if (range._cellCount() > 1) this._merges.push(range);
  }
  _mergesOverlapping(range: EmuRange): EmuRange[] {
    return this._merges.filter(
      (m) =>
        m._row < range._row + range._numRows &&
        range._row < m._row + m._numRows &&
        m._col < range._col + range._numCols &&
        range._col < m._col + m._numCols,
    );
  }
  _breakApart(range: EmuRange): void {
    const hit = new Set(this._mergesOverlapping(range));
    this._merges = this._merges.filter((m) => !hit.has(m));
  }
  _sortRows(range: EmuRange, specs: Array<{ column: number; ascending: boolean }>): void {
    const data = this._data;
    const c0 = range._col - 1;
    const rows: Array<{ values: CellValue[]; meta: Array<CellMeta | undefined> }> = [];
    for (let i = 0; i < range._numRows; i++) {
      const r = range._row - 1 + i;
      const values: CellValue[] = [];
      const meta: Array<CellMeta | undefined> = [];
      for (let j = 0; j < range._numCols; j++) {
        values.push(data.get(r, c0 + j));
        meta.push(data.getMeta(r, c0 + j));
      }
      rows.push({ values, meta });
    }
    rows.sort((a, b) => {
      for (const s of specs) {
        const x = a.values[s.column - range._col];
        const y = b.values[s.column - range._col];
        if (x === "" || y === "") {
          if (x === y) continue;
          return x === "" ? 1 : -1; // blanks last in either direction
        }
        const d = compareCells(x, y);
        if (d !== 0) return s.ascending ? d : -d;
      }
      return 0;
    });
    rows.forEach((row, i) => {
      const r = range._row - 1 + i;
      row.values.forEach((v, j) => {
        data.set(r, c0 + j, v);
        const m = row.meta[j];
        if (m) data.metaFor(r, c0 + j);
        const metaRow = data.meta[r];
        if (metaRow) metaRow[c0 + j] = m;
      });
    });
    data.touch();
  }
  _createFilter(range: EmuRange): EmuFilter {
    if (this._filter) throw new Error(MESSAGES.filterExists);
    this._filter = new EmuFilter(this, range);
    return this._filter;
  }
  /** Used by the Forms emulator when a form sends its responses to this sheet. */
  _setFormUrl(url: string | null): void {
    this._formUrl = url;
  }
  private checkCells(extraRows: number, extraCols: number): void {
    const total =
      this.ss._totalCells() +
      extraRows * this._data.maxCols +
      extraCols * (this._data.maxRows + extraRows);
    if (total > MAX_CELLS) throw new Error(MESSAGES.tooManyCells);
  }
  /** Shifts anchored things (protections, named ranges, merges, filter, charts) after rows/columns move. */
  private shift(dim: "row" | "col", at: number, n: number): void {
    const move = (r: EmuRange): EmuRange | null => {
      if (r._sheet !== this) return r;
      if (dim === "row") {
        const s = shiftSpan(r._row, r._numRows, at, n);
        return s ? this._rangeAt(s[0], r._col, s[1], r._numCols) : null;
      }
      const s = shiftSpan(r._col, r._numCols, at, n);
      return s ? this._rangeAt(r._row, s[0], r._numRows, s[1]) : null;
    };
    for (const p of [...this._protections]) {
      if (p._range) {
        const r = move(p._range);
        if (r) p._range = r;
        else this._removeProtection(p);
      }
      p._unprotected = p._unprotected.map(move).filter((r): r is EmuRange => r !== null);
    }
    this._merges = this._merges.map(move).filter((r): r is EmuRange => r !== null);
    for (const rule of this._conditionalRules) {
      rule.ranges = rule.ranges.map(move).filter((r): r is EmuRange => r !== null);
    }
    this._bandings = this._bandings.flatMap((b) => {
      const r = move(b.range);
      return r ? [{ ...b, range: r }] : [];
    });
    const moveKeys = <V>(m: Map<number, V>): void => {
      const entries = [...m];
      m.clear();
      for (const [k, v] of entries) {
        const s = shiftSpan(k, 1, at, n);
        if (s) m.set(s[0], v);
      }
    };
    const moveSet = (set: Set<number>): void => {
      const map = new Map([...set].map((k) => [k, true]));
      moveKeys(map);
      set.clear();
      for (const k of map.keys()) set.add(k);
    };
    if (dim === "row") {
      moveKeys(this._rowHeights);
      moveSet(this._hiddenRows);
    } else {
      moveKeys(this._columnWidths);
      moveSet(this._hiddenColumns);
    }
    if (this._filter) {
      const r = move(this._filter._range);
      if (r) this._filter._range = r;
      else this._filter = null;
    }
    for (const sheet of this.ss._sheets) {
      for (const chart of sheet._charts)
        chart.ranges = chart.ranges.map(move).filter((r): r is EmuRange => r !== null);
    }
    this.ss._shiftNamedRanges(move);
  }
  /** A user who may not edit a protected sheet cannot insert into it, nor inside a protected range. */
  private assertCanInsert(dim: "row" | "col", at: number): void {
    const user = this._ctx.activeUser();
    for (const p of this._protections) {
      if (p._removed || p._userCanEdit(user)) continue;
      if (p._type === "SHEET") throw new Error(PROTECTED_MESSAGE);
      const r = p._range;
      if (!r) continue;
      const [start, count] = dim === "row" ? [r._row, r._numRows] : [r._col, r._numCols];
      if (start < at && at <= start + count - 1) throw new Error(PROTECTED_MESSAGE);
    }
  }
  private insertRowsAt(at: number, n: number, checkPermission: boolean): void {
    if (checkPermission) this.assertCanInsert("row", at);
    this.checkCells(n, 0);
    this._data.insertRows(at - 1, n);
    this.shift("row", at, n);
  }
  private insertColumnsAt(at: number, n: number, checkPermission: boolean): void {
    if (checkPermission) this.assertCanInsert("col", at);
    this.checkCells(0, n);
    this._data.insertColumns(at - 1, n);
    this.shift("col", at, n);
  }

  // ---- identity ----------------------------------------------------------------------------
  getName(): string {
    this.call("getName");
    return this._name;
  }
  getSheetName(): string {
    this.call("getSheetName");
    return this._name;
  }
  /** Same error as insertSheet for a name in use (names are unique ignoring case). */
  setName(name: string): this {
    this.call("setName");
    this.ss._checkNewSheetName(String(name), this);
    this._name = String(name);
    return this;
  }
  getSheetId(): number {
    this.call("getSheetId");
    return this._id;
  }
  /** 1-based position among the sheets. */
  getIndex(): number {
    this.call("getIndex");
    return this.ss._sheets.indexOf(this) + 1;
  }
  getParent(): EmuSpreadsheet {
    this.call("getParent");
    return this.ss;
  }
  getType(): "GRID" {
    this.call("getType");
    return "GRID";
  }
  activate(): this {
    this.call("activate");
    this.ss._activate(this, null);
    return this;
  }

  // ---- ranges ------------------------------------------------------------------------------
  /**
   * getRange(a1Notation) or getRange(row, column[, numRows[, numColumns]]).
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(Integer,Integer)
   */
  getRange(
    rowOrA1: number | string,
    column?: number,
    numRows?: number,
    numColumns?: number,
  ): EmuRange {
    this.call("getRange");
    if (typeof rowOrA1 === "string" && column === undefined) return this._rangeFromA1(rowOrA1);
    if (column === undefined) throw signatureError([rowOrA1], "Sheet.getRange");
    return this._rangeChecked(rowOrA1 as number, column, numRows ?? 1, numColumns ?? 1);
  }
  getRangeList(a1Notations: string[]): EmuRangeList {
    this.call("getRangeList");
    return new EmuRangeList(
      this._ctx,
      a1Notations.map((a) => this._rangeFromA1(a)),
    );
  }
  /** A1 to the last row and column with content (A1 alone on an empty sheet). */
  getDataRange(): EmuRange {
    this.readCall("getDataRange");
    const { lastRow, lastCol } = this._data.lastRowCol();
    return this._rangeAt(1, 1, Math.max(lastRow, 1), Math.max(lastCol, 1));
  }
  /** -1 for numRows/numColumns means "to the last row/column with content". */
  getSheetValues(
    startRow: number,
    startColumn: number,
    numRows: number,
    numColumns: number,
  ): unknown[][] {
    const { lastRow, lastCol } = this._data.lastRowCol();
    const nr = numRows === -1 ? lastRow - startRow + 1 : numRows;
    const nc = numColumns === -1 ? lastCol - startColumn + 1 : numColumns;
    this.readCall("getSheetValues", Math.max(nr, 0) * Math.max(nc, 0));
    const range = this._rangeChecked(startRow, startColumn, nr, nc);
    return this._ctx.rt.uncharged(() => range.getValues());
  }
  /** Last row with content; 0 when the sheet is empty. https://developers.google.com/apps-script/reference/spreadsheet/sheet#getLastRow() */
  getLastRow(): number {
    this.readCall("getLastRow");
    return this._data.lastRowCol().lastRow;
  }
  getLastColumn(): number {
    this.readCall("getLastColumn");
    return this._data.lastRowCol().lastCol;
  }
  getMaxRows(): number {
    this.readCall("getMaxRows");
    return this._data.maxRows;
  }
  getMaxColumns(): number {
    this.readCall("getMaxColumns");
    return this._data.maxCols;
  }
  getActiveRange(): EmuRange {
    this.call("getActiveRange");
    return this.ss._activeRangeOn(this);
  }
  setActiveRange(range: EmuRange): EmuRange {
    this.call("setActiveRange");
    this.ss._activate(this, range);
    return range;
  }
  getActiveCell(): EmuRange {
    this.call("getActiveCell");
    const r = this.ss._activeRangeOn(this);
    return this._rangeAt(r._row, r._col, 1, 1);
  }

  // ---- writing -------------------------------------------------------------------------------
  /**
   * Appends after the last row with content, atomically; grows the sheet (rows and columns)
   * when needed; values are read as typed, like setValues.
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#appendRow(Object)
   */
  appendRow(rowContents: unknown[]): this {
    const byScript = this.writeCall(
      "appendRow",
      Array.isArray(rowContents) ? rowContents.length : 0,
    );
    return this._appendRow(rowContents, byScript);
  }
  _appendRow(rowContents: unknown[], checkPermission: boolean): this {
    if (!Array.isArray(rowContents)) throw signatureError([rowContents], "Sheet.appendRow");
    if (rowContents.length === 0) return this;
    const data = this._data;
    const row = data.lastRowCol().lastRow + 1;
    const extraRows = Math.max(0, row - data.maxRows);
    const extraCols = Math.max(0, rowContents.length - data.maxCols);
    if (extraRows || extraCols) this.checkCells(extraRows, extraCols);
    if (checkPermission) this._assertCanEdit(row, 1, 1, rowContents.length);
    if (extraRows) data.maxRows += extraRows;
    if (extraCols) data.maxCols += extraCols;
    if (extraRows || extraCols) data.touch();
    const ctx = this._parseContext();
    const out = newParseOut();
    const r = row - 1;
    rowContents.forEach((input, c) => {
      const meta = data.getMeta(r, c);
      const v = parseInput(input, ctx, out, meta?.numberFormat === "@");
      data.set(r, c, v);
      if (out.formula !== null) data.metaFor(r, c).formula = out.formula;
      else if (meta?.formula !== undefined) data.unsetMeta(r, c, "formula");
      if (out.numberFormat !== null && !data.getMeta(r, c)?.numberFormat)
        data.metaFor(r, c).numberFormat = out.numberFormat;
    });
    data.touch();
    return this;
  }
  insertRows(rowIndex: number, numRows = 1): void {
    this.insertRowsBeforeChecked(rowIndex, numRows, this.writeCall("insertRows"));
  }
  private insertRowsBeforeChecked(before: number, n: number, checkPermission: boolean): this {
    if (!(before >= 1 && before <= this._data.maxRows) || !(n >= 1))
      throw new Error(MESSAGES.rowsOutOfBounds);
    this.insertRowsAt(before, n, checkPermission);
    return this;
  }
  insertRowBefore(beforePosition: number): this {
    return this.insertRowsBeforeChecked(beforePosition, 1, this.writeCall("insertRowBefore"));
  }
  insertRowsBefore(beforePosition: number, howMany: number): this {
    return this.insertRowsBeforeChecked(
      beforePosition,
      howMany,
      this.writeCall("insertRowsBefore"),
    );
  }
  insertRowAfter(afterPosition: number): this {
    return this.insertAfter(afterPosition, 1, this.writeCall("insertRowAfter"));
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertRowsAfter(Integer,Integer) */
  insertRowsAfter(afterPosition: number, howMany: number): this {
    return this.insertAfter(afterPosition, howMany, this.writeCall("insertRowsAfter"));
  }
  private insertAfter(after: number, n: number, checkPermission: boolean): this {
    if (!(after >= 1 && after <= this._data.maxRows) || !(n >= 1))
      throw new Error(MESSAGES.rowsOutOfBounds);
    this.insertRowsAt(after + 1, n, checkPermission);
    return this;
  }
  deleteRow(rowPosition: number): this {
    return this.deleteRowsChecked(rowPosition, 1, this.writeCall("deleteRow"));
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteRows(Integer,Integer) */
  deleteRows(rowPosition: number, howMany: number): this {
    return this.deleteRowsChecked(rowPosition, howMany, this.writeCall("deleteRows"));
  }
  private deleteRowsChecked(at: number, n: number, checkPermission: boolean): this {
    const max = this._data.maxRows;
    if (!(at >= 1 && n >= 1 && at + n - 1 <= max)) throw new Error(MESSAGES.rowsOutOfBounds);
    if (n >= max - this._frozenRows && at > this._frozenRows)
      throw new Error(MESSAGES.deleteAllRows);
    if (checkPermission) this._assertCanEdit(at, 1, n, this._data.maxCols);
    this._data.deleteRows(at - 1, n);
    if (this._frozenRows >= at) this._frozenRows = Math.max(at - 1, this._frozenRows - n);
    this.shift("row", at, -n);
    return this;
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    this.insertColumnsBeforeChecked(columnIndex, numColumns, this.writeCall("insertColumns"));
  }
  private insertColumnsBeforeChecked(before: number, n: number, checkPermission: boolean): this {
    if (!(before >= 1 && before <= this._data.maxCols) || !(n >= 1))
      throw new Error(MESSAGES.columnsOutOfBounds);
    this.insertColumnsAt(before, n, checkPermission);
    return this;
  }
  insertColumnBefore(beforePosition: number): this {
    return this.insertColumnsBeforeChecked(beforePosition, 1, this.writeCall("insertColumnBefore"));
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    return this.insertColumnsBeforeChecked(
      beforePosition,
      howMany,
      this.writeCall("insertColumnsBefore"),
    );
  }
  insertColumnAfter(afterPosition: number): this {
    return this.insertColumnsAfterChecked(afterPosition, 1, this.writeCall("insertColumnAfter"));
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    return this.insertColumnsAfterChecked(
      afterPosition,
      howMany,
      this.writeCall("insertColumnsAfter"),
    );
  }
  private insertColumnsAfterChecked(after: number, n: number, checkPermission: boolean): this {
    if (!(after >= 1 && after <= this._data.maxCols) || !(n >= 1))
      throw new Error(MESSAGES.columnsOutOfBounds);
    this.insertColumnsAt(after + 1, n, checkPermission);
    return this;
  }
  deleteColumn(columnPosition: number): this {
    return this.deleteColumnsChecked(columnPosition, 1, this.writeCall("deleteColumn"));
  }
  deleteColumns(columnPosition: number, howMany: number): this {
    return this.deleteColumnsChecked(columnPosition, howMany, this.writeCall("deleteColumns"));
  }
  private deleteColumnsChecked(at: number, n: number, checkPermission: boolean): this {
    const max = this._data.maxCols;
    if (!(at >= 1 && n >= 1 && at + n - 1 <= max)) throw new Error(MESSAGES.columnsOutOfBounds);
    if (n >= max - this._frozenColumns && at > this._frozenColumns)
      throw new Error(MESSAGES.deleteAllColumns);
    if (checkPermission) this._assertCanEdit(1, at, this._data.maxRows, n);
    this._data.deleteColumns(at - 1, n);
    if (this._frozenColumns >= at) this._frozenColumns = Math.max(at - 1, this._frozenColumns - n);
    this.shift("col", at, -n);
    return this;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#clear() */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): this {
    const byScript = this.writeCall("clear");
    const contents = !options?.formatOnly || Boolean(options?.contentsOnly);
    const formats = !options?.contentsOnly || Boolean(options?.formatOnly);
    if (contents && byScript) this._assertCanEdit(1, 1, this._data.maxRows, this._data.maxCols);
    this.clearAll({ contents, formats });
    return this;
  }
  clearContents(): this {
    if (this.writeCall("clearContents"))
      this._assertCanEdit(1, 1, this._data.maxRows, this._data.maxCols);
    this.clearAll({ contents: true });
    return this;
  }
  clearFormats(): this {
    this.writeCall("clearFormats");
    this.clearAll({ formats: true });
    return this;
  }
  clearNotes(): this {
    this.writeCall("clearNotes");
    this.clearAll({ notes: true });
    return this;
  }
  clearConditionalFormatRules(): void {
    this.call("clearConditionalFormatRules");
    this._conditionalRules = [];
  }
  /** Sorts the rows below the frozen rows by one column. */
  sort(columnPosition: number, ascending = true): this {
    this.writeCall("sort");
    const { lastRow, lastCol } = this._data.lastRowCol();
    const first = this._frozenRows + 1;
    if (lastRow >= first && lastCol >= 1) {
      this._sortRows(this._rangeAt(first, 1, lastRow - first + 1, lastCol), [
        { column: columnPosition, ascending },
      ]);
    }
    return this;
  }

  // ---- layout --------------------------------------------------------------------------------
  setFrozenRows(rows: number): void {
    this.call("setFrozenRows");
    this._frozenRows = Math.max(0, Math.trunc(rows));
  }
  getFrozenRows(): number {
    this.call("getFrozenRows");
    return this._frozenRows;
  }
  setFrozenColumns(columns: number): void {
    this.call("setFrozenColumns");
    this._frozenColumns = Math.max(0, Math.trunc(columns));
  }
  getFrozenColumns(): number {
    this.call("getFrozenColumns");
    return this._frozenColumns;
  }
  hideSheet(): this {
    this.call("hideSheet");
    const visible = this.ss._sheets.filter((s) => !s._hidden && s !== this);
    if (visible.length === 0) throw new Error(MESSAGES.hideAll);
    this._hidden = true;
    return this;
  }
  showSheet(): this {
    this.call("showSheet");
    this._hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    this.call("isSheetHidden");
    return this._hidden;
  }
  setColumnWidth(columnPosition: number, width: number): this {
    this.call("setColumnWidth");
    this._columnWidths.set(columnPosition, width);
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    this.call("setColumnWidths");
    for (let c = startColumn; c < startColumn + numColumns; c++) this._columnWidths.set(c, width);
    return this;
  }
  getColumnWidth(columnPosition: number): number {
    this.call("getColumnWidth");
    return this._columnWidths.get(columnPosition) ?? DEFAULT_COLUMN_WIDTH;
  }
  /** Width from the longest displayed text (about 7 px a character); empty columns keep theirs. */
  autoResizeColumns(startColumn: number, numColumns: number): this {
    this.readCall("autoResizeColumns");
    const data = this._data;
    const { lastRow } = data.lastRowCol();
    const tz = this.ss._timeZone;
    for (let c = startColumn; c < startColumn + numColumns; c++) {
      let longest = 0;
      for (let r = 0; r < lastRow; r++) {
        const text = displayValue(data.get(r, c - 1), data.getMeta(r, c - 1)?.numberFormat, tz);
        for (const line of text.split("\n")) longest = Math.max(longest, line.length);
      }
      if (longest > 0) this._columnWidths.set(c, Math.min(1000, Math.max(30, longest * 7 + 12)));
    }
    return this;
  }
  autoResizeColumn(columnPosition: number): this {
    return this.autoResizeColumns(columnPosition, 1);
  }
  setRowHeight(rowPosition: number, height: number): this {
    this.call("setRowHeight");
    this._rowHeights.set(rowPosition, height);
    return this;
  }
  setRowHeights(startRow: number, numRows: number, height: number): this {
    this.call("setRowHeights");
    for (let r = startRow; r < startRow + numRows; r++) this._rowHeights.set(r, height);
    return this;
  }
  getRowHeight(rowPosition: number): number {
    this.call("getRowHeight");
    return this._rowHeights.get(rowPosition) ?? DEFAULT_ROW_HEIGHT;
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    this.call("hideColumns");
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this._hiddenColumns.add(c);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    this.call("showColumns");
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this._hiddenColumns.delete(c);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    this.call("isColumnHiddenByUser");
    return this._hiddenColumns.has(columnPosition);
  }
  hideRows(rowIndex: number, numRows = 1): void {
    this.call("hideRows");
    for (let r = rowIndex; r < rowIndex + numRows; r++) this._hiddenRows.add(r);
  }
  showRows(rowIndex: number, numRows = 1): void {
    this.call("showRows");
    for (let r = rowIndex; r < rowIndex + numRows; r++) this._hiddenRows.delete(r);
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    this.call("isRowHiddenByUser");
    return this._hiddenRows.has(rowPosition);
  }
  setTabColor(color: string | null): this {
    this.call("setTabColor");
    this._tabColor = color === null || color === undefined || color === "" ? null : String(color);
    return this;
  }
  getTabColor(): string | null {
    this.call("getTabColor");
    return this._tabColor;
  }

  // ---- protection, forms, filters ------------------------------------------------------------
  /**
   * The sheet's protection; an existing one is returned rather than a second created.
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect()
   */
  protect(): EmuProtection {
    this.call("protect");
    const existing = this._protections.find((p) => p._type === "SHEET" && !p._removed);
    if (existing) return existing;
    const p = new EmuProtection(this._ctx, this, "SHEET", null);
    this._protections.push(p);
    return p;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#getProtections(ProtectionType) */
  getProtections(type: ProtectionTypeName): EmuProtection[] {
    this.call("getProtections");
    return this._protections.filter((p) => p._type === String(type) && !p._removed);
  }
  /** URL of the form sending responses to this sheet, or null. */
  getFormUrl(): string | null {
    this.call("getFormUrl");
    return this._formUrl;
  }
  getFilter(): EmuFilter | null {
    this.call("getFilter");
    return this._filter;
  }
  createTextFinder(findText: string): ReturnType<EmuRange["createTextFinder"]> {
    this.call("createTextFinder");
    const { lastRow, lastCol } = this._data.lastRowCol();
    const range = this._rangeAt(1, 1, Math.max(lastRow, 1), Math.max(lastCol, 1));
    return this._ctx.rt.uncharged(() => range.createTextFinder(findText));
  }
  getNamedRanges(): ReturnType<EmuSpreadsheet["getNamedRanges"]> {
    this.call("getNamedRanges");
    return this._ctx.rt
      .uncharged(() => this.ss.getNamedRanges())
      .filter((n) => n._range()._sheet === this);
  }
  addDeveloperMetadata(
    key: string,
    value?: string | null,
    visibility?: DeveloperMetadataVisibilityName,
  ): this {
    this.call("addDeveloperMetadata");
    addDevMeta(this._devMeta, this.ss._nextDevMetaId(), key, value, visibility);
    return this;
  }
  getDeveloperMetadata(): EmuDeveloperMetadata[] {
    this.call("getDeveloperMetadata");
    return devMetaHandles(this._ctx, this._devMeta);
  }
  /**
   * Stored (and saved) but not applied to display values.
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#setConditionalFormatRules(ConditionalFormatRule)
   */
  setConditionalFormatRules(rules: EmuConditionalFormatRule[]): void {
    this.call("setConditionalFormatRules");
    if (!Array.isArray(rules)) throw signatureError([rules], "Sheet.setConditionalFormatRules");
    this._conditionalRules = rules.map((r) => {
      if (!(r instanceof EmuConditionalFormatRule))
        throw signatureError([rules], "Sheet.setConditionalFormatRules");
      return {
        ...r._data,
        ranges: [...r._data.ranges],
        values: [...r._data.values],
        style: { ...r._data.style },
      };
    });
  }
  getConditionalFormatRules(): EmuConditionalFormatRule[] {
    this.call("getConditionalFormatRules");
    return this._conditionalRules.map((d) => new EmuConditionalFormatRule(this._ctx, d));
  }
  getBandings(): EmuBanding[] {
    this.call("getBandings");
    return this._bandings.map((b) => new EmuBanding(this._ctx, b, this._bandings));
  }
  _addBanding(data: BandingData): EmuBanding {
    const overlaps = this._bandings.some((b) => b.range._overlaps(data.range));
    if (overlaps)
      throw new Error("You cannot add alternating colors to a range that already has them.");
    this._bandings.push(data);
    return new EmuBanding(this._ctx, data, this._bandings);
  }
  setHiddenGridlines(hideGridlines: boolean): this {
    this.call("setHiddenGridlines");
    this._hiddenGridlines = Boolean(hideGridlines);
    return this;
  }
  hasHiddenGridlines(): boolean {
    this.call("hasHiddenGridlines");
    return this._hiddenGridlines;
  }
  /**
   * Copies the sheet (values, formats, rules, charts; not protections) into a spreadsheet, named
   * "Copy of <name>". https://developers.google.com/apps-script/reference/spreadsheet/sheet#copyTo(Spreadsheet)
   */
  copyTo(spreadsheet: EmuSpreadsheet): EmuSheet {
    this.call("copyTo");
    return copySheet(this, spreadsheet);
  }

  // ---- charts --------------------------------------------------------------------------------
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#newChart() */
  newChart(): EmuEmbeddedChartBuilder {
    this.call("newChart");
    return new EmuEmbeddedChartBuilder(this._ctx);
  }
  insertChart(chart: EmuEmbeddedChart): void {
    this.call("insertChart");
    if (!(chart instanceof EmuEmbeddedChart)) throw signatureError([chart], "Sheet.insertChart");
    const data = cloneChartData(chart._data);
    data.chartId = this.ss._nextChartId();
    this._charts.push(data);
  }
  getCharts(): EmuEmbeddedChart[] {
    this.call("getCharts");
    return this._charts.map((c) => new EmuEmbeddedChart(this._ctx, cloneChartData(c)));
  }
  removeChart(chart: EmuEmbeddedChart): void {
    this.call("removeChart");
    this._charts = this._charts.filter((c) => c.chartId !== chart._data.chartId);
  }
  /** Replaces the chart with the same id (from getCharts()[i].modify()...build()). */
  updateChart(chart: EmuEmbeddedChart): void {
    this.call("updateChart");
    const i = this._charts.findIndex(
      (c) => c.chartId !== null && c.chartId === chart._data.chartId,
    );
    if (i < 0) throw new Error("Invalid argument: chart (it is not in this sheet).");
    this._charts[i] = cloneChartData(chart._data);
  }

  toString(): string {
    return "Sheet";
  }
}

/** https://developers.google.com/apps-script/reference/spreadsheet/range-list (a subset). */
export class EmuRangeList {
  constructor(
    private readonly ctx: SheetsContext,
    private readonly ranges: EmuRange[],
  ) {}
  private each(method: string, fn: (r: EmuRange) => void, content = false): this {
    const byScript = countedCall(this.ctx.rt, `RangeList.${method}`, { sheetWrite: true });
    if (content && byScript) {
      for (const r of this.ranges) r._sheet._assertCanEdit(r._row, r._col, r._numRows, r._numCols);
    }
    this.ctx.rt.uncharged(() => this.ranges.forEach(fn));
    return this;
  }
  getRanges(): EmuRange[] {
    this.ctx.rt.call("RangeList.getRanges");
    return [...this.ranges];
  }
  setValue(value: unknown): this {
    return this.each("setValue", (r) => r.setValue(value), true);
  }
  clearContent(): this {
    return this.each("clearContent", (r) => r.clearContent(), true);
  }
  clear(): this {
    return this.each("clear", (r) => r.clear(), true);
  }
  setFontWeight(w: string | null): this {
    return this.each("setFontWeight", (r) => r.setFontWeight(w));
  }
  setBackground(c: string | null): this {
    return this.each("setBackground", (r) => r.setBackground(c));
  }
  setNumberFormat(f: string): this {
    return this.each("setNumberFormat", (r) => r.setNumberFormat(f));
  }
  activate(): this {
    return this.each("activate", (r) => r.activate());
  }
}
