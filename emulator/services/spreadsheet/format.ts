// Display values: a cell's value shown through its number format, in the spreadsheet's zone.
// https://developers.google.com/apps-script/reference/spreadsheet/range#getDisplayValues()
// https://developers.google.com/sheets/api/guides/formats (number format patterns)
//
// Supported: "General"/unset, "@" (plain text), numeric patterns (0, 0.0, #,##0.00, 0%, 000000,
// literal prefixes/suffixes, a negative section), and date/time patterns (yyyy, yy, mmmm, mmm,
// mm, m, dddd, ddd, dd, d, hh, h, mm as minutes, ss, am/pm, .000). Not supported: conditions
// ("[<100]"), colours, fractions, elapsed time ("[h]"), text sections.
import { type CellValue, isDate } from "./values";
import { DAY_NAMES, MONTH_NAMES, partsOfWallMs, serialOf, wallMs, wallOfSerial } from "./tz";

/** Sheets' default for a Date written by a script, in the en_GB locale. */
export const DEFAULT_DATE_TIME_FORMAT = "dd/mm/yyyy hh:mm:ss";
/** What getNumberFormat() returns for a cell that has never been formatted. */
export const GENERAL = "General";

/** A number shown in the automatic ("General") format. */
export function generalNumber(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < 1e15) return String(v);
  if (a >= 1e15 || a < 1e-9) {
    const [mant, exp] = v.toExponential(5).split("e");
    const m = mant.replace(/\.?0+$/, "");
    const e = Number(exp);
    return `${m}E${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  return String(Number(v.toPrecision(10)));
}

const formatKindCache = new Map<string, "date" | "number" | "text" | "general">();

function stripLiterals(f: string): string {
  return f
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "");
}

export function formatKind(
  format: string | undefined | null,
): "date" | "number" | "text" | "general" {
  if (!format || format === GENERAL || format.toLowerCase() === "general") return "general";
  let kind = formatKindCache.get(format);
  if (kind) return kind;
  const bare = stripLiterals(format.split(";")[0]);
  if (bare.trim() === "@") kind = "text";
  else if (/[dyhsm]/i.test(bare) && !/[0#?]/.test(bare.replace(/\.0+/g, ""))) kind = "date";
  else if (/[0#?]/.test(bare)) kind = "number";
  else kind = "general";
  if (formatKindCache.size > 1000) formatKindCache.clear();
  formatKindCache.set(format, kind);
  return kind;
}

type DateToken =
  | { t: "lit"; s: string }
  | { t: "y"; n: number }
  | { t: "M"; n: number }
  | { t: "min"; n: number }
  | { t: "d"; n: number }
  | { t: "h"; n: number }
  | { t: "s"; n: number }
  | { t: "frac"; n: number }
  | { t: "ampm"; upper: boolean; short: boolean };

const dateTokenCache = new Map<string, DateToken[]>();

function tokenizeDate(format: string): DateToken[] {
  const cached = dateTokenCache.get(format);
  if (cached) return cached;
  const f = format.split(";")[0];
  const tokens: DateToken[] = [];
  let i = 0;
  while (i < f.length) {
    const ch = f[i];
    const lower = ch.toLowerCase();
    if (ch === '"') {
      const end = f.indexOf('"', i + 1);
      const stop = end < 0 ? f.length : end;
      tokens.push({ t: "lit", s: f.slice(i + 1, stop) });
      i = stop + 1;
    } else if (ch === "\\") {
      tokens.push({ t: "lit", s: f[i + 1] ?? "" });
      i += 2;
    } else if (ch === "[") {
      const end = f.indexOf("]", i);
      i = end < 0 ? f.length : end + 1;
    } else if (f.slice(i, i + 5).toLowerCase() === "am/pm") {
      tokens.push({ t: "ampm", upper: ch === "A", short: false });
      i += 5;
    } else if (f.slice(i, i + 3).toLowerCase() === "a/p") {
      tokens.push({ t: "ampm", upper: ch === "A", short: true });
      i += 3;
    } else if ("ydhsm".includes(lower)) {
      let j = i;
      while (j < f.length && f[j].toLowerCase() === lower) j++;
      const n = j - i;
      const t =
        lower === "y" ? "y" : lower === "d" ? "d" : lower === "h" ? "h" : lower === "s" ? "s" : "M";
      tokens.push({ t, n } as DateToken);
      i = j;
    } else if (ch === "." && f[i + 1] === "0") {
      let j = i + 1;
      while (j < f.length && f[j] === "0") j++;
      tokens.push({ t: "frac", n: j - i - 1 });
      i = j;
    } else {
      tokens.push({ t: "lit", s: ch });
      i++;
    }
  }
  // "m"/"mm" is minutes after an hour or before a second, otherwise month.
  const significant = (k: number, step: number): DateToken | undefined => {
    for (let j = k + step; j >= 0 && j < tokens.length; j += step) {
      if (tokens[j].t !== "lit") return tokens[j];
    }
    return undefined;
  };
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k];
    if (tok.t === "M" && tok.n <= 2) {
      const prev = significant(k, -1);
      const next = significant(k, 1);
      if (prev?.t === "h" || next?.t === "s") tokens[k] = { t: "min", n: tok.n };
    }
  }
  if (dateTokenCache.size > 1000) dateTokenCache.clear();
  dateTokenCache.set(format, tokens);
  return tokens;
}

const pad = (n: number, w: number): string => String(n).padStart(w, "0");

/** Formats wall-clock milliseconds with a date/time pattern. */
export function formatWall(wall: number, format: string): string {
  const tokens = tokenizeDate(format);
  const hasAmPm = tokens.some((t) => t.t === "ampm");
  const p = partsOfWallMs(wall);
  let out = "";
  for (const tok of tokens) {
    switch (tok.t) {
      case "lit":
        out += tok.s;
        break;
      case "y":
        out += tok.n <= 2 ? pad(p.year % 100, 2) : pad(p.year, 4);
        break;
      case "M":
        if (tok.n === 1) out += String(p.month);
        else if (tok.n === 2) out += pad(p.month, 2);
        else if (tok.n === 3) out += MONTH_NAMES[p.month - 1].slice(0, 3);
        else if (tok.n === 5) out += MONTH_NAMES[p.month - 1][0];
        else out += MONTH_NAMES[p.month - 1];
        break;
      case "min":
        out += tok.n === 1 ? String(p.minute) : pad(p.minute, 2);
        break;
      case "d":
        if (tok.n === 1) out += String(p.day);
        else if (tok.n === 2) out += pad(p.day, 2);
        else if (tok.n === 3) out += DAY_NAMES[p.weekday].slice(0, 3);
        else out += DAY_NAMES[p.weekday];
        break;
      case "h": {
        const h = hasAmPm ? p.hour % 12 || 12 : p.hour;
        out += tok.n === 1 ? String(h) : pad(h, 2);
        break;
      }
      case "s":
        out += tok.n === 1 ? String(p.second) : pad(p.second, 2);
        break;
      case "frac":
        out += `.${pad(p.millisecond, 3).slice(0, tok.n).padEnd(tok.n, "0")}`;
        break;
      case "ampm": {
        const am = p.hour < 12;
        const s = tok.short ? (am ? "a" : "p") : am ? "am" : "pm";
        out += tok.upper ? s.toUpperCase() : s;
        break;
      }
    }
  }
  return out;
}

interface NumberPattern {
  prefix: string;
  suffix: string;
  minInt: number;
  minFrac: number;
  maxFrac: number;
  grouping: boolean;
  percent: boolean;
  scientific: number | null; // exponent digits
}

const numberPatternCache = new Map<string, NumberPattern>();

function literal(s: string): string {
  return s
    .replace(/\[\$([^-\]]*)(?:-[^\]]*)?\]/g, "$1")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/"([^"]*)"/g, "$1")
    .replace(/\\(.)/g, "$1")
    .replace(/_./g, " ")
    .replace(/\*./g, "");
}

function parseNumberPattern(section: string): NumberPattern {
  const cached = numberPatternCache.get(section);
  if (cached) return cached;
  // Find the digit core, ignoring quoted text and escapes.
  const masked = section
    .replace(/"[^"]*"/g, (m) => "\u0000".repeat(m.length))
    .replace(/\\./g, "\u0000\u0000")
    .replace(/\[[^\]]*\]/g, (m) => "\u0000".repeat(m.length));
  let first = -1;
  let last = -1;
  for (let i = 0; i < masked.length; i++) {
    if ("0#?".includes(masked[i])) {
      if (first < 0) first = i;
      last = i;
    }
  }
  let core = first < 0 ? "" : masked.slice(first, last + 1);
  let scientific: number | null = null;
  let suffixStart = last + 1;
  const eMatch = /^([0#?,.]*)E[+-](0+)/i.exec(masked.slice(first < 0 ? 0 : first));
  if (eMatch) {
    core = eMatch[1];
    scientific = eMatch[2].length;
    suffixStart = first + eMatch[0].length;
  }
  const dot = core.indexOf(".");
  const intPart = dot < 0 ? core : core.slice(0, dot);
  const fracPart = dot < 0 ? "" : core.slice(dot + 1);
  const pattern: NumberPattern = {
    prefix: literal(first < 0 ? section : section.slice(0, first)),
    suffix: literal(first < 0 ? "" : section.slice(suffixStart)),
    minInt: (intPart.match(/0/g) ?? []).length,
    minFrac: (fracPart.match(/0/g) ?? []).length,
    maxFrac: (fracPart.match(/[0#?]/g) ?? []).length,
    grouping: intPart.includes(","),
    percent: /%/.test(masked),
    scientific,
  };
  if (numberPatternCache.size > 1000) numberPatternCache.clear();
  numberPatternCache.set(section, pattern);
  return pattern;
}

function formatWithPattern(value: number, p: NumberPattern): string {
  let x = p.percent ? value * 100 : value;
  if (p.scientific !== null) {
    const [mant, exp] = x.toExponential(p.maxFrac).split("e");
    const e = Number(exp);
    return `${p.prefix}${mant}E${e < 0 ? "-" : "+"}${pad(Math.abs(e), p.scientific)}${p.suffix}`;
  }
  x = Math.abs(x);
  let [int, frac = ""] = x.toFixed(p.maxFrac).split(".");
  while (frac.length > p.minFrac && frac.endsWith("0")) frac = frac.slice(0, -1);
  if (int === "0" && p.minInt === 0) int = "";
  int = int.padStart(p.minInt, "0");
  if (p.grouping) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${p.prefix}${int}${frac ? `.${frac}` : ""}${p.suffix}`;
}

export function formatNumber(value: number, format: string): string {
  const sections = format.split(";");
  if (value < 0 && sections.length > 1)
    return formatWithPattern(-value, parseNumberPattern(sections[1]));
  if (value === 0 && sections.length > 2)
    return formatWithPattern(0, parseNumberPattern(sections[2]));
  const s = formatWithPattern(value, parseNumberPattern(sections[0]));
  const rounded = /[1-9]/.test(s.replace(/E[+-]\d+/, ""));
  return value < 0 && rounded ? `-${s}` : s;
}

/** The text Sheets shows for a value with a number format, in the spreadsheet's time zone. */
export function displayValue(
  value: CellValue,
  format: string | undefined,
  timeZone: string,
): string {
  if (value === "") return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const kind = formatKind(format);
  if (typeof value === "number") {
    if (kind === "date") return formatWall(wallOfSerial(value), format as string);
    if (kind === "number") return formatNumber(value, format as string);
    return generalNumber(value);
  }
  if (isDate(value)) {
    const ms = value.getTime();
    if (kind === "date") return formatWall(wallMs(timeZone, ms), format as string);
    if (kind === "number") return formatNumber(serialOf(timeZone, ms), format as string);
    return formatWall(wallMs(timeZone, ms), DEFAULT_DATE_TIME_FORMAT);
  }
  return String(value);
}
