// What a cell holds, and how a value written by a script is read as if it had been typed.
//
// Range.setValue(s) and Sheet.appendRow behave like typing into the cell (the Sheets API's
// USER_ENTERED): https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
// and https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption
// - "=..." is a formula; "+..." / "-..." that is not a number is a formula too ("=+...");
//   "@..." stays text. A leading apostrophe keeps the rest as text and is not stored.
// - text that reads as a number becomes a number ("00123" → 123, "1,234" → 1234, "50%" → 0.5);
// - "TRUE"/"FALSE" in any case become booleans;
// - dates and times in the spreadsheet's locale (en_GB: day before month) become dates,
//   interpreted in the SPREADSHEET's time zone.
// The emulator does not evaluate formulas: a formula cell reads back as "#ERROR!".
import { instantOf, MONTH_NAMES } from "./tz";

export type CellValue = string | number | boolean | Date;

/** What getValues returns for a formula cell: the emulator evaluates no formulas. */
export const FORMULA_VALUE = "#ERROR!";

/** Google: "Your input contains more than the maximum of 50000 characters in a single cell." */
export const MAX_CELL_CHARS = 50_000;

/**
 * Dates may come from another realm (a node:vm context) or be a subclass: never `instanceof`.
 */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === "[object Date]";
}

export interface ParseContext {
  timeZone: string;
  /** "now", for dates typed without a year ("1/2" is 1 February this year). */
  nowMs: number;
}

/** Side results of parsing one input: reused between calls to avoid an object per cell. */
export interface ParseOut {
  formula: string | null;
  /** The number format Sheets applies automatically to what was typed (e.g. "0%"). */
  numberFormat: string | null;
}

export function newParseOut(): ParseOut {
  return { formula: null, numberFormat: null };
}

const NUMBER =
  /^([+-]?)([£$€]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?(%?)$/;
const BOOLEAN = /^(true|false)$/i;
const TIME = "(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([ap]m)?)?";
const YMD = new RegExp(`^(\\d{4})([-/])(\\d{1,2})\\2(\\d{1,2})${TIME}$`, "i");
const DMY = new RegExp(`^(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}|\\d{2}))?${TIME}$`, "i");
const MONTH_NAMES_LOWER = MONTH_NAMES.map((m) => m.toLowerCase());
const MONTHS_SHORT_LOWER = MONTH_NAMES_LOWER.map((m) => m.slice(0, 3));
const DMONY = /^(\d{1,2})[\s-]+([A-Za-z]{3,9})[\s-]+(\d{4})$/;
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?$/i;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return MONTH_DAYS[month - 1];
}

function hour24(h: number, ampm: string | undefined): number | null {
  if (!ampm) return h <= 23 ? h : null;
  if (h < 1 || h > 12) return null;
  const pm = ampm.toLowerCase() === "pm";
  return (h % 12) + (pm ? 12 : 0);
}

interface DateParts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  format: string;
}

function timeFormat(seconds: boolean, ampm: boolean): string {
  if (ampm) return seconds ? "h:mm:ss am/pm" : "h:mm am/pm";
  return seconds ? "hh:mm:ss" : "hh:mm";
}

function withTime(
  base: { y: number; mo: number; d: number; format: string },
  hh: string | undefined,
  mm: string | undefined,
  ss: string | undefined,
  ampm: string | undefined,
): DateParts | null {
  const { y, mo, d } = base;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (hh === undefined) return { y, mo, d, h: 0, mi: 0, s: 0, format: base.format };
  const h = hour24(Number(hh), ampm);
  const mi = Number(mm);
  const s = ss === undefined ? 0 : Number(ss);
  if (h === null || mi > 59 || s > 59) return null;
  // Built field by field: an object spread here is a slow path in V8 (it dominated bulk parsing).
  const format = base.format + " " + timeFormat(ss !== undefined, ampm !== undefined);
  return { y, mo, d, h, mi, s, format };
}

function twoDigitYear(yy: number): number {
  // Sheets reads 00–29 as 2000–2029 and 30–99 as 1930–1999.
  return yy < 30 ? 2000 + yy : 1900 + yy;
}

/** A date or time typed in the en_GB locale; null if the text is not one. */
export function parseDateText(t: string, ctx: ParseContext): { ms: number; format: string } | null {
  const c = t.charCodeAt(0);
  if (c < 48 || c > 57) return null; // every pattern starts with a digit
  let parts: DateParts | null = null;
  let m = YMD.exec(t);
  if (m) {
    const sep = m[2];
    parts = withTime(
      { y: Number(m[1]), mo: Number(m[3]), d: Number(m[4]), format: `yyyy${sep}mm${sep}dd` },
      m[5],
      m[6],
      m[7],
      m[8],
    );
  } else if ((m = DMY.exec(t))) {
    let y: number;
    if (m[3] === undefined) {
      const now = new Date(ctx.nowMs);
      y = now.getUTCFullYear();
    } else y = m[3].length === 2 ? twoDigitYear(Number(m[3])) : Number(m[3]);
    parts = withTime(
      { y, mo: Number(m[2]), d: Number(m[1]), format: "dd/mm/yyyy" },
      m[4],
      m[5],
      m[6],
      m[7],
    );
  } else if ((m = DMONY.exec(t))) {
    const name = m[2].toLowerCase();
    let mo = MONTH_NAMES_LOWER.indexOf(name) + 1;
    let format = "d mmmm yyyy";
    if (mo === 0 && name.length === 3) {
      mo = MONTHS_SHORT_LOWER.indexOf(name) + 1;
      format = "d mmm yyyy";
    }
    if (mo === 0 && name === "sept") {
      mo = 9;
      format = "d mmm yyyy";
    }
    if (mo === 0) return null;
    parts = withTime(
      { y: Number(m[3]), mo, d: Number(m[1]), format },
      undefined,
      undefined,
      undefined,
      undefined,
    );
  } else if ((m = TIME_ONLY.exec(t))) {
    // A time alone is a time of day on Sheets' day zero, 30 December 1899.
    parts = withTime({ y: 1899, mo: 12, d: 30, format: "" }, m[1], m[2], m[3], m[4]);
    if (parts) parts.format = parts.format.trim();
  }
  if (!parts) return null;
  return {
    ms: instantOf(ctx.timeZone, parts.y, parts.mo, parts.d, parts.h, parts.mi, parts.s),
    format: parts.format,
  };
}

function numberFormatFor(
  currency: string,
  digits: string,
  exponent: string | undefined,
  percent: string,
): string | null {
  const decimals = digits.includes(".") ? digits.length - digits.indexOf(".") - 1 : 0;
  const frac = decimals > 0 ? `.${"0".repeat(decimals)}` : "";
  if (exponent !== undefined) return `0${frac || ".00"}E+00`;
  if (percent) return `0${frac}%`;
  if (currency) return `${currency}#,##0${frac || ".00"}`;
  if (digits.includes(",")) return `#,##0${frac}`;
  return null;
}

/** Reads text the way Sheets reads typed input. Returns the stored value; side results in `out`. */
export function parseText(s: string, ctx: ParseContext, out: ParseOut): CellValue {
  if (s.length === 0) return "";
  const first = s.charCodeAt(0);
  if (first === 39 /* ' */) return s.slice(1);
  if (first === 61 /* = */ && s.length > 1) {
    out.formula = s;
    return FORMULA_VALUE;
  }
  const t = s.trim();
  if (t.length === 0) return s;
  const c = t.charCodeAt(0);
  // Fast path: ordinary words cannot be numbers, booleans or dates.
  const maybeSpecial =
    (c >= 48 && c <= 57) ||
    c === 43 ||
    c === 45 ||
    c === 46 ||
    c === 163 ||
    c === 36 ||
    c === 8364 ||
    c === 116 ||
    c === 84 ||
    c === 102 ||
    c === 70;
  if (!maybeSpecial) return s;
  if (BOOLEAN.test(t)) return t.toLowerCase() === "true";
  const n = NUMBER.exec(t);
  if (n) {
    const [, sign, currency, digits, exponent, percent] = n;
    let value = Number(digits.replace(/,/g, "") + (exponent !== undefined ? `e${exponent}` : ""));
    if (percent) value = Number((value / 100).toPrecision(15));
    if (sign === "-") value = -value;
    if (Object.is(value, -0)) value = 0;
    if (Number.isFinite(value)) {
      out.numberFormat = numberFormatFor(currency, digits, exponent, percent);
      return value;
    }
  }
  if ((first === 43 || first === 45) && t.length > 1) {
    // Typed "+..." or "-..." that is not a number is read as a formula (e.g. "+44 7700 900123").
    out.formula = `=${t}`;
    return FORMULA_VALUE;
  }
  const date = parseDateText(t, ctx);
  if (date) {
    out.numberFormat = date.format;
    return new Date(date.ms);
  }
  return s;
}

/**
 * Converts anything a script passes to setValue(s)/appendRow into a stored cell value.
 * `plainText`: the cell's number format is "@" (Plain text): text is kept exactly as written.
 */
export function parseInput(
  v: unknown,
  ctx: ParseContext,
  out: ParseOut,
  plainText = false,
): CellValue {
  out.formula = null;
  out.numberFormat = null;
  switch (typeof v) {
    case "number":
      if (Number.isFinite(v)) return Object.is(v, -0) ? 0 : v;
      return String(v);
    case "boolean":
      return v;
    case "string":
      if (v.length > MAX_CELL_CHARS) {
        throw new Error(
          `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`,
        );
      }
      return plainText ? v : parseText(v, ctx, out);
    case "undefined":
      return "";
    case "bigint":
      return Number(v);
    default:
      if (v === null) return "";
      if (isDate(v)) {
        const ms = v.getTime();
        return Number.isNaN(ms) ? "Invalid Date" : new Date(ms);
      }
      return String(v);
  }
}
