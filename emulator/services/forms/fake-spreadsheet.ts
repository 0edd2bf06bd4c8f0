// A tiny in-memory stand-in for the emulated SpreadsheetApp, with only the GAS-like methods FormApp
// uses (see spreadsheet-like.ts). For FormApp/ScriptApp tests that must not depend on the real
// spreadsheet emulator. Like Sheets, a string written with a leading apostrophe is stored as text
// without it.
import type {
  RangeLike,
  SheetLike,
  SpreadsheetLike,
  SpreadsheetRegistry,
} from "./spreadsheet-like";

export class FakeRange implements RangeLike {
  constructor(
    private readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {}
  getRow(): number {
    return this.row;
  }
  getSheet(): FakeSheet {
    return this.sheet;
  }
  getValues(): unknown[][] {
    const out: unknown[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const line: unknown[] = [];
      for (let c = 0; c < this.numColumns; c++)
        line.push(this.sheet.cell(this.row + r, this.column + c));
      out.push(line);
    }
    return out;
  }
  setValues(values: unknown[][]): this {
    if (values.length !== this.numRows || values.some((v) => v.length !== this.numColumns)) {
      throw new Error("The number of rows or columns in the data does not match the range.");
    }
    values.forEach((line, r) =>
      line.forEach((v, c) => this.sheet.setCell(this.row + r, this.column + c, v)),
    );
    return this;
  }
}

export class FakeSheet implements SheetLike {
  private readonly rows: unknown[][] = [];
  formUrl: string | null = null;
  /** A new sheet's grid is 1000 rows x 26 columns, as in Sheets. */
  private maxRows = 1000;
  private maxColumns = 26;
  constructor(private readonly name: string) {}
  getMaxRows(): number {
    return this.maxRows;
  }
  getMaxColumns(): number {
    return this.maxColumns;
  }
  insertRowsAfter(_after: number, howMany: number): this {
    this.maxRows += howMany;
    return this;
  }
  insertColumnsAfter(_after: number, howMany: number): this {
    this.maxColumns += howMany;
    return this;
  }
  getName(): string {
    return this.name;
  }
  cell(row: number, column: number): unknown {
    const v = this.rows[row - 1]?.[column - 1];
    return v === undefined ? "" : v instanceof Date ? new Date(v.getTime()) : v;
  }
  setCell(row: number, column: number, value: unknown): void {
    while (this.rows.length < row) this.rows.push([]);
    const stored = typeof value === "string" && value.startsWith("'") ? value.slice(1) : value;
    this.rows[row - 1][column - 1] = stored instanceof Date ? new Date(stored.getTime()) : stored;
  }
  getRange(row: number, column: number, numRows = 1, numColumns = 1): FakeRange {
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) {
      throw new Error("The coordinates of the range are outside the dimensions of the sheet.");
    }
    return new FakeRange(this, row, column, numRows, numColumns);
  }
  getLastRow(): number {
    for (let i = this.rows.length; i > 0; i--) {
      if (this.rows[i - 1].some((v) => v !== "" && v !== undefined)) return i;
    }
    return 0;
  }
  appendRow(values: unknown[]): this {
    const row = this.getLastRow() + 1;
    values.forEach((v, i) => this.setCell(row, i + 1, v));
    return this;
  }
  _setFormUrl(url: string | null): void {
    this.formUrl = url;
  }
  getFormUrl(): string | null {
    return this.formUrl;
  }
}

export class FakeSpreadsheet implements SpreadsheetLike {
  readonly sheets: FakeSheet[] = [];
  constructor(
    private readonly id: string,
    private readonly timeZone = "Europe/London",
    private readonly locale = "en_GB",
  ) {}
  getId(): string {
    return this.id;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }
  getSheetByName(name: string): FakeSheet | null {
    return this.sheets.find((s) => s.getName() === name) ?? null;
  }
  insertSheet(name: string): FakeSheet {
    if (this.getSheetByName(name))
      throw new Error(`A sheet with the name "${name}" already exists.`);
    const sheet = new FakeSheet(name);
    this.sheets.push(sheet);
    return sheet;
  }
  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }
  getSpreadsheetLocale(): string {
    return this.locale;
  }
}

export class FakeSpreadsheets implements SpreadsheetRegistry {
  private readonly all = new Map<string, FakeSpreadsheet>();
  add(ss: FakeSpreadsheet): FakeSpreadsheet {
    this.all.set(ss.getId(), ss);
    return ss;
  }
  byId(id: string): FakeSpreadsheet | undefined {
    return this.all.get(id);
  }
}
