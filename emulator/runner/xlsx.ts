// A hub's spreadsheet on disk: hub.xlsx holds the cells and their presentation (it opens in Excel
// and LibreOffice, and a person may edit it there); state.json keeps the rest of the snapshot.
//
// What goes where:
// - hub.xlsx: the sheets (names, order, hidden), cell values, formulas, number formats, notes,
//   links, cell formats (bold, italic, underline/strike-through, font colour/size/family,
//   background, left/centre/right and top/middle/bottom alignment, wrap, borders), frozen rows
//   and columns, column widths and hidden columns, row heights and hidden rows, tab colours,
//   merged ranges, and the data validations Excel can express exactly (lists, lists from a
//   range, number and date comparisons, custom formulas). The basic filter is shown in the xlsx
//   but kept in state.json (LibreOffice drops exceljs's autoFilter when it saves).
// - state.json (snapshotWithoutCells): everything else (ids, protections, charts, named ranges,
//   conditional formats, banding, developer metadata, form URLs, grid sizes, sharing), plus, as
//   sparse exceptions, the few cells and settings the xlsx cannot hold exactly (see below).
//
// Reading is exact: readHubXlsx(writeHubXlsx(s), snapshotWithoutCells(s)) deep-equals s. Each
// piece is written, then "what exceljs will read back" is computed with the same pure functions
// the reader uses; what would not come back identical is kept in state.json as an exception, and
// an exception is applied on reading only while the xlsx still holds what was written for it (so
// an edit made in Excel/LibreOffice wins). Exceptions are rare; they are:
// - a date in the hour that happens twice when clocks go back (the xlsx holds wall-clock time in
//   the spreadsheet's zone, as Sheets does, so 01:30 on the last Sunday of October is ambiguous);
// - a number in a cell with a date format, or a date in a cell with a non-date format (Excel has
//   no date type: the format decides);
// - text over 32,767 characters (Excel's limit; the xlsx holds the first 32,767);
// - number formats "General", ones with backslash escapes (exceljs reads "0\-0" as "0-0"), and
//   UNSET_DATE_FORMAT (it marks a date written without a number format);
// - cell formats the xlsx has no slot for or that read as the default ("normal" weight, wrap
//   strategies, colours not spelt "#rrggbb", font colour "#000000", "bottom" alignment, Calibri,
//   size 11), links other than http(s)/mailto, formulas with control characters (text and notes
//   are escaped as _xHHHH_, as Excel does);
// - column widths / row heights that do not survive px → Excel units → px (non-integers), or an
//   explicit width equal to the default;
// - validations Excel cannot hold exactly (checkboxes, text rules, lists with commas or over 255
//   characters, lists without a dropdown, help text with line breaks, ...);
// - merges whose hidden cells hold something (Excel keeps only the top-left cell).
//
// Dates: exceljs turns a JS Date into an Excel serial from its UTC fields. The xlsx must show
// the spreadsheet's wall clock, so a date is written as new Date(wallMs(zone, instant)) and read
// back through instantOfWall(zone, ...). Serials are written with full double precision and read
// with Math.round to the millisecond, so every instant outside the ambiguous autumn hour comes
// back to the millisecond (tested with random instants); the ambiguous ones are exceptions.
//
// Editing in Excel/LibreOffice: changed, added and cleared cells, inserted rows, added, removed
// and reordered sheets are all picked up. A sheet is matched to state.json by its name: a sheet
// renamed in the xlsx is a new sheet (fresh id) and the old one (with its protections, charts,
// ...) is dropped. State kept by cell address (protections, charts, conditional formats, banding,
// state exceptions) does not move when rows are inserted there. What LibreOffice 7.4 changes when
// it saves (checked by converting with soffice): numbers keep 15 significant digits
// (0.19999999999999998 becomes 0.2); "\r\n" in text becomes "\n" and such cells get wrap on;
// number formats are respelt ("yyyy-mm-dd" survives, UNSET_DATE_FORMAT becomes
// "dd/mm/yyyy hh:mm:ss", an explicit format that displays the same); TRUE/FALSE cells are saved
// as the formulas TRUE()/FALSE() (read back as booleans); every font gets a name, size and colour
// and every cell a bottom alignment (read as defaults). Sheets formulas Excel does not know
// (QUERY, open ranges like "A2:A") may be reported by Excel when it opens the file.
import { promises as fs } from "node:fs";
import ExcelJS from "exceljs";
import {
  cellA1,
  columnLetter,
  columnNumber,
  parseA1,
  quoteSheetName,
  rangeA1,
  type ParsedA1,
} from "../services/spreadsheet/a1";
import { DEFAULT_MAX_COLUMNS, DEFAULT_MAX_ROWS } from "../services/spreadsheet/sheet";
import type {
  CellFormatSnapshot,
  SheetSnapshot,
  SnapshotArg,
  SnapshotValue,
  SpreadsheetSnapshot,
  ValidationSnapshot,
} from "../services/spreadsheet/snapshot";
import { hash32 } from "../services/spreadsheet/spreadsheet";
import { instantOfWall, wallMs } from "../services/spreadsheet/tz";

const DAY_MS = 86_400_000;
/** Excel serial of 1970-01-01 (exceljs: serial = 25569 + ms / DAY_MS). */
const EXCEL_UNIX_EPOCH = 25569;
/** Excel's limit on the characters in one cell. */
export const MAX_XLSX_TEXT = 32767;
/** Column width: Excel units = px / 7 (the width of a digit in the default font). */
const PX_PER_WIDTH_UNIT = 7;
/** Row height: points = px * 0.75 (96 px per inch, 72 pt per inch). */
const PT_PER_PX = 0.75;
const DEFAULT_WIDTH_PX = 100;
const DEFAULT_HEIGHT_PX = 21;
/**
 * The number format written for a date that has none: shown as Sheets shows such a date
 * ("dd/mm/yyyy hh:mm:ss"), spelt differently (a quoted space) so that reading can tell.
 */
export const UNSET_DATE_FORMAT = 'dd/mm/yyyy" "hh:mm:ss';
/** exceljs's default font (styles.xml font 0): not recorded as a cell format when read. */
const XLSX_DEFAULT_FONT = { name: "Calibri", size: 11 };
const FORMULA_VALUE = "#ERROR!";
/** Cell keys: row * KEY_COLS + column (both 0-based). */
const KEY_COLS = 1 << 15;

// ---------------------------------------------------------------------------------------------
// Cells

/** Everything the snapshot records about one cell. */
interface Cell {
  v: SnapshotValue;
  formula?: string;
  nf?: string;
  note?: string;
  fmt?: CellFormatSnapshot;
  link?: string;
}

type XValue =
  | string
  | number
  | boolean
  | Date
  | null
  | { formula: string; result: string }
  | { text: string; hyperlink: string };

interface XStyle {
  numFmt?: string;
  font?: Partial<ExcelJS.Font>;
  fill?: ExcelJS.Fill;
  alignment?: Partial<ExcelJS.Alignment>;
  border?: Partial<ExcelJS.Borders>;
}

/** A cell as written to the xlsx (text unescaped: escaping happens when it is handed to exceljs). */
interface XCell {
  value: XValue;
  style: XStyle | null;
  note: string | null;
}

/** What reading a cell of the xlsx gives, in a comparable form. */
interface ReadCell {
  kind: "empty" | "string" | "number" | "boolean" | "date" | "formula";
  /** date: wall-clock ms; formula: its text without "="; empty: null. */
  v: string | number | boolean | null;
  nf: string | null;
  note: string | null;
  /** Canonical JSON of the decoded cell format, or null. */
  fmt: string | null;
  link: string | null;
}

function isSnapDate(v: SnapshotValue): v is { $date: string } {
  return typeof v === "object" && v !== null;
}

/** exceljs's test for a date format (utils.isDateFmt): it decides whether a number reads as a Date. */
function isDateFmt(fmt: string | null | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
  return /[ymdhMsb]+/.test(bare);
}

/** What XML 1.0 cannot hold (or, \r, does not keep), and what exceljs drops (\x7F). */
const CONTROL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NEEDS_ESCAPE = new RegExp(`${CONTROL.source}|_x[0-9A-Fa-f]{4}_`, "g");
const CONTROL_ALL = new RegExp(CONTROL.source, "g");

/** Text for an XML element that is not unescaped on reading (a formula): without what XML cannot hold. */
function plainText(s: string): string {
  return CONTROL.test(s) ? s.replace(CONTROL_ALL, "") : s;
}

/** Text for an XML attribute (a number format): XML reads tabs and line breaks there as spaces. */
function attributeText(s: string): string {
  return plainText(s).replace(/[\t\n]/g, " ");
}

/** At most `n` UTF-16 units, not splitting a surrogate pair. */
function truncate16(s: string, n: number): string {
  let out = "";
  for (const ch of s) {
    if (out.length + ch.length > n) break;
    out += ch;
  }
  return out;
}

/**
 * Text for the xlsx: characters XML cannot hold (and \r, which XML turns into \n) as _xHHHH_,
 * and a literal "_xHHHH_" protected as "_x005F_xHHHH_", as Excel does (ECMA-376 ST_Xstring).
 * exceljs decodes these when reading shared strings, inline strings and notes.
 */
function escapeText(s: string): string {
  NEEDS_ESCAPE.lastIndex = 0;
  if (!NEEDS_ESCAPE.test(s)) return s;
  NEEDS_ESCAPE.lastIndex = 0;
  return s.replace(NEEDS_ESCAPE, (m) =>
    m.length > 1
      ? `_x005F${m}`
      : `_x${m.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
  );
}

function hexToArgb(color: string | undefined): string | undefined {
  if (color === undefined || !/^#[0-9a-f]{6}$/.test(color)) return undefined;
  return `FF${color.slice(1).toUpperCase()}`;
}

function argbToHex(argb: string | undefined): string | undefined {
  if (typeof argb !== "string" || !/^[0-9A-Fa-f]{8}$/.test(argb)) return undefined;
  return `#${argb.slice(2).toLowerCase()}`;
}

const THIN: Partial<ExcelJS.Border> = { style: "thin" };

function encodeFormat(f: CellFormatSnapshot | undefined): Omit<XStyle, "numFmt"> | null {
  if (!f) return null;
  const out: Omit<XStyle, "numFmt"> = {};
  const font: Partial<ExcelJS.Font> = {};
  if (f.fontWeight === "bold") font.bold = true;
  if (f.fontStyle === "italic") font.italic = true;
  if (f.fontLine === "underline") font.underline = true;
  if (f.fontLine === "line-through") font.strike = true;
  const fc = hexToArgb(f.fontColor);
  if (fc) font.color = { argb: fc };
  if (typeof f.fontSize === "number" && Number.isFinite(f.fontSize) && f.fontSize > 0)
    font.size = f.fontSize;
  if (
    typeof f.fontFamily === "string" &&
    f.fontFamily !== "" &&
    !CONTROL.test(f.fontFamily) &&
    !/[\t\n]/.test(f.fontFamily)
  )
    font.name = f.fontFamily;
  // A font without a name or size is read by LibreOffice as some other font ("Cambria").
  if (Object.keys(font).length > 0)
    out.font = { name: XLSX_DEFAULT_FONT.name, size: XLSX_DEFAULT_FONT.size, ...font };
  const bg = hexToArgb(f.background);
  if (bg) out.fill = { type: "pattern", pattern: "solid", fgColor: { argb: bg } };
  const alignment: Partial<ExcelJS.Alignment> = {};
  const h = f.horizontalAlignment;
  if (h === "left" || h === "center" || h === "right") alignment.horizontal = h;
  const v = f.verticalAlignment;
  if (v === "top" || v === "middle" || v === "bottom") alignment.vertical = v;
  if (f.wrap === true) alignment.wrapText = true;
  if (Object.keys(alignment).length > 0) out.alignment = alignment;
  if (f.border === true) out.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  return Object.keys(out).length > 0 ? out : null;
}

function decodeFormat(
  font: Partial<ExcelJS.Font> | undefined,
  fill: ExcelJS.Fill | undefined,
  alignment: Partial<ExcelJS.Alignment> | undefined,
  border: Partial<ExcelJS.Borders> | undefined,
): CellFormatSnapshot | undefined {
  const f: CellFormatSnapshot = {};
  if (font) {
    if (font.bold) f.fontWeight = "bold";
    if (font.italic) f.fontStyle = "italic";
    if (font.underline && font.underline !== "none") f.fontLine = "underline";
    else if (font.strike) f.fontLine = "line-through";
    const c = argbToHex(font.color?.argb);
    if (c && c !== "#000000") f.fontColor = c; // LibreOffice gives every font a colour
    if (typeof font.size === "number" && font.size !== XLSX_DEFAULT_FONT.size)
      f.fontSize = font.size;
    if (typeof font.name === "string" && font.name !== XLSX_DEFAULT_FONT.name)
      f.fontFamily = font.name;
  }
  if (fill && fill.type === "pattern" && fill.pattern === "solid") {
    const c = argbToHex(fill.fgColor?.argb);
    if (c) f.background = c;
  }
  if (alignment) {
    const h = alignment.horizontal;
    if (h === "left" || h === "center" || h === "right") f.horizontalAlignment = h;
    const v = alignment.vertical as string | undefined;
    if (v === "top")
      f.verticalAlignment = v; // "bottom" is the default: LibreOffice writes it everywhere
    else if (v === "middle" || v === "center") f.verticalAlignment = "middle";
    if (alignment.wrapText) f.wrap = true;
  }
  if (border && [border.top, border.left, border.bottom, border.right].some((b) => b?.style))
    f.border = true;
  return Object.keys(f).length > 0 ? f : undefined;
}

/** A cell format as sorted-key JSON (formats from state.json may list keys in any order). */
function formatKey(f: CellFormatSnapshot | undefined): string | null {
  if (!f) return null;
  const keys = Object.keys(f).sort() as Array<keyof CellFormatSnapshot>;
  if (keys.length === 0) return null;
  return JSON.stringify(keys.map((k) => [k, f[k]]));
}

function linkWritable(link: string | undefined, v: SnapshotValue): link is string {
  return (
    link !== undefined &&
    typeof v === "string" &&
    v !== "" &&
    /^(https?:\/\/|mailto:)/i.test(link) &&
    !CONTROL.test(link) &&
    !/\s/.test(link) &&
    !/^[^!]+![a-zA-Z]+\d+$/.test(link) // exceljs takes "Sheet2!D3" for a link inside the workbook
  );
}

function encodeCell(c: Cell, tz: string): XCell {
  let value: XValue;
  let nf = c.nf;
  const v = c.v;
  if (c.formula !== undefined) {
    value = {
      formula: plainText(c.formula.startsWith("=") ? c.formula.slice(1) : c.formula),
      result: FORMULA_VALUE,
    };
  } else if (isSnapDate(v)) {
    const ms = Date.parse(v.$date);
    value = Number.isNaN(ms) ? v.$date : new Date(wallMs(tz, ms));
    if (nf === undefined) nf = UNSET_DATE_FORMAT;
  } else if (typeof v === "string") {
    const text = v.length > MAX_XLSX_TEXT ? v.slice(0, MAX_XLSX_TEXT) : v;
    if (text === "") value = null;
    else if (linkWritable(c.link, v)) value = { text, hyperlink: c.link };
    else value = text;
  } else {
    value = v;
  }
  if (nf !== undefined) nf = attributeText(nf);
  const fmt = encodeFormat(c.fmt);
  const style: XStyle | null =
    nf !== undefined || fmt ? { ...(nf !== undefined ? { numFmt: nf } : {}), ...fmt } : null;
  return { value, style, note: c.note !== undefined && c.note !== "" ? c.note : null };
}

function dateRead(wall: number): number {
  // exceljs: dateToExcel(d) = 25569 + ms / DAY; excelToDate(v) = round((v - 25569) * DAY).
  const serial = EXCEL_UNIX_EPOCH + wall / DAY_MS;
  return Math.round((serial - EXCEL_UNIX_EPOCH) * DAY_MS);
}

/** What reading back a written cell gives (models exceljs's writer and reader). */
function readOfX(x: XCell): ReadCell {
  // exceljs reads a number format with its backslash escapes removed ("0\-0" → "0-0").
  const nfRaw = x.style?.numFmt?.replace(/[\\](.)/g, "$1");
  const nf = nfRaw === undefined || nfRaw === "General" ? null : nfRaw;
  const fmt = x.style
    ? formatKey(decodeFormat(x.style.font, x.style.fill, x.style.alignment, x.style.border))
    : null;
  const out: ReadCell = { kind: "empty", v: null, nf, note: x.note, fmt, link: null };
  const v = x.value;
  if (v === null) return out;
  if (typeof v === "string") {
    out.kind = "string";
    out.v = v;
  } else if (typeof v === "boolean") {
    out.kind = "boolean";
    out.v = v;
  } else if (typeof v === "number") {
    if (isDateFmt(nf)) {
      out.kind = "date";
      out.v = Math.round((v - EXCEL_UNIX_EPOCH) * DAY_MS);
    } else {
      out.kind = "number";
      out.v = v;
    }
  } else if (v instanceof Date) {
    if (isDateFmt(nf)) {
      out.kind = "date";
      out.v = dateRead(v.getTime());
    } else {
      out.kind = "number";
      out.v = EXCEL_UNIX_EPOCH + v.getTime() / DAY_MS;
    }
  } else if ("formula" in v) {
    out.kind = "formula";
    out.v = v.formula;
  } else {
    out.kind = "string";
    out.v = v.text;
    out.link = v.hyperlink;
  }
  return out;
}

function noteText(note: ExcelJS.Cell["note"]): string | null {
  if (note === undefined || note === null) return null;
  if (typeof note === "string") return note === "" ? null : note;
  const texts = (note as { texts?: Array<{ text?: string }> }).texts ?? [];
  const text = texts.map((t) => t.text ?? "").join("");
  return text === "" ? null : text;
}

function richTextOf(v: unknown): string {
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && Array.isArray((v as ExcelJS.CellRichTextValue).richText)) {
    return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
  }
  return v === undefined || v === null ? "" : String(v);
}

/** What the xlsx holds in one cell (a cell that exceljs parsed). */
function readOfExcel(cell: ExcelJS.Cell): ReadCell {
  const style = cell.style ?? {};
  const nfRaw = style.numFmt;
  const nf = nfRaw === undefined || nfRaw === "" || nfRaw === "General" ? null : nfRaw;
  const fmt = formatKey(decodeFormat(style.font, style.fill, style.alignment, style.border));
  const out: ReadCell = { kind: "empty", v: null, nf, note: noteText(cell.note), fmt, link: null };
  const v = cell.value as unknown;
  if (v === null || v === undefined) return out;
  if (typeof v === "string") {
    if (v !== "") {
      out.kind = "string";
      out.v = v;
    }
  } else if (typeof v === "number") {
    out.kind = "number";
    out.v = v;
  } else if (typeof v === "boolean") {
    out.kind = "boolean";
    out.v = v;
  } else if (v instanceof Date) {
    const ms = v.getTime();
    if (Number.isNaN(ms)) return out;
    out.kind = "date";
    out.v = ms;
  } else if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.formula === "string" || typeof o.sharedFormula === "string") {
      out.kind = "formula";
      out.v = cell.formula;
    } else if (typeof o.hyperlink === "string") {
      out.kind = "string";
      out.v = richTextOf(o.text);
      out.link = o.hyperlink;
    } else if (Array.isArray(o.richText)) {
      out.kind = "string";
      out.v = richTextOf(o);
    } else if (typeof o.error === "string") {
      out.kind = "string";
      out.v = o.error;
    }
    if (out.kind === "string" && out.v === "") {
      out.kind = "empty";
      out.v = null;
      out.link = null;
    }
  }
  return out;
}

function readEq(a: ReadCell, b: ReadCell): boolean {
  return (
    a.kind === b.kind &&
    a.v === b.v &&
    a.nf === b.nf &&
    a.note === b.note &&
    a.fmt === b.fmt &&
    a.link === b.link
  );
}

function isEmptyRead(r: ReadCell): boolean {
  return (
    r.kind === "empty" && r.nf === null && r.note === null && r.fmt === null && r.link === null
  );
}

/** The cell a read gives (the inverse of encodeCell wherever that is exact). */
function decodeRead(r: ReadCell, tz: string): Cell {
  const c: Cell = { v: "" };
  switch (r.kind) {
    case "formula":
      // LibreOffice saves a TRUE/FALSE cell as the formula TRUE() / FALSE().
      if (/^(TRUE|FALSE)\(\)$/i.test(String(r.v))) {
        c.v = String(r.v).toUpperCase().startsWith("T");
        break;
      }
      c.v = FORMULA_VALUE;
      c.formula = `=${String(r.v)}`;
      break;
    case "date": {
      const ms = instantOfWall(tz, r.v as number);
      const d = new Date(ms);
      c.v = Number.isNaN(d.getTime())
        ? EXCEL_UNIX_EPOCH + (r.v as number) / DAY_MS
        : { $date: d.toISOString() };
      break;
    }
    case "empty":
      break;
    default:
      c.v = r.v as string | number | boolean;
  }
  if (r.nf !== null && !(r.kind === "date" && r.nf === UNSET_DATE_FORMAT)) c.nf = r.nf;
  if (r.note !== null) c.note = r.note;
  if (r.fmt !== null)
    c.fmt = Object.fromEntries(JSON.parse(r.fmt) as Array<[string, unknown]>) as CellFormatSnapshot;
  if (r.link !== null) c.link = r.link;
  return c;
}

function valueEq(a: SnapshotValue, b: SnapshotValue): boolean {
  if (isSnapDate(a) || isSnapDate(b)) return isSnapDate(a) && isSnapDate(b) && a.$date === b.$date;
  return a === b;
}

function cellEq(a: Cell, b: Cell): boolean {
  return (
    valueEq(a.v, b.v) &&
    a.formula === b.formula &&
    a.nf === b.nf &&
    a.note === b.note &&
    a.link === b.link &&
    formatKey(a.fmt) === formatKey(b.fmt)
  );
}

function cellIsExact(c: Cell, tz: string): boolean {
  // Fast path: plain text, numbers and booleans without anything else always come back.
  if (
    c.formula === undefined &&
    c.nf === undefined &&
    c.note === undefined &&
    c.fmt === undefined &&
    c.link === undefined
  ) {
    const v = c.v;
    if (typeof v === "number" || typeof v === "boolean") return true;
    if (typeof v === "string") return v.length <= MAX_XLSX_TEXT;
  }
  return cellEq(decodeRead(readOfX(encodeCell(c, tz)), tz), c);
}

function hasContent(c: Cell): boolean {
  return (
    c.v !== "" ||
    c.formula !== undefined ||
    c.nf !== undefined ||
    c.note !== undefined ||
    c.fmt !== undefined ||
    c.link !== undefined
  );
}

const CELL_KEY = /^([A-Z]+)([1-9]\d*)$/;

function keyOfA1(a1: string): number | null {
  const m = CELL_KEY.exec(a1);
  if (!m) return null;
  return (Number(m[2]) - 1) * KEY_COLS + (columnNumber(m[1]) - 1);
}

function a1OfKey(key: number): string {
  return cellA1(Math.floor(key / KEY_COLS) + 1, (key % KEY_COLS) + 1);
}

/** The sparse per-cell records of a sheet, by cell key. */
function metaOf(s: SheetSnapshot): Map<number, Omit<Cell, "v">> {
  const meta = new Map<number, Omit<Cell, "v">>();
  const add = <K extends keyof Omit<Cell, "v">>(
    map: Record<string, Cell[K]> | undefined,
    field: K,
  ): void => {
    for (const [a1, x] of Object.entries(map ?? {})) {
      const key = keyOfA1(a1);
      if (key === null) throw new Error(`Bad cell key in snapshot of ${s.name}: ${a1}`);
      let m = meta.get(key);
      if (!m) {
        m = {};
        meta.set(key, m);
      }
      m[field] = x;
    }
  };
  add(s.formulas, "formula");
  add(s.numberFormats, "nf");
  add(s.notes, "note");
  add(s.formats, "fmt");
  add(s.links, "link");
  return meta;
}

/** Calls fn for every cell of the sheet with a value or a per-cell record. */
function eachCell(s: SheetSnapshot, fn: (key: number, c: Cell) => void): void {
  const meta = metaOf(s);
  const seen = new Set<number>();
  s.values.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      const key = r * KEY_COLS + c;
      const m = meta.get(key);
      const v = row[c] ?? "";
      if (v === "" && !m) continue;
      if (m) seen.add(key);
      fn(key, m ? { v, ...m } : { v });
    }
  });
  for (const [key, m] of meta) if (!seen.has(key)) fn(key, { v: "", ...m });
}

// ---------------------------------------------------------------------------------------------
// Column widths and row heights

/** The Excel width written for a column of `px` pixels (a column of 0 px or less: the default). */
function widthOfPx(px: number): number {
  const w = (px > 0 ? px : DEFAULT_WIDTH_PX) / PX_PER_WIDTH_UNIT;
  // exceljs drops a column whose width is exactly its default of 9 (63 px) and nothing else.
  return w === 9 ? 9 + 1e-9 : w;
}

/** Pixels exceljs's reader gives for a written width; null when the width is not written. */
function pxOfWidth(width: number | undefined): number | null {
  return width ? Math.round(width * PX_PER_WIDTH_UNIT) : null;
}

/** The height in points written for a row of `px` pixels (0 px or less: the default). */
function heightOfPx(px: number): number {
  return (px > 0 ? px : DEFAULT_HEIGHT_PX) * PT_PER_PX;
}

function pxOfHeight(height: number | undefined): number | null {
  return height ? Math.round(height / PT_PER_PX) : null;
}

function sizeIsExact(px: number, kind: "width" | "height"): boolean {
  const back = kind === "width" ? pxOfWidth(widthOfPx(px)) : pxOfHeight(heightOfPx(px));
  const dflt = kind === "width" ? DEFAULT_WIDTH_PX : DEFAULT_HEIGHT_PX;
  return back === px && px !== dflt;
}

// ---------------------------------------------------------------------------------------------
// Data validations

type Rule = Omit<ValidationSnapshot, "range">;

const NUMBER_OPS: Record<string, ExcelJS.DataValidationOperator> = {
  NUMBER_BETWEEN: "between",
  NUMBER_NOT_BETWEEN: "notBetween",
  NUMBER_EQUAL_TO: "equal",
  NUMBER_NOT_EQUAL_TO: "notEqual",
  NUMBER_GREATER_THAN: "greaterThan",
  NUMBER_GREATER_THAN_OR_EQUAL_TO: "greaterThanOrEqual",
  NUMBER_LESS_THAN: "lessThan",
  NUMBER_LESS_THAN_OR_EQUAL_TO: "lessThanOrEqual",
};
const DATE_OPS: Record<string, ExcelJS.DataValidationOperator> = {
  DATE_BETWEEN: "between",
  DATE_NOT_BETWEEN: "notBetween",
  DATE_EQUAL_TO: "equal",
  DATE_AFTER: "greaterThan",
  DATE_ON_OR_AFTER: "greaterThanOrEqual",
  DATE_BEFORE: "lessThan",
  DATE_ON_OR_BEFORE: "lessThanOrEqual",
};
const invert = (m: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k]));
const NUMBER_CRITERIA = invert(NUMBER_OPS);
const DATE_CRITERIA = invert(DATE_OPS);
const TWO_ARGS = new Set(["between", "notBetween"]);
const arity = (op: string): number => (TWO_ARGS.has(op) ? 2 : 1);

function quoteAlways(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

type BoundedA1 = { [K in keyof ParsedA1]: K extends "sheetName" ? ParsedA1[K] : number };

/** A reference with all four edges; null for an open one ("A:A", "1:3"), which Excel's lists reject. */
function boundedA1(a1: string): BoundedA1 | null {
  const p = parseA1(a1);
  if (
    !p ||
    p.startRow === null ||
    p.startColumn === null ||
    p.endRow === null ||
    p.endColumn === null
  )
    return null;
  return p as BoundedA1;
}

function absoluteA1(a1: string): string | null {
  const p = boundedA1(a1);
  if (!p) return null;
  const start = `$${columnLetter(p.startColumn)}$${p.startRow}`;
  if (p.startRow === p.endRow && p.startColumn === p.endColumn) return start;
  return `${start}:$${columnLetter(p.endColumn)}$${p.endRow}`;
}

/** An Excel validation for a rule, or null when Excel has none for it. */
function encodeRule(rule: Rule, tz: string): ExcelJS.DataValidation | null {
  const { criteria, values, allowInvalid, helpText } = rule;
  const base: Partial<ExcelJS.DataValidation> = {
    allowBlank: true,
    showErrorMessage: true,
    ...(allowInvalid ? { errorStyle: "warning" } : {}),
  };
  const formulaText = (s: string): boolean => !CONTROL.test(s) && !/[\n\t]/.test(s);
  if (helpText !== null) {
    if (helpText === "" || helpText.length > 255 || !formulaText(helpText)) return null;
    base.showInputMessage = true;
    base.prompt = helpText;
  }
  if (criteria === "VALUE_IN_LIST") {
    const [items, dropdown] = values;
    if (!Array.isArray(items) || items.length === 0 || dropdown !== true) return null;
    if (!items.every((i) => typeof i === "string" && !/[,"]/.test(i) && formulaText(i)))
      return null;
    const list = `"${(items as string[]).join(",")}"`;
    if (list.length > 257) return null; // Excel: at most 255 characters between the quotes
    return { ...base, type: "list", formulae: [list] } as ExcelJS.DataValidation;
  }
  if (criteria === "VALUE_IN_RANGE") {
    const [range, dropdown] = values;
    if (
      !range ||
      typeof range !== "object" ||
      Array.isArray(range) ||
      !("$range" in range) ||
      dropdown !== true
    )
      return null;
    const p = parseA1(range.$range);
    const bang = range.$range.lastIndexOf("!");
    const ref = absoluteA1(range.$range.slice(bang + 1));
    if (!p || p.sheetName === null || !ref || !formulaText(p.sheetName)) return null;
    return {
      ...base,
      type: "list",
      formulae: [`${quoteAlways(p.sheetName)}!${ref}`],
    } as ExcelJS.DataValidation;
  }
  if (criteria in NUMBER_OPS) {
    const op = NUMBER_OPS[criteria];
    if (values.length !== arity(op)) return null;
    if (!values.every((n) => typeof n === "number" && Number.isFinite(n))) return null;
    return {
      ...base,
      type: "decimal",
      operator: op,
      formulae: values as number[],
    } as ExcelJS.DataValidation;
  }
  if (criteria in DATE_OPS) {
    const op = DATE_OPS[criteria];
    if (values.length !== arity(op)) return null;
    const dates: Date[] = [];
    for (const d of values) {
      if (!d || typeof d !== "object" || Array.isArray(d) || !("$date" in d)) return null;
      const ms = Date.parse(d.$date);
      if (Number.isNaN(ms)) return null;
      dates.push(new Date(wallMs(tz, ms)));
    }
    return { ...base, type: "date", operator: op, formulae: dates } as ExcelJS.DataValidation;
  }
  if (criteria === "CUSTOM_FORMULA") {
    const [f] = values;
    if (
      values.length !== 1 ||
      typeof f !== "string" ||
      !f.startsWith("=") ||
      f.length < 2 ||
      !formulaText(f)
    )
      return null;
    return { ...base, type: "custom", formulae: [f.slice(1)] } as ExcelJS.DataValidation;
  }
  return null;
}

/** What exceljs's reader gives for a validation it wrote. */
function readOfRule(dv: ExcelJS.DataValidation): ExcelJS.DataValidation {
  if (dv.type !== "date") return dv;
  return { ...dv, formulae: dv.formulae.map((d: Date) => new Date(dateRead(d.getTime()))) };
}

/** A rule for an Excel validation (as exceljs reads it), or null when the emulator has none. */
function decodeRule(dv: ExcelJS.DataValidation, sheetName: string, tz: string): Rule | null {
  const allowInvalid =
    !dv.showErrorMessage || dv.errorStyle === "warning" || dv.errorStyle === "information";
  const helpText = dv.showInputMessage && dv.prompt ? dv.prompt : null;
  const rule = (criteria: string, values: SnapshotArg[]): Rule => ({
    criteria,
    values,
    allowInvalid,
    helpText,
  });
  const formulae: unknown[] = dv.formulae ?? [];
  const op = (dv as { operator?: string }).operator ?? "between";
  switch (dv.type) {
    case "list": {
      const f = String(formulae[0] ?? "").replace(/^=/, "");
      if (f.length >= 2 && f.startsWith('"') && f.endsWith('"'))
        return rule("VALUE_IN_LIST", [f.slice(1, -1).split(","), true]);
      const p = boundedA1(f);
      if (!p) return null;
      const a1 = rangeA1(
        p.startRow,
        p.startColumn,
        p.endRow - p.startRow + 1,
        p.endColumn - p.startColumn + 1,
      );
      return rule("VALUE_IN_RANGE", [
        { $range: `${quoteSheetName(p.sheetName ?? sheetName)}!${a1}` },
        true,
      ]);
    }
    case "whole":
    case "decimal": {
      const criteria = NUMBER_CRITERIA[op];
      const nums = formulae.slice(0, arity(op)).map((x) => (typeof x === "number" ? x : Number(x)));
      if (!criteria || nums.length !== arity(op) || !nums.every(Number.isFinite)) return null;
      return rule(criteria, nums);
    }
    case "date": {
      const criteria = DATE_CRITERIA[op];
      const n = arity(op);
      const dates = formulae.slice(0, n);
      if (
        !criteria ||
        dates.length !== n ||
        !dates.every((d) => d instanceof Date && !Number.isNaN(d.getTime()))
      )
        return null;
      return rule(
        criteria,
        (dates as Date[]).map((d) => ({
          $date: new Date(instantOfWall(tz, d.getTime())).toISOString(),
        })),
      );
    }
    case "custom": {
      const f = String(formulae[0] ?? "");
      return f === "" ? null : rule("CUSTOM_FORMULA", [f.startsWith("=") ? f : `=${f}`]);
    }
    default:
      return null;
  }
}

function ruleOf(v: ValidationSnapshot | Rule): Rule {
  return {
    criteria: v.criteria,
    values: v.values,
    allowInvalid: v.allowInvalid,
    helpText: v.helpText,
  };
}

function ruleIsExact(v: ValidationSnapshot, sheetName: string, tz: string): boolean {
  const rule = ruleOf(v);
  const dv = encodeRule(rule, tz);
  if (!dv) return false;
  const back = decodeRule(readOfRule(dv), sheetName, tz);
  return back !== null && JSON.stringify(back) === JSON.stringify(rule);
}

function boundsOf(a1: string): { r1: number; c1: number; r2: number; c2: number } | null {
  const p = boundedA1(a1);
  if (!p) return null;
  return { r1: p.startRow - 1, c1: p.startColumn - 1, r2: p.endRow - 1, c2: p.endColumn - 1 };
}

/**
 * Rectangles of equal rules, found exactly as snapshot.ts's validationsOf finds them (column
 * runs, then merged sideways), so that a round trip gives the same list in the same order.
 */
function groupValidations(
  cells: Map<number, string>,
  rules: Map<string, Rule>,
): ValidationSnapshot[] {
  const byCol = new Map<number, Array<[number, string]>>();
  for (const [key, ruleKey] of cells) {
    const c = key % KEY_COLS;
    let list = byCol.get(c);
    if (!list) {
      list = [];
      byCol.set(c, list);
    }
    list.push([Math.floor(key / KEY_COLS), ruleKey]);
  }
  type Rect = { r1: number; r2: number; c1: number; c2: number; key: string };
  const rects: Rect[] = [];
  const open = new Map<string, Rect>();
  for (const c of [...byCol.keys()].sort((a, b) => a - b)) {
    const list = (byCol.get(c) ?? []).sort((a, b) => a[0] - b[0]);
    const runs: Array<{ r1: number; r2: number; key: string }> = [];
    for (const [r, k] of list) {
      const last = runs[runs.length - 1];
      if (last && last.r2 === r - 1 && last.key === k) last.r2 = r;
      else runs.push({ r1: r, r2: r, key: k });
    }
    for (const run of runs) {
      const id = `${run.r1}:${run.r2}:${run.key}`;
      const rect = open.get(id);
      if (rect && rect.c2 === c - 1) rect.c2 = c;
      else {
        const fresh = { r1: run.r1, r2: run.r2, c1: c, c2: c, key: run.key };
        rects.push(fresh);
        open.set(id, fresh);
      }
    }
  }
  return rects.map((x) => ({
    range: rangeA1(x.r1 + 1, x.c1 + 1, x.r2 - x.r1 + 1, x.c2 - x.c1 + 1),
    ...(rules.get(x.key) as Rule),
  }));
}

// ---------------------------------------------------------------------------------------------
// Sheets

/** Sheet names as Excel accepts them (31 characters, no []:*?/\, unique ignoring case). */
function excelSheetNames(sheets: SheetSnapshot[]): Map<SheetSnapshot, string> {
  const ordered = [...sheets].sort((a, b) => a.index - b.index);
  const valid = (n: string): boolean =>
    n.length >= 1 &&
    n.length <= 31 &&
    !/[\\/?*[\]:]/.test(n) &&
    !/^'|'$/.test(n) &&
    n !== "History" &&
    !CONTROL.test(n) &&
    !/[\t\n]/.test(n);
  const out = new Map<SheetSnapshot, string>();
  const used = new Set<string>();
  for (const s of ordered) {
    if (valid(s.name) && !used.has(s.name.toLowerCase())) {
      out.set(s, s.name);
      used.add(s.name.toLowerCase());
    }
  }
  for (const s of ordered) {
    if (out.has(s)) continue;
    const bare =
      truncate16(
        s.name
          .replace(CONTROL_ALL, "_")
          .replace(/[\\/?*[\]:\t\n]/g, "_")
          .replace(/^'+|'+$/g, ""),
        31,
      ) || "Sheet";
    let name = bare === "History" ? "History_" : bare;
    for (let k = 2; used.has(name.toLowerCase()); k++) {
      const suffix = ` (${k})`;
      name = truncate16(bare, 31 - suffix.length) + suffix;
    }
    out.set(s, name);
    used.add(name.toLowerCase());
  }
  return out;
}

/** Merges go into the xlsx only when every cell they hide is empty (Excel keeps the top-left). */
function mergesFitXlsx(s: SheetSnapshot, cellKeys: Set<number>): boolean {
  for (const m of s.merges ?? []) {
    const b = boundsOf(m);
    if (!b) return false;
    for (let r = b.r1; r <= b.r2; r++) {
      for (let c = b.c1; c <= b.c2; c++) {
        if ((r !== b.r1 || c !== b.c1) && cellKeys.has(r * KEY_COLS + c)) return false;
      }
    }
  }
  return true;
}

function filterFitsXlsx(s: SheetSnapshot): boolean {
  return (
    s.filter !== null &&
    s.filter !== undefined &&
    /^[A-Z]+[1-9]\d*(:[A-Z]+[1-9]\d*)?$/.test(s.filter.range)
  );
}

/** Worksheet.dataValidations (exceljs 4 has it; its typings do not). */
function dataValidationsOf(ws: ExcelJS.Worksheet): {
  add(address: string, validation: ExcelJS.DataValidation): void;
  model: Record<string, ExcelJS.DataValidation | undefined>;
} {
  return (ws as unknown as { dataValidations: ReturnType<typeof dataValidationsOf> })
    .dataValidations;
}

function writeSheet(ws: ExcelJS.Worksheet, s: SheetSnapshot, tz: string): void {
  ws.state = s.hidden ? "hidden" : "visible";
  const tab = hexToArgb(s.tabColor ?? undefined);
  ws.properties.defaultColWidth = DEFAULT_WIDTH_PX / PX_PER_WIDTH_UNIT;
  ws.properties.defaultRowHeight = heightOfPx(DEFAULT_HEIGHT_PX);
  if (tab) ws.properties.tabColor = { argb: tab };
  const frozen = s.frozenRows > 0 || s.frozenColumns > 0;
  ws.views = [
    frozen
      ? {
          state: "frozen",
          xSplit: s.frozenColumns,
          ySplit: s.frozenRows,
          topLeftCell: cellA1(s.frozenRows + 1, s.frozenColumns + 1),
          showGridLines: !s.hiddenGridlines,
        }
      : { state: "normal", showGridLines: !s.hiddenGridlines },
  ];

  const cellKeys = new Set<number>();
  eachCell(s, (key, c) => {
    cellKeys.add(key);
    const x = encodeCell(c, tz);
    if (x.value === null && x.style === null && x.note === null) return;
    const cell = ws.getRow(Math.floor(key / KEY_COLS) + 1).getCell((key % KEY_COLS) + 1);
    const v = x.value;
    if (typeof v === "string") cell.value = escapeText(v);
    else if (v !== null && typeof v === "object" && "hyperlink" in v)
      cell.value = { text: escapeText(v.text), hyperlink: v.hyperlink };
    else cell.value = v;
    if (x.style) cell.style = x.style as Partial<ExcelJS.Style>;
    // exceljs writes no <c> for an empty cell without a style, and so loses its note on reading.
    else if (x.value === null) cell.style = { protection: { locked: true } };
    if (x.note !== null) cell.note = escapeText(x.note);
  });

  const hiddenCols = new Set(s.hiddenColumns ?? []);
  const widths = new Map(Object.entries(s.columnWidths ?? {}).map(([k, v]) => [Number(k), v]));
  for (const c of new Set([...widths.keys(), ...hiddenCols])) {
    const col = ws.getColumn(c);
    col.width = widthOfPx(widths.get(c) ?? DEFAULT_WIDTH_PX);
    if (hiddenCols.has(c)) col.hidden = true;
  }
  const hiddenRows = new Set(s.hiddenRows ?? []);
  const heights = new Map(Object.entries(s.rowHeights ?? {}).map(([k, v]) => [Number(k), v]));
  for (const r of new Set([...heights.keys(), ...hiddenRows])) {
    const row = ws.getRow(r);
    row.height = heightOfPx(heights.get(r) ?? DEFAULT_HEIGHT_PX);
    if (hiddenRows.has(r)) row.hidden = true;
  }

  for (const v of s.validations ?? []) {
    if (!ruleIsExact(v, s.name, tz)) continue;
    const dv = encodeRule(ruleOf(v), tz) as ExcelJS.DataValidation;
    dataValidationsOf(ws).add(v.range, dv);
  }
  if (mergesFitXlsx(s, cellKeys)) for (const m of s.merges ?? []) ws.mergeCellsWithoutStyle(m);
  if (filterFitsXlsx(s)) ws.autoFilter = (s.filter as { range: string }).range;
}

/**
 * Writes the cells of a spreadsheet (and their presentation) to an .xlsx file, atomically (a
 * temporary file renamed over `path`). Pair it with snapshotWithoutCells for state.json.
 */
export async function writeHubXlsx(snapshot: SpreadsheetSnapshot, path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Maths Hub Recruitment";
  wb.calcProperties.fullCalcOnLoad = true; // the cached results ("#ERROR!") are not real results
  const names = excelSheetNames(snapshot.sheets);
  const ordered = [...snapshot.sheets].sort((a, b) => a.index - b.index);
  for (const s of ordered)
    writeSheet(wb.addWorksheet(names.get(s) as string), s, snapshot.timeZone);
  if (ordered.length > 0) {
    let active = ordered.findIndex((s) => s.id === snapshot.activeSheetId && !s.hidden);
    if (active < 0)
      active = Math.max(
        0,
        ordered.findIndex((s) => !s.hidden),
      );
    wb.views = [
      {
        x: 0,
        y: 0,
        width: 20000,
        height: 12000,
        firstSheet: 0,
        activeTab: active,
        visibility: "visible",
      },
    ];
  }
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await wb.xlsx.writeFile(tmp);
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/**
 * The part of a snapshot kept in state.json: no cell values, formulas, notes, number formats,
 * links, cell formats, frozen rows/columns, widths, heights, hidden rows/columns/sheets, tab
 * colours, merges or validations that the xlsx holds exactly. What it cannot hold
 * exactly stays, sparsely: `values` then holds only those cells (other positions "", rows
 * ragged) and the per-cell records only theirs, `columnWidths`/`rowHeights` only such sizes,
 * `tabColor` only a colour the xlsx cannot hold, `validations` only rules Excel has no exact
 * form for, `merges` only when they could not be written. Sheet names, ids, order, the
 * filter and everything else are kept (the order and names in the xlsx win when reading).
 */
export function snapshotWithoutCells(s: SpreadsheetSnapshot): SpreadsheetSnapshot {
  const tz = s.timeZone;
  // A copy: nothing in it is shared with the snapshot given.
  return structuredClone({ ...s, sheets: s.sheets.map((sh) => stateSheet(sh, tz)) });
}

function stateSheet(s: SheetSnapshot, tz: string): SheetSnapshot {
  const values: SnapshotValue[][] = [];
  const formulas: Record<string, string> = {};
  const numberFormats: Record<string, string> = {};
  const notes: Record<string, string> = {};
  const formats: Record<string, CellFormatSnapshot> = {};
  const links: Record<string, string> = {};
  const cellKeys = new Set<number>();
  eachCell(s, (key, c) => {
    cellKeys.add(key);
    if (cellIsExact(c, tz)) return;
    const r = Math.floor(key / KEY_COLS);
    const col = key % KEY_COLS;
    const a1 = a1OfKey(key);
    while (values.length <= r) values.push([]);
    const row = values[r];
    while (row.length <= col) row.push("");
    row[col] = c.v;
    if (c.formula !== undefined) formulas[a1] = c.formula;
    if (c.nf !== undefined) numberFormats[a1] = c.nf;
    if (c.note !== undefined) notes[a1] = c.note;
    if (c.fmt !== undefined) formats[a1] = c.fmt;
    if (c.link !== undefined) links[a1] = c.link;
  });
  const inexact = (m: Record<string, number>, kind: "width" | "height"): Record<string, number> =>
    Object.fromEntries(Object.entries(m ?? {}).filter(([, px]) => !sizeIsExact(px, kind)));
  const tab = s.tabColor;
  return {
    ...s,
    hidden: false,
    frozenRows: 0,
    frozenColumns: 0,
    values,
    formulas,
    numberFormats,
    notes,
    formats,
    links,
    validations: (s.validations ?? []).filter((v) => !ruleIsExact(v, s.name, tz)),
    columnWidths: inexact(s.columnWidths, "width"),
    rowHeights: inexact(s.rowHeights, "height"),
    hiddenColumns: [],
    hiddenRows: [],
    tabColor: tab !== null && tab !== undefined && hexToArgb(tab) === undefined ? tab : null,
    merges: mergesFitXlsx(s, cellKeys) ? [] : s.merges,
    // Kept: LibreOffice drops an autoFilter without a sheet-local _xlnm._FilterDatabase name,
    // which exceljs cannot write. The xlsx shows it; a filter only the xlsx has is read too.
  };
}

// ---------------------------------------------------------------------------------------------
// Reading

// exceljs 4 internals used on reading: the cells a row parsed (iterating with includeEmpty
// would create the missing ones, with inherited styles) and the merged ranges.
type RowInternals = { _cells?: Array<ExcelJS.Cell | undefined> };
type SheetInternals = { _merges?: Record<string, { range: string } | undefined> };

function newSheetSnapshot(name: string, id: number): SheetSnapshot {
  return {
    name,
    id,
    index: 0,
    hidden: false,
    frozenRows: 0,
    frozenColumns: 0,
    maxRows: DEFAULT_MAX_ROWS,
    maxColumns: DEFAULT_MAX_COLUMNS,
    values: [],
    formulas: {},
    numberFormats: {},
    notes: {},
    formats: {},
    links: {},
    validations: [],
    protections: [],
    charts: [],
    columnWidths: {},
    rowHeights: {},
    hiddenColumns: [],
    hiddenRows: [],
    tabColor: null,
    formUrl: null,
    merges: [],
    filter: null,
    developerMetadata: [],
    conditionalFormats: [],
    bandings: [],
    hiddenGridlines: false,
  };
}

function freshSheetId(spreadsheetId: string, name: string, used: Set<number>): number {
  let seed = `${spreadsheetId}:xlsx:${name}`;
  for (;;) {
    const id = hash32(seed) % 2_000_000_000;
    if (!used.has(id) && id !== 0) {
      used.add(id);
      return id;
    }
    seed += "+";
  }
}

function readSheet(
  ws: ExcelJS.Worksheet,
  state: SheetSnapshot,
  name: string,
  tz: string,
): SheetSnapshot {
  // Exceptions kept in state.json, by cell.
  const exceptions = new Map<number, Cell>();
  eachCell(state, (key, c) => exceptions.set(key, c));

  const cells = new Map<number, Cell>();
  let lastRow = 0;
  let lastCol = 0;
  let maxKeyRow = 0;
  let maxKeyCol = 0;
  const heights: Record<string, number> = {};
  const hiddenRows: number[] = [];
  const stateHeights = state.rowHeights ?? {};
  const defaultRowHeight = ws.properties.defaultRowHeight;
  const take = (key: number, c: Cell): void => {
    if (!hasContent(c)) return;
    cells.set(key, c);
    const r = Math.floor(key / KEY_COLS) + 1;
    const col = (key % KEY_COLS) + 1;
    if (r > maxKeyRow) maxKeyRow = r;
    if (col > maxKeyCol) maxKeyCol = col;
    if (c.v !== "") {
      if (r > lastRow) lastRow = r;
      if (col > lastCol) lastCol = col;
    }
  };

  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const raw = pxOfHeight(row.height);
    const st = stateHeights[String(rowNumber)];
    if (st !== undefined && pxOfHeight(heightOfPx(st)) === raw) heights[String(rowNumber)] = st;
    else if (raw !== null && raw !== DEFAULT_HEIGHT_PX && row.height !== defaultRowHeight)
      heights[String(rowNumber)] = raw;
    if (row.hidden) hiddenRows.push(rowNumber);
    const list = (row as unknown as RowInternals)._cells ?? [];
    for (let i = 0; i < list.length; i++) {
      const cell = list[i];
      if (!cell || cell.type === ExcelJS.ValueType.Merge) continue;
      const key = (rowNumber - 1) * KEY_COLS + i;
      const observed = readOfExcel(cell);
      const exc = exceptions.get(key);
      if (exc) {
        exceptions.delete(key);
        if (readEq(readOfX(encodeCell(exc, tz)), observed)) {
          take(key, exc);
          continue;
        }
      }
      if (isEmptyRead(observed)) continue;
      // Common case without allocating: a plain value.
      if (
        observed.nf === null &&
        observed.note === null &&
        observed.fmt === null &&
        observed.link === null &&
        observed.kind !== "date" &&
        observed.kind !== "formula"
      ) {
        take(key, { v: observed.v as string | number | boolean });
      } else {
        take(key, decodeRead(observed, tz));
      }
    }
  });
  // Exceptions at cells the xlsx does not hold: they still apply if nothing was written for them.
  for (const [key, exc] of exceptions) {
    if (isEmptyRead(readOfX(encodeCell(exc, tz))) && !cells.has(key)) take(key, exc);
  }

  const values: SnapshotValue[][] = [];
  for (let r = 0; r < lastRow; r++) values.push(new Array<SnapshotValue>(lastCol).fill(""));
  const formulas: Record<string, string> = {};
  const numberFormats: Record<string, string> = {};
  const notes: Record<string, string> = {};
  const formats: Record<string, CellFormatSnapshot> = {};
  const links: Record<string, string> = {};
  // Sparse records in the order the snapshot lists them (row by row, left to right).
  const keys = [...cells.keys()].sort((a, b) => a - b);
  for (const key of keys) {
    const c = cells.get(key) as Cell;
    const r = Math.floor(key / KEY_COLS);
    const col = key % KEY_COLS;
    if (c.v !== "") values[r][col] = c.v;
    if (
      c.formula === undefined &&
      c.nf === undefined &&
      c.note === undefined &&
      c.fmt === undefined &&
      c.link === undefined
    )
      continue;
    const a1 = a1OfKey(key);
    if (c.formula !== undefined) formulas[a1] = c.formula;
    if (c.nf !== undefined) numberFormats[a1] = c.nf;
    if (c.note !== undefined) notes[a1] = c.note;
    if (c.fmt !== undefined) formats[a1] = c.fmt;
    if (c.link !== undefined) links[a1] = c.link;
  }

  // Columns.
  const widths: Record<string, number> = {};
  const hiddenColumns: number[] = [];
  const stateWidths = state.columnWidths ?? {};
  const defaultColWidth = ws.properties.defaultColWidth;
  (ws.columns ?? []).forEach((col, i) => {
    const c = i + 1;
    const width = col.width;
    const raw = pxOfWidth(width);
    const st = stateWidths[String(c)];
    if (st !== undefined && pxOfWidth(widthOfPx(st)) === raw) widths[String(c)] = st;
    else if (raw !== null && raw !== DEFAULT_WIDTH_PX && width !== defaultColWidth && width !== 9)
      widths[String(c)] = raw;
    if (col.hidden) hiddenColumns.push(c);
  });
  const sortNumericKeys = (m: Record<string, number>): Record<string, number> =>
    Object.fromEntries(Object.entries(m).sort((a, b) => Number(a[0]) - Number(b[0])));

  // Sheet-level settings.
  const view = (ws.views ?? [])[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
  const frozen = view?.state === "frozen";
  const argb = ws.properties.tabColor?.argb;
  const stTab = state.tabColor;
  const tabColor =
    stTab !== null && stTab !== undefined && hexToArgb(stTab) === argb
      ? stTab
      : (argbToHex(argb) ?? null);

  // Merges and filter.
  const xlsxMerges = Object.values((ws as unknown as SheetInternals)._merges ?? {})
    .filter((m): m is { range: string } => Boolean(m))
    .map((m) => m.range);
  const merges = [...(state.merges ?? [])];
  for (const m of xlsxMerges) if (!merges.includes(m)) merges.push(m);
  const af = ws.autoFilter as unknown;
  const filter =
    state.filter ??
    (typeof af === "string" && boundsOf(af)
      ? { range: af }
      : af && typeof af === "object" && "from" in af && "to" in af
        ? {
            range: `${String((af as { from: unknown }).from)}:${String((af as { to: unknown }).to)}`,
          }
        : null);

  // Grid size: as in state.json, grown to whatever the xlsx now holds.
  const most = (start: number, xs: Iterable<number>): number => {
    let m = start;
    for (const x of xs) if (x > m) m = x;
    return m;
  };
  let maxRows = most(Math.max(state.maxRows, maxKeyRow, lastRow), [
    ...hiddenRows,
    ...Object.keys(heights).map(Number),
  ]);
  let maxColumns = most(Math.max(state.maxColumns, maxKeyCol, lastCol), [
    ...hiddenColumns,
    ...Object.keys(widths).map(Number),
  ]);
  for (const m of merges) {
    const b = boundsOf(m);
    if (b) {
      maxRows = Math.max(maxRows, b.r2 + 1);
      maxColumns = Math.max(maxColumns, b.c2 + 1);
    }
  }

  // Validations: state.json's rules, then the xlsx's (which win where both have one), clipped
  // to the grid (Excel users often give a rule to a whole column).
  const ruleCells = new Map<number, string>();
  const rules = new Map<string, Rule>();
  const put = (r1: number, c1: number, r2: number, c2: number, rule: Rule): void => {
    const k = JSON.stringify(ruleOf(rule));
    rules.set(k, ruleOf(rule));
    for (let r = r1; r <= Math.min(r2, maxRows - 1); r++) {
      for (let c = c1; c <= Math.min(c2, maxColumns - 1); c++) ruleCells.set(r * KEY_COLS + c, k);
    }
  };
  for (const v of state.validations ?? []) {
    const b = boundsOf(v.range);
    if (b) put(b.r1, b.c1, b.r2, b.c2, v);
  }
  const decoded = new Map<ExcelJS.DataValidation, Rule | null>();
  for (const [address, dv] of Object.entries(dataValidationsOf(ws).model)) {
    if (!dv) continue;
    let rule = decoded.get(dv);
    if (rule === undefined) {
      rule = decodeRule(dv, name, tz);
      decoded.set(dv, rule);
    }
    const b = boundsOf(address.replace(/^range:/, ""));
    if (rule && b) put(b.r1, b.c1, b.r2, b.c2, rule);
  }

  return {
    ...state,
    name,
    hidden: ws.state !== "visible",
    frozenRows: frozen ? Number(view?.ySplit ?? 0) : 0,
    frozenColumns: frozen ? Number(view?.xSplit ?? 0) : 0,
    maxRows,
    maxColumns,
    values,
    formulas,
    numberFormats,
    notes,
    formats,
    links,
    validations: groupValidations(ruleCells, rules),
    columnWidths: sortNumericKeys(widths),
    rowHeights: sortNumericKeys(heights),
    hiddenColumns,
    hiddenRows,
    tabColor,
    merges,
    filter,
  };
}

function sheetOfRef(a1: string): string | null {
  return parseA1(a1)?.sheetName ?? null;
}

/**
 * The spreadsheet as hub.xlsx now holds it, completed from `base` (the snapshot kept in
 * state.json, ideally snapshotWithoutCells of what was written). Sheets are matched to `base`
 * by name; a sheet only the xlsx has gets a fresh id, a sheet only `base` has is dropped, along
 * with named ranges, charts and validations that refer to it.
 */
export async function readHubXlsx(
  path: string,
  base: SpreadsheetSnapshot,
): Promise<SpreadsheetSnapshot> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  base = structuredClone(base); // nothing in the result is shared with the base given
  const tz = base.timeZone;
  const byName = new Map<string, SheetSnapshot>();
  for (const [s, n] of excelSheetNames(base.sheets)) byName.set(n.toLowerCase(), s);
  const used = new Set(base.sheets.map((s) => s.id));
  const sheets: SheetSnapshot[] = [];
  wb.worksheets.forEach((ws, i) => {
    const known = byName.get(ws.name.toLowerCase());
    if (known) byName.delete(ws.name.toLowerCase());
    const state = known ?? newSheetSnapshot(ws.name, freshSheetId(base.id, ws.name, used));
    const sheet = readSheet(ws, state, known ? known.name : ws.name, tz);
    sheet.index = i + 1;
    sheets.push(sheet);
  });

  // Drop what refers to a sheet that is no longer there.
  const names = new Set(sheets.map((s) => s.name.toLowerCase()));
  const present = (a1: string): boolean => {
    const n = sheetOfRef(a1);
    return n === null || names.has(n.toLowerCase());
  };
  const argPresent = (a: SnapshotArg): boolean => {
    if (Array.isArray(a)) return a.every(argPresent);
    if (a && typeof a === "object" && "$range" in a) return present(a.$range);
    return true;
  };
  for (const s of sheets) {
    s.validations = s.validations.filter((v) => v.values.every(argPresent));
    s.charts = (s.charts ?? []).filter((c) => c.ranges.every(present));
  }
  const activeSheetId = sheets.some((s) => s.id === base.activeSheetId) ? base.activeSheetId : null;
  return {
    ...base,
    activeSheetId,
    sheets,
    namedRanges: (base.namedRanges ?? []).filter((n) => present(n.range)),
  };
}
