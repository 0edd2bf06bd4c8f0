// Range: a rectangle of cells on a sheet (1-based, fixed coordinates like Google's).
// https://developers.google.com/apps-script/reference/spreadsheet/range
import { quoteSheetName, rangeA1 } from "./a1";
import { EmuBanding } from "./conditional";
import { countedCall, type SheetsContext } from "./context";
import { displayValue, GENERAL } from "./format";
import { EmuProtection } from "./protection";
import type { EmuSheet } from "./sheet";
import type { CellFormat, CellMeta } from "./store";
import { EmuDataValidation, EmuDataValidationBuilder, MAX_LIST_ITEMS } from "./validation";
import { type CellValue, FORMULA_VALUE, isDate, newParseOut, parseInput } from "./values";

/** Google's message when setValues gets an array of the wrong shape. */
export function dimensionError(what: "rows" | "columns", data: number, range: number): Error {
  return new Error(
    `The number of ${what} in the data does not match the number of ${what} in the range. The data has ${data} but the range has ${range}.`,
  );
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return `${v.length ? typeName(v[0]) : "Object"}[]`;
  if (typeof v === "string") return "String";
  if (isDate(v)) return "Date";
  return typeof v;
}

export function signatureError(args: unknown[], method: string): Error {
  return new Error(
    `The parameters (${args.map(typeName).join(",")}) don't match the method signature for SpreadsheetApp.${method}.`,
  );
}

/** Checks a 2-D array against the range's shape, with Google's messages. */
export function checkShape(
  values: unknown,
  numRows: number,
  numCols: number,
  method: string,
): unknown[][] {
  if (!Array.isArray(values) || values.some((r) => !Array.isArray(r)))
    throw signatureError([values], method);
  if (values.length !== numRows) throw dimensionError("rows", values.length, numRows);
  for (const row of values as unknown[][]) {
    if (row.length !== numCols) throw dimensionError("columns", row.length, numCols);
  }
  return values as unknown[][];
}

export type SortSpec =
  | number
  | { column: number; ascending?: boolean }
  | Array<number | { column: number; ascending?: boolean }>;

/** Sheets' ascending order: numbers and dates, then text (case-insensitive), then booleans; blanks last. */
function sortRank(v: CellValue): number {
  if (v === "") return 3;
  if (typeof v === "number" || isDate(v)) return 0;
  if (typeof v === "string") return 1;
  return 2;
}

export function compareCells(a: CellValue, b: CellValue): number {
  const ra = sortRank(a);
  const rb = sortRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) {
    const x = typeof a === "number" ? a : (a as Date).getTime();
    const y = typeof b === "number" ? b : (b as Date).getTime();
    return x - y;
  }
  if (ra === 1) {
    const x = (a as string).toLowerCase();
    const y = (b as string).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ra === 2) return Number(a) - Number(b);
  return 0;
}

export interface RichText {
  text: string;
  link: string | null;
}

/** https://developers.google.com/apps-script/reference/spreadsheet/rich-text-value */
export class EmuRichTextValue {
  constructor(
    private readonly ctx: SheetsContext,
    /** @internal */ readonly _v: RichText,
  ) {}
  getText(): string {
    this.ctx.rt.call("RichTextValue.getText");
    return this._v.text;
  }
  getLinkUrl(): string | null {
    this.ctx.rt.call("RichTextValue.getLinkUrl");
    return this._v.link;
  }
  copy(): EmuRichTextValueBuilder {
    this.ctx.rt.call("RichTextValue.copy");
    return new EmuRichTextValueBuilder(this.ctx, { ...this._v });
  }
}

/** https://developers.google.com/apps-script/reference/spreadsheet/rich-text-value-builder */
export class EmuRichTextValueBuilder {
  constructor(
    private readonly ctx: SheetsContext,
    private v: RichText = { text: "", link: null },
  ) {}
  setText(text: string): this {
    this.ctx.rt.call("RichTextValueBuilder.setText");
    this.v = { ...this.v, text: String(text) };
    return this;
  }
  /** setLinkUrl(url) or setLinkUrl(start, end, url): the emulator keeps one link per cell. */
  setLinkUrl(a: unknown, _end?: number, url?: string): this {
    this.ctx.rt.call("RichTextValueBuilder.setLinkUrl");
    const link = url !== undefined ? url : a;
    this.v = { ...this.v, link: link === null || link === undefined ? null : String(link) };
    return this;
  }
  setTextStyle(): this {
    this.ctx.rt.call("RichTextValueBuilder.setTextStyle");
    return this;
  }
  build(): EmuRichTextValue {
    this.ctx.rt.call("RichTextValueBuilder.build");
    return new EmuRichTextValue(this.ctx, { ...this.v });
  }
}

/** https://developers.google.com/apps-script/reference/spreadsheet/text-finder (a subset). */
export class EmuTextFinder {
  private caseSensitive = false;
  private entireCell = false;
  private regex = false;
  private cursor = -1;
  constructor(
    private readonly range: EmuRange,
    private readonly text: string,
  ) {}
  private call(m: string, read = false): void {
    this.range._ctx.rt.call(
      `TextFinder.${m}`,
      read ? { sheetRead: true, cellsRead: this.range._cellCount() } : {},
    );
  }
  matchCase(matchCase: boolean): this {
    this.call("matchCase");
    this.caseSensitive = Boolean(matchCase);
    return this;
  }
  matchEntireCell(matchEntireCell: boolean): this {
    this.call("matchEntireCell");
    this.entireCell = Boolean(matchEntireCell);
    return this;
  }
  useRegularExpression(useRegEx: boolean): this {
    this.call("useRegularExpression");
    this.regex = Boolean(useRegEx);
    return this;
  }
  private matches(): EmuRange[] {
    const r = this.range;
    const displays = r._ctx.rt.uncharged(() => r.getDisplayValues());
    const flags = this.caseSensitive ? "" : "i";
    const source = this.regex ? this.text : this.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const re = new RegExp(this.entireCell ? `^(?:${source})$` : source, flags);
    const out: EmuRange[] = [];
    displays.forEach((row, i) =>
      row.forEach((cell, j) => {
        if (cell !== "" && re.test(cell)) out.push(r._sheet._rangeAt(r._row + i, r._col + j, 1, 1));
      }),
    );
    return out;
  }
  findAll(): EmuRange[] {
    this.call("findAll", true);
    return this.matches();
  }
  findNext(): EmuRange | null {
    this.call("findNext", true);
    const all = this.matches();
    this.cursor++;
    if (this.cursor >= all.length) {
      this.cursor = all.length;
      return null;
    }
    return all[this.cursor];
  }
}

export class EmuRange {
  constructor(
    /** @internal */ readonly _sheet: EmuSheet,
    /** @internal */ readonly _row: number,
    /** @internal */ readonly _col: number,
    /** @internal */ readonly _numRows: number,
    /** @internal */ readonly _numCols: number,
  ) {}

  // ---- emulator internals ----------------------------------------------------------------
  get _ctx(): SheetsContext {
    return this._sheet._ctx;
  }
  _cellCount(): number {
    return this._numRows * this._numCols;
  }
  _contains(row: number, col: number): boolean {
    return (
      row >= this._row &&
      row < this._row + this._numRows &&
      col >= this._col &&
      col < this._col + this._numCols
    );
  }
  _overlaps(o: EmuRange): boolean {
    return (
      o._sheet === this._sheet &&
      o._row < this._row + this._numRows &&
      this._row < o._row + o._numRows &&
      o._col < this._col + this._numCols &&
      this._col < o._col + o._numCols
    );
  }
  _a1(): string {
    return rangeA1(this._row, this._col, this._numRows, this._numCols);
  }
  _fullA1(): string {
    return `${quoteSheetName(this._sheet._name)}!${this._a1()}`;
  }
  private call(method: string): void {
    this._ctx.rt.call(`Range.${method}`);
  }
  private read(method: string, cells = this._cellCount()): void {
    this._ctx.rt.call(`Range.${method}`, { sheetRead: true, cellsRead: cells });
    this._sheet._checkBounds(this._row, this._col, this._numRows, this._numCols);
  }
  /** A buffered write; any change to a protected cell (value, format, note, rule) needs permission. */
  private write(method: string, cells = this._cellCount()): void {
    const byScript = countedCall(this._ctx.rt, `Range.${method}`, {
      sheetWrite: true,
      cellsWritten: cells,
    });
    this._sheet._checkBounds(this._row, this._col, this._numRows, this._numCols);
    if (byScript) this._sheet._assertCanEdit(this._row, this._col, this._numRows, this._numCols);
  }
  /** Visits every cell (0-based store coordinates and 0-based offsets in the range). */
  private each(fn: (r: number, c: number, i: number, j: number) => void): void {
    for (let i = 0; i < this._numRows; i++) {
      for (let j = 0; j < this._numCols; j++) fn(this._row - 1 + i, this._col - 1 + j, i, j);
    }
  }
  private grid<T>(fn: (r: number, c: number) => T): T[][] {
    const out: T[][] = new Array<T[]>(this._numRows);
    for (let i = 0; i < this._numRows; i++) {
      const row = new Array<T>(this._numCols);
      for (let j = 0; j < this._numCols; j++) row[j] = fn(this._row - 1 + i, this._col - 1 + j);
      out[i] = row;
    }
    return out;
  }
  private topLeftMeta(): CellMeta | undefined {
    return this._sheet._data.getMeta(this._row - 1, this._col - 1);
  }
  private outValue(v: CellValue): unknown {
    return typeof v === "object" ? this._ctx.newDate(v.getTime()) : v;
  }

  /** Stores one parsed input; keeps formula / number-format metadata in step. */
  private store(
    r: number,
    c: number,
    input: unknown,
    parseCtx: ReturnType<EmuSheet["_parseContext"]>,
    out = newParseOut(),
  ): void {
    const data = this._sheet._data;
    const meta = data.getMeta(r, c);
    const v = parseInput(input, parseCtx, out, meta?.numberFormat === "@");
    data.set(r, c, v);
    if (out.formula !== null) data.metaFor(r, c).formula = out.formula;
    if (meta) {
      if (out.formula === null && meta.formula !== undefined) data.unsetMeta(r, c, "formula");
      if (meta.link !== undefined) data.unsetMeta(r, c, "link");
    }
    if (out.numberFormat !== null && !data.getMeta(r, c)?.numberFormat)
      data.metaFor(r, c).numberFormat = out.numberFormat;
  }

  // ---- geometry ------------------------------------------------------------------------
  getRow(): number {
    this.call("getRow");
    return this._row;
  }
  getRowIndex(): number {
    this.call("getRowIndex");
    return this._row;
  }
  getColumn(): number {
    this.call("getColumn");
    return this._col;
  }
  getNumRows(): number {
    this.call("getNumRows");
    return this._numRows;
  }
  getNumColumns(): number {
    this.call("getNumColumns");
    return this._numCols;
  }
  getHeight(): number {
    this.call("getHeight");
    return this._numRows;
  }
  getWidth(): number {
    this.call("getWidth");
    return this._numCols;
  }
  /** The range's own end row (not the sheet's last row with content). */
  getLastRow(): number {
    this.call("getLastRow");
    return this._row + this._numRows - 1;
  }
  getLastColumn(): number {
    this.call("getLastColumn");
    return this._col + this._numCols - 1;
  }
  getA1Notation(): string {
    this.call("getA1Notation");
    return this._a1();
  }
  getSheet(): EmuSheet {
    this.call("getSheet");
    return this._sheet;
  }
  getGridId(): number {
    this.call("getGridId");
    return this._sheet._id;
  }
  /** Relative to this range, 1-based. https://developers.google.com/apps-script/reference/spreadsheet/range#getCell(Integer,Integer) */
  getCell(row: number, column: number): EmuRange {
    this.call("getCell");
    if (row < 1 || column < 1 || row > this._numRows || column > this._numCols) {
      throw new Error("Cell reference out of range");
    }
    return this._sheet._rangeAt(this._row + row - 1, this._col + column - 1, 1, 1);
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/range#offset(Integer,Integer,Integer,Integer) */
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): EmuRange {
    this.call("offset");
    return this._sheet._rangeChecked(
      this._row + rowOffset,
      this._col + columnOffset,
      numRows ?? this._numRows,
      numColumns ?? this._numCols,
    );
  }
  activate(): this {
    this.call("activate");
    this._sheet._spreadsheet()._activate(this._sheet, this);
    return this;
  }
  activateAsCurrentCell(): this {
    this.call("activateAsCurrentCell");
    this._sheet._spreadsheet()._activate(this._sheet, this);
    return this;
  }
  isBlank(): boolean {
    this.read("isBlank");
    const data = this._sheet._data;
    for (let i = 0; i < this._numRows; i++) {
      for (let j = 0; j < this._numCols; j++) {
        if (data.get(this._row - 1 + i, this._col - 1 + j) !== "") return false;
      }
    }
    return true;
  }

  /**
   * Ctrl+arrow from the range's first cell.
   * https://developers.google.com/apps-script/reference/spreadsheet/range#getNextDataCell(Direction)
   */
  getNextDataCell(direction: string): EmuRange {
    this.read("getNextDataCell", 0);
    const data = this._sheet._data;
    const dr = direction === "DOWN" ? 1 : direction === "UP" ? -1 : 0;
    const dc = direction === "NEXT" ? 1 : direction === "PREVIOUS" ? -1 : 0;
    if (dr === 0 && dc === 0) throw new Error(`Invalid argument: direction`);
    const maxR = data.maxRows;
    const maxC = data.maxCols;
    let r = this._row;
    let c = this._col;
    const inside = (rr: number, cc: number): boolean =>
      rr >= 1 && cc >= 1 && rr <= maxR && cc <= maxC;
    const filled = (rr: number, cc: number): boolean => data.get(rr - 1, cc - 1) !== "";
    if (!inside(r + dr, c + dc)) return this._sheet._rangeAt(r, c, 1, 1);
    if (filled(r, c) && filled(r + dr, c + dc)) {
      while (inside(r + dr, c + dc) && filled(r + dr, c + dc)) {
        r += dr;
        c += dc;
      }
    } else {
      r += dr;
      c += dc;
      while (inside(r + dr, c + dc) && !filled(r, c)) {
        r += dr;
        c += dc;
      }
    }
    return this._sheet._rangeAt(r, c, 1, 1);
  }

  // ---- values --------------------------------------------------------------------------
  /**
   * Number, boolean, Date or string; empty cells are "".
   * https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()
   */
  getValues(): unknown[][] {
    this.read("getValues");
    const rows = this._sheet._data.rows;
    const newDate = this._ctx.newDate;
    const c0 = this._col - 1;
    const nc = this._numCols;
    const out: unknown[][] = new Array<unknown[]>(this._numRows);
    for (let i = 0; i < this._numRows; i++) {
      const src = rows[this._row - 1 + i];
      const row = new Array<unknown>(nc);
      if (!src) row.fill("");
      else {
        for (let j = 0; j < nc; j++) {
          const v = src[c0 + j];
          row[j] = v === undefined ? "" : typeof v === "object" ? newDate(v.getTime()) : v;
        }
      }
      out[i] = row;
    }
    return out;
  }
  getValue(): unknown {
    this.read("getValue", 1);
    return this.outValue(this._sheet._data.get(this._row - 1, this._col - 1));
  }
  /**
   * Throws unless `values` has exactly the range's rows and columns; each value is read as typed.
   * https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)
   */
  setValues(values: unknown[][]): this {
    this.write("setValues");
    const grid = checkShape(values, this._numRows, this._numCols, "Range.setValues");
    const data = this._sheet._data;
    const parseCtx = this._sheet._parseContext();
    const out = newParseOut();
    const c0 = this._col - 1;
    for (let i = 0; i < this._numRows; i++) {
      const r = this._row - 1 + i;
      const src = grid[i];
      const metaRow = data.meta[r];
      const row = data.rowFor(r);
      while (row.length < c0) row.push("");
      for (let j = 0; j < this._numCols; j++) {
        const input = src[j];
        const c = c0 + j;
        if (metaRow === undefined && (typeof input === "number" || typeof input === "boolean")) {
          row[c] =
            Number.isFinite(input) || typeof input === "boolean"
              ? Object.is(input, -0)
                ? 0
                : input
              : String(input);
          continue;
        }
        const meta = metaRow?.[c];
        if (meta === undefined && typeof input === "string" && input.length <= 50_000) {
          const v = parseInput(input, parseCtx, out, false);
          row[c] = v;
          if (out.formula !== null || out.numberFormat !== null) {
            const m = data.metaFor(r, c);
            if (out.formula !== null) m.formula = out.formula;
            if (out.numberFormat !== null) m.numberFormat = out.numberFormat;
          }
          continue;
        }
        this.store(r, c, input, parseCtx, out);
      }
    }
    data.touch();
    return this;
  }
  /** Sets every cell of the range to the value. https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object) */
  setValue(value: unknown): this {
    this.write("setValue");
    const parseCtx = this._sheet._parseContext();
    const out = newParseOut();
    this.each((r, c) => this.store(r, c, value, parseCtx, out));
    this._sheet._data.touch();
    return this;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/range#getDisplayValues() */
  getDisplayValues(): string[][] {
    this.read("getDisplayValues");
    const data = this._sheet._data;
    const tz = this._sheet._spreadsheet()._timeZone;
    return this.grid((r, c) => displayValue(data.get(r, c), data.getMeta(r, c)?.numberFormat, tz));
  }
  getDisplayValue(): string {
    this.read("getDisplayValue", 1);
    const data = this._sheet._data;
    const r = this._row - 1;
    const c = this._col - 1;
    return displayValue(
      data.get(r, c),
      data.getMeta(r, c)?.numberFormat,
      this._sheet._spreadsheet()._timeZone,
    );
  }

  // ---- formulas ------------------------------------------------------------------------
  /** "" for cells without a formula. https://developers.google.com/apps-script/reference/spreadsheet/range#getFormulas() */
  getFormulas(): string[][] {
    this.read("getFormulas");
    const data = this._sheet._data;
    return this.grid((r, c) => data.getMeta(r, c)?.formula ?? "");
  }
  getFormula(): string {
    this.read("getFormula", 1);
    return this.topLeftMeta()?.formula ?? "";
  }
  private storeFormula(
    r: number,
    c: number,
    f: unknown,
    parseCtx: ReturnType<EmuSheet["_parseContext"]>,
  ): void {
    const text = f === null || f === undefined ? "" : String(f);
    if (text.startsWith("=") && text.length > 1) {
      this._sheet._data.set(r, c, FORMULA_VALUE);
      this._sheet._data.metaFor(r, c).formula = text;
    } else this.store(r, c, text, parseCtx);
  }
  /**
   * The emulator stores the same formula text in every cell (Google adjusts relative references).
   * https://developers.google.com/apps-script/reference/spreadsheet/range#setFormula(String)
   */
  setFormula(formula: string): this {
    this.write("setFormula");
    const parseCtx = this._sheet._parseContext();
    this.each((r, c) => this.storeFormula(r, c, formula, parseCtx));
    this._sheet._data.touch();
    return this;
  }
  setFormulas(formulas: string[][]): this {
    this.write("setFormulas");
    const grid = checkShape(formulas, this._numRows, this._numCols, "Range.setFormulas");
    const parseCtx = this._sheet._parseContext();
    this.each((r, c, i, j) => this.storeFormula(r, c, grid[i][j], parseCtx));
    this._sheet._data.touch();
    return this;
  }

  // ---- number formats --------------------------------------------------------------------
  /** "General" for a cell never formatted. https://developers.google.com/apps-script/reference/spreadsheet/range#getNumberFormats() */
  getNumberFormats(): string[][] {
    this.read("getNumberFormats");
    const data = this._sheet._data;
    return this.grid((r, c) => data.getMeta(r, c)?.numberFormat ?? GENERAL);
  }
  getNumberFormat(): string {
    this.read("getNumberFormat", 1);
    return this.topLeftMeta()?.numberFormat ?? GENERAL;
  }
  private storeNumberFormat(r: number, c: number, f: unknown): void {
    const data = this._sheet._data;
    const text = f === null || f === undefined ? "" : String(f);
    if (text === "" || text === GENERAL) data.unsetMeta(r, c, "numberFormat");
    else data.metaFor(r, c).numberFormat = text;
  }
  setNumberFormat(numberFormat: string): this {
    this.write("setNumberFormat");
    this.each((r, c) => this.storeNumberFormat(r, c, numberFormat));
    return this;
  }
  setNumberFormats(numberFormats: string[][]): this {
    this.write("setNumberFormats");
    const grid = checkShape(numberFormats, this._numRows, this._numCols, "Range.setNumberFormats");
    this.each((r, c, i, j) => this.storeNumberFormat(r, c, grid[i][j]));
    return this;
  }

  // ---- notes -------------------------------------------------------------------------------
  getNotes(): string[][] {
    this.read("getNotes");
    const data = this._sheet._data;
    return this.grid((r, c) => data.getMeta(r, c)?.note ?? "");
  }
  getNote(): string {
    this.read("getNote", 1);
    return this.topLeftMeta()?.note ?? "";
  }
  private storeNote(r: number, c: number, note: unknown): void {
    const text = note === null || note === undefined ? "" : String(note);
    if (text === "") this._sheet._data.unsetMeta(r, c, "note");
    else this._sheet._data.metaFor(r, c).note = text;
  }
  setNote(note: string | null): this {
    this.write("setNote");
    this.each((r, c) => this.storeNote(r, c, note));
    return this;
  }
  setNotes(notes: Array<Array<string | null>>): this {
    this.write("setNotes");
    const grid = checkShape(notes, this._numRows, this._numCols, "Range.setNotes");
    this.each((r, c, i, j) => this.storeNote(r, c, grid[i][j]));
    return this;
  }
  clearNote(): this {
    this.write("clearNote");
    this.each((r, c) => this._sheet._data.unsetMeta(r, c, "note"));
    return this;
  }

  // ---- data validation -------------------------------------------------------------------
  private storeValidation(r: number, c: number, rule: unknown): void {
    if (rule === null || rule === undefined) {
      this._sheet._data.unsetMeta(r, c, "validation");
      return;
    }
    if (!(rule instanceof EmuDataValidation))
      throw signatureError([rule], "Range.setDataValidation");
    const d = rule._data;
    if (d.criteria === "VALUE_IN_LIST" && (d.args[0] as unknown[]).length > MAX_LIST_ITEMS) {
      throw new Error(
        `The data validation rule has more items than the limit of ${MAX_LIST_ITEMS}. Use the \u2018List from a range\u2019 criteria instead.`,
      );
    }
    this._sheet._data.metaFor(r, c).validation = rule;
  }
  /**
   * A rule for every cell (null clears). Not enforced on script writes (see validation.ts).
   * https://developers.google.com/apps-script/reference/spreadsheet/range#setDataValidation(DataValidation)
   */
  setDataValidation(rule: EmuDataValidation | null): this {
    this.write("setDataValidation");
    this.each((r, c) => this.storeValidation(r, c, rule));
    return this;
  }
  setDataValidations(rules: Array<Array<EmuDataValidation | null>>): this {
    this.write("setDataValidations");
    const grid = checkShape(rules, this._numRows, this._numCols, "Range.setDataValidations");
    this.each((r, c, i, j) => this.storeValidation(r, c, grid[i][j]));
    return this;
  }
  getDataValidation(): EmuDataValidation | null {
    this.read("getDataValidation", 1);
    return this.topLeftMeta()?.validation ?? null;
  }
  getDataValidations(): Array<Array<EmuDataValidation | null>> {
    this.read("getDataValidations");
    const data = this._sheet._data;
    return this.grid((r, c) => data.getMeta(r, c)?.validation ?? null);
  }
  clearDataValidations(): this {
    this.write("clearDataValidations");
    this.each((r, c) => this._sheet._data.unsetMeta(r, c, "validation"));
    return this;
  }
  /**
   * Checkbox validation, and every cell set to the unchecked value (false by default).
   * https://developers.google.com/apps-script/reference/spreadsheet/range#insertCheckboxes()
   */
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): this {
    this.write("insertCheckboxes");
    const rule = this._ctx.rt.uncharged(() =>
      new EmuDataValidationBuilder(this._ctx).requireCheckbox(checkedValue, uncheckedValue).build(),
    );
    const unchecked =
      checkedValue === undefined ? false : uncheckedValue === undefined ? "" : uncheckedValue;
    const parseCtx = this._sheet._parseContext();
    this.each((r, c) => {
      this._sheet._data.metaFor(r, c).validation = rule;
      this.store(r, c, unchecked, parseCtx);
    });
    this._sheet._data.touch();
    return this;
  }
  /** Removes checkbox rules, and clears cells holding the checked or unchecked value. */
  removeCheckboxes(): this {
    this.write("removeCheckboxes");
    const data = this._sheet._data;
    this.each((r, c) => {
      const rule = data.getMeta(r, c)?.validation;
      if (!rule || rule._data.criteria !== "CHECKBOX") return;
      const [on = true, off = false] = rule._data.args;
      const v = data.get(r, c);
      if (v === on || v === off) data.set(r, c, "");
      data.unsetMeta(r, c, "validation");
    });
    data.touch();
    return this;
  }
  private setChecked(method: string, checked: boolean): this {
    this.write(method);
    const data = this._sheet._data;
    this.each((r, c) => {
      const rule = data.getMeta(r, c)?.validation;
      if (!rule || rule._data.criteria !== "CHECKBOX") return;
      const [on = true, off = false] = rule._data.args;
      data.set(r, c, (checked ? on : off) as CellValue);
    });
    data.touch();
    return this;
  }
  check(): this {
    return this.setChecked("check", true);
  }
  uncheck(): this {
    return this.setChecked("uncheck", false);
  }
  isChecked(): boolean | null {
    this.read("isChecked");
    const data = this._sheet._data;
    let all: boolean | null = null;
    for (let i = 0; i < this._numRows; i++) {
      for (let j = 0; j < this._numCols; j++) {
        const rule = data.getMeta(this._row - 1 + i, this._col - 1 + j)?.validation;
        if (!rule || rule._data.criteria !== "CHECKBOX") return null;
        const on = rule._data.args.length ? rule._data.args[0] : true;
        const v = data.get(this._row - 1 + i, this._col - 1 + j) === on;
        if (all === null) all = v;
        else if (all !== v) return null;
      }
    }
    return all;
  }

  // ---- rich text -----------------------------------------------------------------------------
  getRichTextValue(): EmuRichTextValue | null {
    this.read("getRichTextValue", 1);
    const r = this._row - 1;
    const c = this._col - 1;
    return this.richAt(r, c);
  }
  private richAt(r: number, c: number): EmuRichTextValue | null {
    const data = this._sheet._data;
    const v = data.get(r, c);
    if (typeof v !== "string") return null;
    return new EmuRichTextValue(this._ctx, { text: v, link: data.getMeta(r, c)?.link ?? null });
  }
  getRichTextValues(): Array<Array<EmuRichTextValue | null>> {
    this.read("getRichTextValues");
    return this.grid((r, c) => this.richAt(r, c));
  }
  private storeRich(r: number, c: number, v: unknown): void {
    if (!(v instanceof EmuRichTextValue)) throw signatureError([v], "Range.setRichTextValue");
    const data = this._sheet._data;
    data.set(r, c, v._v.text);
    data.unsetMeta(r, c, "formula");
    if (v._v.link) data.metaFor(r, c).link = v._v.link;
    else data.unsetMeta(r, c, "link");
  }
  /** Rich text is stored as text (never parsed as a formula or number). */
  setRichTextValue(value: EmuRichTextValue): this {
    this.write("setRichTextValue");
    this.each((r, c) => this.storeRich(r, c, value));
    this._sheet._data.touch();
    return this;
  }
  setRichTextValues(values: EmuRichTextValue[][]): this {
    this.write("setRichTextValues");
    const grid = checkShape(values, this._numRows, this._numCols, "Range.setRichTextValues");
    this.each((r, c, i, j) => this.storeRich(r, c, grid[i][j]));
    this._sheet._data.touch();
    return this;
  }

  // ---- formatting (recorded so it can be saved; no effect on values) -----------------------
  private setFormat<K extends keyof CellFormat>(
    method: string,
    key: K,
    value: CellFormat[K] | null | undefined,
  ): this {
    this.write(method);
    this.each((r, c) => this.storeFormat(r, c, key, value));
    return this;
  }
  private setFormats<K extends keyof CellFormat>(method: string, key: K, values: unknown): this {
    this.write(method);
    const grid = checkShape(values, this._numRows, this._numCols, `Range.${method}`);
    this.each((r, c, i, j) => this.storeFormat(r, c, key, grid[i][j] as CellFormat[K]));
    return this;
  }
  private storeFormat<K extends keyof CellFormat>(
    r: number,
    c: number,
    key: K,
    value: CellFormat[K] | null | undefined,
  ): void {
    const data = this._sheet._data;
    if (value === null || value === undefined) {
      const m = data.getMeta(r, c);
      if (m?.format) {
        delete m.format[key];
        if (Object.keys(m.format).length === 0) data.unsetMeta(r, c, "format");
      }
      return;
    }
    const m = data.metaFor(r, c);
    m.format = { ...m.format, [key]: value };
  }
  private getFormat<K extends keyof CellFormat>(
    method: string,
    key: K,
    dflt: NonNullable<CellFormat[K]>,
  ): NonNullable<CellFormat[K]> {
    this.read(method, 1);
    return (this.topLeftMeta()?.format?.[key] ?? dflt) as NonNullable<CellFormat[K]>;
  }
  private getFormatGrid<K extends keyof CellFormat>(
    method: string,
    key: K,
    dflt: NonNullable<CellFormat[K]>,
  ): Array<Array<NonNullable<CellFormat[K]>>> {
    this.read(method);
    const data = this._sheet._data;
    return this.grid(
      (r, c) => (data.getMeta(r, c)?.format?.[key] ?? dflt) as NonNullable<CellFormat[K]>,
    );
  }
  setFontWeight(fontWeight: string | null): this {
    return this.setFormat("setFontWeight", "fontWeight", fontWeight);
  }
  setFontWeights(fontWeights: Array<Array<string | null>>): this {
    return this.setFormats("setFontWeights", "fontWeight", fontWeights);
  }
  getFontWeight(): string {
    return this.getFormat("getFontWeight", "fontWeight", "normal");
  }
  getFontWeights(): string[][] {
    return this.getFormatGrid("getFontWeights", "fontWeight", "normal");
  }
  setFontStyle(fontStyle: string | null): this {
    return this.setFormat("setFontStyle", "fontStyle", fontStyle);
  }
  getFontStyle(): string {
    return this.getFormat("getFontStyle", "fontStyle", "normal");
  }
  setFontColor(color: string | null): this {
    return this.setFormat("setFontColor", "fontColor", color);
  }
  setFontColors(colors: Array<Array<string | null>>): this {
    return this.setFormats("setFontColors", "fontColor", colors);
  }
  getFontColor(): string {
    return this.getFormat("getFontColor", "fontColor", "#000000");
  }
  setFontSize(size: number | null): this {
    return this.setFormat("setFontSize", "fontSize", size);
  }
  getFontSize(): number {
    return this.getFormat("getFontSize", "fontSize", 10);
  }
  setFontFamily(fontFamily: string | null): this {
    return this.setFormat("setFontFamily", "fontFamily", fontFamily);
  }
  getFontFamily(): string {
    return this.getFormat("getFontFamily", "fontFamily", "Arial");
  }
  setFontLine(fontLine: string | null): this {
    return this.setFormat("setFontLine", "fontLine", fontLine);
  }
  setBackground(color: string | null): this {
    return this.setFormat("setBackground", "background", color);
  }
  setBackgroundColor(color: string | null): this {
    return this.setFormat("setBackgroundColor", "background", color);
  }
  setBackgrounds(colors: Array<Array<string | null>>): this {
    return this.setFormats("setBackgrounds", "background", colors);
  }
  getBackground(): string {
    return this.getFormat("getBackground", "background", "#ffffff");
  }
  getBackgrounds(): string[][] {
    return this.getFormatGrid("getBackgrounds", "background", "#ffffff");
  }
  setWrap(isWrapEnabled: boolean): this {
    return this.setFormat("setWrap", "wrap", Boolean(isWrapEnabled));
  }
  setWraps(isWrapEnabled: boolean[][]): this {
    return this.setFormats("setWraps", "wrap", isWrapEnabled);
  }
  getWrap(): boolean {
    return this.getFormat("getWrap", "wrap", false);
  }
  setWrapStrategy(strategy: string): this {
    return this.setFormat("setWrapStrategy", "wrapStrategy", String(strategy));
  }
  setHorizontalAlignment(alignment: string | null): this {
    return this.setFormat("setHorizontalAlignment", "horizontalAlignment", alignment);
  }
  setHorizontalAlignments(alignments: Array<Array<string | null>>): this {
    return this.setFormats("setHorizontalAlignments", "horizontalAlignment", alignments);
  }
  getHorizontalAlignment(): string {
    return this.getFormat("getHorizontalAlignment", "horizontalAlignment", "general");
  }
  setVerticalAlignment(alignment: string | null): this {
    return this.setFormat("setVerticalAlignment", "verticalAlignment", alignment);
  }
  getVerticalAlignment(): string {
    return this.getFormat("getVerticalAlignment", "verticalAlignment", "bottom");
  }
  /** Borders are recorded as present/absent only. */
  setBorder(top: boolean | null, ...rest: unknown[]): this {
    const any = [top, ...rest.slice(0, 5)].some((b) => b === true);
    return this.setFormat("setBorder", "border", any ? true : null);
  }
  setTextRotation(): this {
    this.write("setTextRotation");
    return this;
  }
  setShowHyperlink(): this {
    this.write("setShowHyperlink");
    return this;
  }
  /**
   * Alternating row colours, kept as data. https://developers.google.com/apps-script/reference/spreadsheet/range#applyRowBanding(BandingTheme,Boolean,Boolean)
   */
  applyRowBanding(bandingTheme?: string, showHeader = true, showFooter = false): EmuBanding {
    this.write("applyRowBanding");
    return this._sheet._addBanding({
      range: this,
      theme: String(bandingTheme ?? "LIGHT_GREY"),
      showHeader: Boolean(showHeader),
      showFooter: Boolean(showFooter),
      colors: {},
    });
  }
  getBandings(): EmuBanding[] {
    this.call("getBandings");
    return this._sheet._bandings
      .filter((b) => b.range._overlaps(this))
      .map((b) => new EmuBanding(this._ctx, b, this._sheet._bandings));
  }
  getMergedRanges(): EmuRange[] {
    this.call("getMergedRanges");
    return this._sheet._mergesOverlapping(this);
  }

  // ---- clearing ------------------------------------------------------------------------------
  /**
   * clear(): contents and formats; clear({contentsOnly, formatOnly, validationsOnly, commentsOnly}).
   * https://developers.google.com/apps-script/reference/spreadsheet/range#clear(Object)
   */
  clear(options?: {
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    commentsOnly?: boolean;
  }): this {
    const o = options ?? {};
    const any = o.contentsOnly || o.formatOnly || o.validationsOnly || o.commentsOnly;
    const contents = !any || Boolean(o.contentsOnly);
    const formats = !any || Boolean(o.formatOnly);
    this.write("clear");
    this.each((r, c) =>
      this._sheet._clearCell(r, c, {
        contents,
        formats,
        validations: Boolean(o.validationsOnly),
        notes: Boolean(o.commentsOnly),
      }),
    );
    this._sheet._data.touch();
    return this;
  }
  /** Values and formulas only; formats, notes and validation stay. */
  clearContent(): this {
    this.write("clearContent");
    this.each((r, c) => this._sheet._clearCell(r, c, { contents: true }));
    this._sheet._data.touch();
    return this;
  }
  clearFormat(): this {
    this.write("clearFormat");
    this.each((r, c) => this._sheet._clearCell(r, c, { formats: true }));
    return this;
  }

  // ---- structure -------------------------------------------------------------------------------
  /** https://developers.google.com/apps-script/reference/spreadsheet/range#protect() */
  protect(): EmuProtection {
    this.call("protect");
    const p = new EmuProtection(this._ctx, this._sheet, "RANGE", this);
    this._sheet._addProtection(p);
    return p;
  }
  merge(): this {
    this.write("merge");
    this._sheet._merge(this);
    return this;
  }
  mergeAcross(): this {
    this.write("mergeAcross");
    for (let i = 0; i < this._numRows; i++)
      this._sheet._merge(this._sheet._rangeAt(this._row + i, this._col, 1, this._numCols));
    return this;
  }
  mergeVertically(): this {
    this.write("mergeVertically");
    for (let j = 0; j < this._numCols; j++)
      this._sheet._merge(this._sheet._rangeAt(this._row, this._col + j, this._numRows, 1));
    return this;
  }
  breakApart(): this {
    this.write("breakApart");
    this._sheet._breakApart(this);
    return this;
  }
  isPartOfMerge(): boolean {
    this.call("isPartOfMerge");
    return this._sheet._mergesOverlapping(this).length > 0;
  }

  /**
   * Sorts the rows of the range (values and cell metadata move together).
   * https://developers.google.com/apps-script/reference/spreadsheet/range#sort(Object)
   */
  sort(sortSpecObj: SortSpec): this {
    this.write("sort");
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((s) =>
      typeof s === "number"
        ? { column: s, ascending: true }
        : { column: s.column, ascending: s.ascending !== false },
    );
    for (const s of specs) {
      if (s.column < this._col || s.column >= this._col + this._numCols) {
        throw new Error(
          `Invalid argument: sort column ${s.column} is outside the range ${this._a1()}.`,
        );
      }
    }
    this._sheet._sortRows(this, specs);
    return this;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/range#createFilter() */
  createFilter(): ReturnType<EmuSheet["_createFilter"]> {
    this.call("createFilter");
    return this._sheet._createFilter(this);
  }
  getFilter(): ReturnType<EmuSheet["getFilter"]> {
    this.call("getFilter");
    const f = this._sheet._filter;
    if (!f) return null;
    return f;
  }
  createTextFinder(findText: string): EmuTextFinder {
    this.call("createTextFinder");
    return new EmuTextFinder(this, String(findText));
  }
  /** Copies values and cell metadata to the destination's top-left cell. */
  copyTo(destination: EmuRange, options?: { contentsOnly?: boolean; formatOnly?: boolean }): void {
    this.call("copyTo");
    const src = this._sheet._data;
    const vals = this.grid((r, c) => src.get(r, c));
    const metas = this.grid((r, c) => src.getMeta(r, c));
    const dst = destination._sheet;
    dst._checkBounds(destination._row, destination._col, this._numRows, this._numCols);
    dst._assertCanEdit(destination._row, destination._col, this._numRows, this._numCols);
    const contents = !options?.formatOnly;
    const formats = !options?.contentsOnly;
    for (let i = 0; i < this._numRows; i++) {
      for (let j = 0; j < this._numCols; j++) {
        const r = destination._row - 1 + i;
        const c = destination._col - 1 + j;
        const m = metas[i][j];
        if (contents) {
          const v = vals[i][j];
          dst._data.set(r, c, typeof v === "object" ? new Date(v.getTime()) : v);
          if (m?.formula) dst._data.metaFor(r, c).formula = m.formula;
          else dst._data.unsetMeta(r, c, "formula");
        }
        if (formats) {
          if (m?.numberFormat) dst._data.metaFor(r, c).numberFormat = m.numberFormat;
          else dst._data.unsetMeta(r, c, "numberFormat");
          if (m?.format) dst._data.metaFor(r, c).format = { ...m.format };
          else dst._data.unsetMeta(r, c, "format");
        }
      }
    }
    dst._data.touch();
  }

  toString(): string {
    return "Range";
  }
}
