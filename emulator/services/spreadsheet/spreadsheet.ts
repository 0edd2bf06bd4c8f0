// Spreadsheet: the document (sheets, editors, named ranges, time zone, toasts).
// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet
import { parseA1 } from "./a1";
import { countedCall, EmuUser, emailOf, type SheetsContext } from "./context";
import {
  addDevMeta,
  devMetaHandles,
  type EmuDeveloperMetadata,
  type DevMetaData,
  type DeveloperMetadataVisibilityName,
} from "./devmeta";
import type { EmuProtection, ProtectionTypeName } from "./protection";
import type { EmuRange } from "./range";
import { EmuRangeList, EmuSheet, MAX_CELLS, MESSAGES } from "./sheet";
import { spreadsheetToSnapshot, type SpreadsheetSnapshot } from "./snapshot";
import { instantOfWall, isValidTimeZone, wallMs } from "./tz";
import { isDate } from "./values";

export interface Toast {
  message: string;
  title: string;
  timeoutSeconds: number;
  at: string;
}

/** https://developers.google.com/apps-script/reference/spreadsheet/named-range */
export class EmuNamedRange {
  constructor(
    private readonly ss: EmuSpreadsheet,
    /** @internal */ readonly _entry: { name: string; range: EmuRange },
  ) {}
  private call(m: string): void {
    this.ss._ctx.rt.call(`NamedRange.${m}`);
  }
  _range(): EmuRange {
    return this._entry.range;
  }
  getName(): string {
    this.call("getName");
    return this._entry.name;
  }
  getRange(): EmuRange {
    this.call("getRange");
    return this._entry.range;
  }
  setName(name: string): this {
    this.call("setName");
    EmuSpreadsheet._checkRangeName(name);
    this._entry.name = String(name);
    return this;
  }
  setRange(range: EmuRange): this {
    this.call("setRange");
    this._entry.range = range;
    return this;
  }
  remove(): void {
    this.call("remove");
    this.ss._namedRanges = this.ss._namedRanges.filter((e) => e !== this._entry);
  }
}

/** https://developers.google.com/apps-script/reference/spreadsheet/selection (a subset). */
export interface EmuSelection {
  getActiveRange(): EmuRange;
  getActiveSheet(): EmuSheet;
  getCurrentCell(): EmuRange;
  getActiveRangeList(): EmuRangeList;
}

/** 32-bit FNV-1a: deterministic ids, so runs are reproducible. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export class EmuSpreadsheet {
  /** @internal */ _sheets: EmuSheet[] = [];
  /** @internal */ _editors: string[] = [];
  /** @internal */ _viewers: string[] = [];
  /** @internal */ _namedRanges: Array<{ name: string; range: EmuRange }> = [];
  /** @internal */ _devMeta: DevMetaData[] = [];
  /** Toasts shown by the script, for the runner to display. */
  readonly _toasts: Toast[] = [];
  /** @internal */ _locale = "en_GB";
  /** @internal */ _activeSheet: EmuSheet | null = null;
  /** @internal */ _activeRange: EmuRange | null = null;
  /** @internal */ _chartSeq = 0;
  /** @internal */ _devMetaSeq = 0;

  constructor(
    /** @internal */ readonly _ctx: SheetsContext,
    /** @internal */ readonly _id: string,
    /** @internal */ public _name: string,
    /** @internal */ public _timeZone: string,
    /** @internal */ public _owner: string,
  ) {}

  // ---- emulator internals ------------------------------------------------------------------
  private call(method: string): void {
    this._ctx.rt.call(`Spreadsheet.${method}`);
  }
  _ownerEmail(): string {
    return this._owner;
  }
  /** Owner first, then editors. */
  _editorEmails(): string[] {
    const owner = this._owner.toLowerCase();
    return [this._owner, ...this._editors.filter((e) => e.toLowerCase() !== owner)];
  }
  _canAccess(email: string): boolean {
    const e = email.toLowerCase();
    return [...this._editorEmails(), ...this._viewers].some((x) => x.toLowerCase() === e);
  }
  _totalCells(): number {
    return this._sheets.reduce((n, s) => n + s._data.maxRows * s._data.maxCols, 0);
  }
  _nextChartId(): number {
    return ++this._chartSeq;
  }
  _nextDevMetaId(): number {
    return ++this._devMetaSeq;
  }
  _newSheetId(): number {
    const used = new Set(this._sheets.map((s) => s._id));
    if (this._sheets.length === 0 && !used.has(0)) return 0; // the first sheet of a new spreadsheet is gid 0
    let seed = `${this._id}:${this._sheets.length}`;
    for (;;) {
      const id = hash32(seed) % 2_000_000_000;
      if (!used.has(id) && id !== 0) return id;
      seed += "+";
    }
  }
  /**
   * Sheet names are unique ignoring case (Sheets refuses "sheet1" beside "Sheet1", from the UI or
   * the API; see e.g. github.com/socialpoint-labs/sheetfu/pull/26), so lookups ignore case too.
   */
  _checkNewSheetName(name: string, self?: EmuSheet): void {
    const lower = name.toLowerCase();
    if (this._sheets.some((s) => s !== self && s._name.toLowerCase() === lower)) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
  }
  static _checkRangeName(name: string): void {
    const n = String(name);
    if (
      !/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(n) ||
      /^[A-Za-z]{1,3}\d+$/.test(n) ||
      /^(true|false)$/i.test(n)
    ) {
      throw new Error(`Invalid argument: name ("${n}" is not a valid named range name)`);
    }
  }
  /** Adds a sheet without charging (used by create and snapshots). */
  _addSheet(
    name: string,
    index?: number,
    id?: number,
    maxRows?: number,
    maxCols?: number,
  ): EmuSheet {
    this._checkNewSheetName(name);
    const sheet = new EmuSheet(this, name, id ?? this._newSheetId(), maxRows, maxCols);
    if (this._totalCells() + sheet._data.maxRows * sheet._data.maxCols > MAX_CELLS)
      throw new Error(MESSAGES.tooManyCells);
    const at =
      index === undefined ? this._sheets.length : Math.max(0, Math.min(index, this._sheets.length));
    this._sheets.splice(at, 0, sheet);
    return sheet;
  }
  _activate(sheet: EmuSheet, range: EmuRange | null): void {
    this._activeSheet = sheet;
    this._activeRange = range;
  }
  /** Sets the selection, as a user clicking in the UI would. */
  _setActiveRange(sheet: EmuSheet | string, a1: string): EmuRange {
    const s = typeof sheet === "string" ? this._sheetNamed(sheet) : sheet;
    if (!s) throw new Error(MESSAGES.rangeNotFound);
    const range = s._rangeFromA1(a1);
    this._activate(s, range);
    return range;
  }
  _sheetNamed(name: string): EmuSheet | null {
    const lower = name.toLowerCase();
    return this._sheets.find((s) => s._name.toLowerCase() === lower) ?? null;
  }
  _active(): EmuSheet {
    if (this._activeSheet && !this._activeSheet._deleted) return this._activeSheet;
    return this._sheets.find((s) => !s._hidden) ?? this._sheets[0];
  }
  _activeRangeOn(sheet: EmuSheet): EmuRange {
    if (this._activeRange && this._activeRange._sheet === sheet) return this._activeRange;
    return sheet._rangeAt(1, 1, 1, 1);
  }
  _shiftNamedRanges(move: (r: EmuRange) => EmuRange | null): void {
    const kept: Array<{ name: string; range: EmuRange }> = [];
    for (const e of this._namedRanges) {
      const r = move(e.range);
      if (r) {
        e.range = r;
        kept.push(e);
      }
    }
    this._namedRanges = kept;
  }
  _resolveA1(a1: string): EmuRange {
    const p = parseA1(String(a1));
    if (!p) throw new Error(MESSAGES.rangeNotFound);
    const sheet = p.sheetName === null ? this._active() : this._sheetNamed(p.sheetName);
    if (!sheet) throw new Error(MESSAGES.rangeNotFound);
    const bang = String(a1).lastIndexOf("!");
    return sheet._rangeFromA1(bang >= 0 ? String(a1).slice(bang + 1) : String(a1));
  }

  /** Plain JSON of the whole spreadsheet (see snapshot.ts). Not an Apps Script method. */
  toSnapshot(): SpreadsheetSnapshot {
    return spreadsheetToSnapshot(this);
  }

  // ---- identity ----------------------------------------------------------------------------
  getId(): string {
    this.call("getId");
    return this._id;
  }
  getUrl(): string {
    this.call("getUrl");
    return `https://docs.google.com/spreadsheets/d/${this._id}/edit`;
  }
  getName(): string {
    this.call("getName");
    return this._name;
  }
  rename(newName: string): void {
    this.call("rename");
    this._name = String(newName);
  }
  getSpreadsheetTimeZone(): string {
    this.call("getSpreadsheetTimeZone");
    return this._timeZone;
  }
  /**
   * Sheets stores date-times as wall-clock serial numbers, so after a time-zone change a cell
   * shows the same wall clock and getValue() returns a different instant. The emulator does the same.
   */
  setSpreadsheetTimeZone(timezone: string): void {
    this.call("setSpreadsheetTimeZone");
    if (!isValidTimeZone(String(timezone))) throw new Error("Invalid argument: timeZone");
    const from = this._timeZone;
    const to = String(timezone);
    if (from === to) return;
    for (const sheet of this._sheets) {
      for (const row of sheet._data.rows) {
        if (!row) continue;
        for (let c = 0; c < row.length; c++) {
          const v = row[c];
          if (isDate(v)) row[c] = new Date(instantOfWall(to, wallMs(from, v.getTime())));
        }
      }
    }
    this._timeZone = to;
  }
  getSpreadsheetLocale(): string {
    this.call("getSpreadsheetLocale");
    return this._locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this.call("setSpreadsheetLocale");
    this._locale = String(locale);
  }

  // ---- people ------------------------------------------------------------------------------
  getOwner(): EmuUser | null {
    this.call("getOwner");
    return this._owner ? new EmuUser(this._ctx.rt, this._owner) : null;
  }
  /** The owner and the editors. */
  getEditors(): EmuUser[] {
    this.call("getEditors");
    return this._editorEmails().map((e) => new EmuUser(this._ctx.rt, e));
  }
  getViewers(): EmuUser[] {
    this.call("getViewers");
    return [...this._editorEmails(), ...this._viewers].map((e) => new EmuUser(this._ctx.rt, e));
  }
  addEditor(emailAddressOrUser: unknown): this {
    this.call("addEditor");
    this.addEditorEmail(emailOf(emailAddressOrUser));
    return this;
  }
  private addEditorEmail(email: string): void {
    if (!this._editorEmails().some((e) => e.toLowerCase() === email.toLowerCase()))
      this._editors.push(email);
    this._viewers = this._viewers.filter((v) => v.toLowerCase() !== email.toLowerCase());
  }
  addEditors(emailAddresses: unknown[]): this {
    this.call("addEditors");
    for (const e of emailAddresses) this.addEditorEmail(emailOf(e));
    return this;
  }
  removeEditor(emailAddressOrUser: unknown): this {
    this.call("removeEditor");
    const email = emailOf(emailAddressOrUser).toLowerCase();
    this._editors = this._editors.filter((e) => e.toLowerCase() !== email);
    return this;
  }
  addViewer(emailAddressOrUser: unknown): this {
    this.call("addViewer");
    const email = emailOf(emailAddressOrUser);
    if (!this._canAccess(email)) this._viewers.push(email);
    return this;
  }
  removeViewer(emailAddressOrUser: unknown): this {
    this.call("removeViewer");
    const email = emailOf(emailAddressOrUser).toLowerCase();
    this._viewers = this._viewers.filter((e) => e.toLowerCase() !== email);
    return this;
  }

  // ---- sheets ------------------------------------------------------------------------------
  getSheets(): EmuSheet[] {
    this.call("getSheets");
    return [...this._sheets];
  }
  getNumSheets(): number {
    this.call("getNumSheets");
    return this._sheets.length;
  }
  /** null when there is no such sheet (names compare ignoring case, as sheet names are unique so). */
  getSheetByName(name: string): EmuSheet | null {
    this.call("getSheetByName");
    return this._sheetNamed(String(name));
  }
  getSheetById(id: number): EmuSheet | null {
    this.call("getSheetById");
    return this._sheets.find((s) => s._id === id) ?? null;
  }
  /**
   * insertSheet(), insertSheet(index), insertSheet(name), insertSheet(name, index). The new
   * sheet becomes the active one.
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String,Integer)
   */
  insertSheet(nameOrIndex?: string | number, index?: number): EmuSheet {
    this.call("insertSheet");
    let name: string;
    let at: number | undefined = index;
    if (typeof nameOrIndex === "number") {
      at = nameOrIndex;
      name = this.defaultSheetName();
    } else if (nameOrIndex === undefined || nameOrIndex === null) name = this.defaultSheetName();
    else name = String(nameOrIndex);
    const sheet = this._addSheet(name, at);
    this._activate(sheet, null);
    return sheet;
  }
  private defaultSheetName(): string {
    for (let n = this._sheets.length + 1; ; n++) {
      const name = `Sheet${n}`;
      if (!this._sheetNamed(name)) return name;
    }
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#deleteSheet(Sheet) */
  deleteSheet(sheet: EmuSheet): void {
    this.call("deleteSheet");
    if (!this._sheets.includes(sheet)) throw new Error(MESSAGES.rangeNotFound);
    if (this._sheets.length === 1)
      throw new Error("You can't remove all the sheets in a document.");
    sheet._assertCanEdit(1, 1, sheet._data.maxRows, sheet._data.maxCols);
    this._sheets = this._sheets.filter((s) => s !== sheet);
    this._namedRanges = this._namedRanges.filter((e) => e.range._sheet !== sheet);
    sheet._deleted = true;
    if (this._activeSheet === sheet) this._activate(this._sheets[0], null);
  }
  getActiveSheet(): EmuSheet {
    this.call("getActiveSheet");
    return this._active();
  }
  setActiveSheet(sheet: EmuSheet): EmuSheet {
    this.call("setActiveSheet");
    this._activate(sheet, null);
    return sheet;
  }
  /** Moves the active sheet to a 1-based position. */
  moveActiveSheet(pos: number): void {
    this.call("moveActiveSheet");
    const sheet = this._active();
    this._sheets = this._sheets.filter((s) => s !== sheet);
    this._sheets.splice(Math.max(0, Math.min(pos - 1, this._sheets.length)), 0, sheet);
  }
  /** The selection; A1 of the active sheet when nothing was selected (e.g. in a trigger). */
  getActiveRange(): EmuRange {
    this.call("getActiveRange");
    return this._activeRangeOn(this._active());
  }
  getActiveCell(): EmuRange {
    this.call("getActiveCell");
    const r = this._activeRangeOn(this._active());
    return r._sheet._rangeAt(r._row, r._col, 1, 1);
  }
  getCurrentCell(): EmuRange {
    this.call("getCurrentCell");
    const r = this._activeRangeOn(this._active());
    return r._sheet._rangeAt(r._row, r._col, 1, 1);
  }
  setActiveRange(range: EmuRange): EmuRange {
    this.call("setActiveRange");
    this._activate(range._sheet, range);
    return range;
  }
  getSelection(): EmuSelection {
    this.call("getSelection");
    const sheet = this._active();
    const range = this._activeRangeOn(sheet);
    const ctx = this._ctx;
    return {
      getActiveRange: () => (ctx.rt.call("Selection.getActiveRange"), range),
      getActiveSheet: () => (ctx.rt.call("Selection.getActiveSheet"), sheet),
      getCurrentCell: () => (
        ctx.rt.call("Selection.getCurrentCell"),
        sheet._rangeAt(range._row, range._col, 1, 1)
      ),
      getActiveRangeList: () => (
        ctx.rt.call("Selection.getActiveRangeList"),
        new EmuRangeList(ctx, [range])
      ),
    };
  }

  // ---- ranges --------------------------------------------------------------------------------
  /** "Sheet!A1:B2" (or "'My sheet'!A1"); without a sheet name, on the active sheet. */
  getRange(a1Notation: string): EmuRange {
    this.call("getRange");
    return this._resolveA1(a1Notation);
  }
  getRangeList(a1Notations: string[]): EmuRangeList {
    this.call("getRangeList");
    return new EmuRangeList(
      this._ctx,
      a1Notations.map((a) => this._resolveA1(a)),
    );
  }
  /** null when there is no such name. */
  getRangeByName(name: string): EmuRange | null {
    this.call("getRangeByName");
    const lower = String(name).toLowerCase();
    return this._namedRanges.find((e) => e.name.toLowerCase() === lower)?.range ?? null;
  }
  /** Replaces an existing range of the same name. */
  setNamedRange(name: string, range: EmuRange): void {
    this.call("setNamedRange");
    EmuSpreadsheet._checkRangeName(name);
    const lower = String(name).toLowerCase();
    const existing = this._namedRanges.find((e) => e.name.toLowerCase() === lower);
    if (existing) existing.range = range;
    else this._namedRanges.push({ name: String(name), range });
  }
  getNamedRanges(): EmuNamedRange[] {
    this.call("getNamedRanges");
    return this._namedRanges.map((e) => new EmuNamedRange(this, e));
  }
  removeNamedRange(name: string): void {
    this.call("removeNamedRange");
    const lower = String(name).toLowerCase();
    this._namedRanges = this._namedRanges.filter((e) => e.name.toLowerCase() !== lower);
  }
  getProtections(type: ProtectionTypeName): EmuProtection[] {
    this.call("getProtections");
    return this._sheets.flatMap((s) =>
      s._protections.filter((p) => p._type === String(type) && !p._removed),
    );
  }

  // ---- active-sheet shortcuts (Spreadsheet proxies these to the active sheet) -----------------
  appendRow(rowContents: unknown[]): EmuSheet {
    const byScript = countedCall(this._ctx.rt, "Spreadsheet.appendRow", {
      sheetWrite: true,
      cellsWritten: Array.isArray(rowContents) ? rowContents.length : 0,
    });
    return this._active()._appendRow(rowContents, byScript);
  }
  getLastRow(): number {
    this.call("getLastRow");
    return this._active()._data.lastRowCol().lastRow;
  }
  getLastColumn(): number {
    this.call("getLastColumn");
    return this._active()._data.lastRowCol().lastCol;
  }
  getSheetName(): string {
    this.call("getSheetName");
    return this._active()._name;
  }
  getDataRange(): EmuRange {
    this.call("getDataRange");
    const sheet = this._active();
    return this._ctx.rt.uncharged(() => sheet.getDataRange());
  }

  // ---- misc ----------------------------------------------------------------------------------
  /**
   * Recorded in `_toasts` for the runner. https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#toast(String,String,Number)
   */
  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    this.call("toast");
    this._toasts.push({
      message: String(msg),
      title: title === undefined || title === null ? "" : String(title),
      timeoutSeconds:
        timeoutSeconds === undefined || timeoutSeconds === null ? 5 : Number(timeoutSeconds),
      at: this._ctx.rt.now().toISOString(),
    });
  }
  /** The form sending responses here (any one, if several), or null. */
  getFormUrl(): string | null {
    this.call("getFormUrl");
    return this._sheets.find((s) => s._formUrl)?._formUrl ?? null;
  }
  addDeveloperMetadata(
    key: string,
    value?: string | null,
    visibility?: DeveloperMetadataVisibilityName,
  ): this {
    this.call("addDeveloperMetadata");
    addDevMeta(this._devMeta, this._nextDevMetaId(), key, value, visibility);
    return this;
  }
  getDeveloperMetadata(): EmuDeveloperMetadata[] {
    this.call("getDeveloperMetadata");
    return devMetaHandles(this._ctx, this._devMeta);
  }
  getAs(): never {
    this.call("getAs");
    throw new Error(
      "The emulator cannot export a spreadsheet as a blob (use the runner's hub.xlsx).",
    );
  }
  getBlob(): never {
    this.call("getBlob");
    throw new Error(
      "The emulator cannot export a spreadsheet as a blob (use the runner's hub.xlsx).",
    );
  }

  toString(): string {
    return "Spreadsheet";
  }
}
