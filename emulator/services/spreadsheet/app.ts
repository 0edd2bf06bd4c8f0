// SpreadsheetApp: the entry point, its enums, and the emulator's own (uncharged) controls.
// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
import type { Runtime } from "../../core/runtime";
import { enumOf, type SheetsContext } from "./context";
import { DeveloperMetadataVisibility } from "./devmeta";
import { ProtectionType } from "./protection";
import type { EmuRange } from "./range";
import { EmuRichTextValueBuilder } from "./range";
import { restoreSheetCells, restoreSheetLinks } from "./restore";
import type { EmuSheet } from "./sheet";
import type { SpreadsheetSnapshot } from "./snapshot";
import { EmuSpreadsheet, hash32 } from "./spreadsheet";
import { isValidTimeZone } from "./tz";
import { BandingTheme, BooleanCriteria, EmuConditionalFormatRuleBuilder } from "./conditional";
import { DataValidationCriteria, EmuDataValidationBuilder } from "./validation";

export interface EmuSpreadsheetAppOptions {
  /** What getUi() returns (the runner's Ui emulation). */
  ui?: () => unknown;
  /** Time zone of spreadsheets made by create() (default Europe/London). */
  timeZone?: string;
  /** Owner of spreadsheets made by create() (default owner@example.com). */
  owner?: string;
  /** Email of the user running the script (default: the owner). */
  _activeUser?: () => string;
  /**
   * Makes the Dates handed to the script; the runner passes `(ms) => new vmContext.Date(ms)` so
   * that scripts in a node:vm context get Dates of their own realm.
   */
  dateFactory?: (ms: number) => Date;
}

export const BorderStyle = enumOf(
  "DOTTED",
  "DASHED",
  "SOLID",
  "SOLID_MEDIUM",
  "SOLID_THICK",
  "DOUBLE",
);
export const WrapStrategy = enumOf("WRAP", "OVERFLOW", "CLIP");
export const Dimension = enumOf("COLUMNS", "ROWS");
export const Direction = enumOf("UP", "DOWN", "PREVIOUS", "NEXT");
export const CopyPasteType = enumOf(
  "PASTE_NORMAL",
  "PASTE_NO_BORDERS",
  "PASTE_FORMAT",
  "PASTE_FORMULA",
  "PASTE_DATA_VALIDATION",
  "PASTE_VALUES",
  "PASTE_CONDITIONAL_FORMATTING",
  "PASTE_COLUMN_WIDTHS",
);
export const SheetType = enumOf("GRID", "OBJECT", "DATASOURCE");
export const ValueType = enumOf("IMAGE");

/** Builds a spreadsheet back from its snapshot (uncharged). */
export function restoreSpreadsheet(ctx: SheetsContext, snap: SpreadsheetSnapshot): EmuSpreadsheet {
  if (snap.version !== 1)
    throw new Error(`Unsupported spreadsheet snapshot version: ${String(snap.version)}`);
  const ss = new EmuSpreadsheet(ctx, snap.id, snap.name, snap.timeZone, snap.owner);
  ss._locale = snap.locale;
  ss._editors = [...snap.editors];
  ss._viewers = [...(snap.viewers ?? [])];
  ss._chartSeq = snap.chartSeq ?? 0;
  ss._devMetaSeq = snap.devMetaSeq ?? 0;
  ss._devMeta = (snap.developerMetadata ?? []).map((d) => ({ ...d }));
  const ordered = [...snap.sheets].sort((a, b) => a.index - b.index);
  const sheets = ordered.map((s) => {
    const sheet = ss._addSheet(s.name, undefined, s.id, s.maxRows, s.maxColumns);
    restoreSheetCells(sheet, s);
    return sheet;
  });
  ordered.forEach((s, i) => restoreSheetLinks(ctx, ss, sheets[i], s));
  ss._namedRanges = (snap.namedRanges ?? []).map((n) => ({
    name: n.name,
    range: ss._resolveA1(n.range),
  }));
  const active =
    snap.activeSheetId === null ? null : sheets.find((s) => s._id === snap.activeSheetId);
  if (active) ss._activate(active, null);
  return ss;
}

const DEFAULT_OWNER = "owner@example.com";
const DEFAULT_TIME_ZONE = "Europe/London";
const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** A 44-character id like Google's, derived deterministically from a seed. */
function makeId(seed: string): string {
  let h = hash32(seed);
  let id = "1";
  for (let i = 0; i < 43; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    h = (h + 0x6d2b79f5 + i) >>> 0;
    id += ID_ALPHABET[h % 64];
  }
  return id;
}

export class EmuSpreadsheetApp {
  readonly ProtectionType = ProtectionType;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly BorderStyle = BorderStyle;
  readonly WrapStrategy = WrapStrategy;
  readonly Dimension = Dimension;
  readonly Direction = Direction;
  readonly CopyPasteType = CopyPasteType;
  readonly SheetType = SheetType;
  readonly ValueType = ValueType;
  readonly DeveloperMetadataVisibility = DeveloperMetadataVisibility;
  readonly BooleanCriteria = BooleanCriteria;
  readonly BandingTheme = BandingTheme;

  /** @internal */ readonly _ctx: SheetsContext;
  private readonly spreadsheets: EmuSpreadsheet[] = [];
  private active: EmuSpreadsheet | null = null;
  private created = 0;

  constructor(
    private readonly rt: Runtime,
    private readonly options: EmuSpreadsheetAppOptions = {},
  ) {
    const dateFactory = options.dateFactory;
    this._ctx = {
      rt,
      newDate: dateFactory ?? ((ms: number) => new Date(ms)),
      activeUser: () =>
        options._activeUser?.() ?? this.active?._owner ?? options.owner ?? DEFAULT_OWNER,
    };
  }

  // ---- emulator controls (uncharged, not Apps Script) -----------------------------------
  /** Creates a spreadsheet (one sheet "Sheet1", 1000 x 26) without charging the script. */
  _createSpreadsheet(spec: {
    name: string;
    timeZone?: string;
    owner?: string;
    editors?: string[];
    id?: string;
  }): EmuSpreadsheet {
    const timeZone = spec.timeZone ?? this.options.timeZone ?? DEFAULT_TIME_ZONE;
    if (!isValidTimeZone(timeZone)) throw new Error(`Invalid time zone: ${timeZone}`);
    const owner = spec.owner ?? this.options.owner ?? DEFAULT_OWNER;
    let id = spec.id;
    if (!id) {
      let n = this.created;
      do id = makeId(`${owner}|${spec.name}|${n++}`);
      while (this.spreadsheets.some((s) => s._id === id));
    }
    this.created++;
    const ss = new EmuSpreadsheet(this._ctx, id, spec.name, timeZone, owner);
    for (const e of spec.editors ?? [])
      if (e.toLowerCase() !== owner.toLowerCase()) ss._editors.push(e);
    ss._addSheet("Sheet1");
    this.spreadsheets.push(ss);
    return ss;
  }
  /** The spreadsheet the script is bound to (getActiveSpreadsheet). */
  _setActive(ss: EmuSpreadsheet | null): void {
    this.active = ss;
  }
  _all(): EmuSpreadsheet[] {
    return [...this.spreadsheets];
  }
  _add(ss: EmuSpreadsheet): void {
    if (this.spreadsheets.some((s) => s._id === ss._id))
      throw new Error(`A spreadsheet with id ${ss._id} already exists.`);
    this.spreadsheets.push(ss);
    this.created++;
  }
  /** Snapshots of every spreadsheet (plain JSON). */
  _toSnapshots(): SpreadsheetSnapshot[] {
    return this.spreadsheets.map((s) => s.toSnapshot());
  }
  /** An app holding the given spreadsheets; the first becomes the active one. */
  static fromSnapshot(
    rt: Runtime,
    snapshots: SpreadsheetSnapshot[],
    options: EmuSpreadsheetAppOptions = {},
  ): EmuSpreadsheetApp {
    const app = new EmuSpreadsheetApp(rt, options);
    for (const snap of snapshots) app._add(restoreSpreadsheet(app._ctx, snap));
    app._setActive(app.spreadsheets[0] ?? null);
    return app;
  }

  private call(method: string): void {
    this.rt.call(`SpreadsheetApp.${method}`);
  }
  private find(id: string, method: string): EmuSpreadsheet {
    const ss = this.spreadsheets.find((s) => s._id === id);
    if (!ss)
      throw new Error(
        `Unexpected error while getting the method or property ${method} on object SpreadsheetApp.`,
      );
    if (!ss._canAccess(this._ctx.activeUser()))
      throw new Error("You do not have permission to access the requested document.");
    return ss;
  }

  // ---- Apps Script -------------------------------------------------------------------------
  /** null when the script is not bound to a spreadsheet. */
  getActiveSpreadsheet(): EmuSpreadsheet | null {
    this.call("getActiveSpreadsheet");
    return this.active;
  }
  getActive(): EmuSpreadsheet | null {
    this.call("getActive");
    return this.active;
  }
  getActiveSheet(): EmuSheet | null {
    this.call("getActiveSheet");
    return this.active ? this.active._active() : null;
  }
  getActiveRange(): EmuRange | null {
    this.call("getActiveRange");
    return this.active ? this.active._activeRangeOn(this.active._active()) : null;
  }
  getCurrentCell(): EmuRange | null {
    this.call("getCurrentCell");
    if (!this.active) return null;
    const r = this.active._activeRangeOn(this.active._active());
    return r._sheet._rangeAt(r._row, r._col, 1, 1);
  }
  setActiveSpreadsheet(newActiveSpreadsheet: EmuSpreadsheet): void {
    this.call("setActiveSpreadsheet");
    this.active = newActiveSpreadsheet;
  }
  setActiveSheet(sheet: EmuSheet): EmuSheet {
    this.call("setActiveSheet");
    sheet._spreadsheet()._activate(sheet, null);
    return sheet;
  }
  setActiveRange(range: EmuRange): EmuRange {
    this.call("setActiveRange");
    range._sheet._spreadsheet()._activate(range._sheet, range);
    return range;
  }
  /**
   * Unknown ids fail with Google's generic message.
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openById(String)
   */
  openById(id: string): EmuSpreadsheet {
    this.call("openById");
    return this.find(String(id), "openById");
  }
  openByUrl(url: string): EmuSpreadsheet {
    this.call("openByUrl");
    const m = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(String(url));
    if (!m) throw new Error("Invalid argument: url");
    return this.find(m[1], "openByUrl");
  }
  /** A new spreadsheet owned by the user running the script, with one sheet "Sheet1". */
  create(name: string, rows?: number, columns?: number): EmuSpreadsheet {
    this.call("create");
    const ss = this._createSpreadsheet({ name: String(name), owner: this._ctx.activeUser() });
    if (rows !== undefined || columns !== undefined) {
      const data = ss._sheets[0]._data;
      data.maxRows = rows ?? data.maxRows;
      data.maxCols = columns ?? data.maxCols;
    }
    return ss;
  }
  /** Commits buffered writes: https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#flush() */
  flush(): void {
    this.rt.call("SpreadsheetApp.flush", { flush: true });
  }
  getUi(): unknown {
    this.call("getUi");
    return this.options.ui?.();
  }
  newDataValidation(): EmuDataValidationBuilder {
    this.call("newDataValidation");
    return new EmuDataValidationBuilder(this._ctx);
  }
  newConditionalFormatRule(): EmuConditionalFormatRuleBuilder {
    this.call("newConditionalFormatRule");
    return new EmuConditionalFormatRuleBuilder(this._ctx);
  }
  newRichTextValue(): EmuRichTextValueBuilder {
    this.call("newRichTextValue");
    return new EmuRichTextValueBuilder(this._ctx);
  }
}
