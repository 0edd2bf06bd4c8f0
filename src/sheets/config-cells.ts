// Parsing configuration cells with zod. Every problem names its sheet and cell and says what to
// write instead, because a hub lead fixes config by reading these messages.
import { z } from "../domain/zod";
import { normaliseAcademicYear, parseLondonWallClock, formatLondon } from "../domain/calendar";
import { cellText, isDate, cellRef, type Cell } from "./cells";

export interface ConfigProblem {
  /** "Programmes!E4" */
  cell: string;
  message: string;
}

export function describeProblem(p: ConfigProblem): string {
  return `${p.cell}: ${p.message}`;
}

/** A cell parser: a zod schema from a raw cell to a typed value, with a message that says the fix. */
export type CellParser<T> = z.ZodType<T, Cell>;

const blank = (v: Cell) => cellText(v).trim() === "";

export function text(options: { required?: boolean; label: string }): CellParser<string> {
  return z.custom<Cell>().transform((v, ctx) => {
    const s = cellText(v).trim();
    if (s === "" && options.required) {
      ctx.addIssue({ code: "custom", message: `${options.label} is empty; write it in` });
      return z.NEVER;
    }
    return s;
  });
}

const NUMBER_WORDS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
  "twenty",
];

/**
 * The whole number someone meant by text like "three", "3 places" or, for months, "two years";
 * null when it cannot be told for sure.
 */
function meantNumber(s: string, unit: string | undefined): number | null {
  const m = /^([a-z]+|\d+)(?:\s+([a-z]+))?$/.exec(s.toLowerCase());
  if (!m) return null;
  const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : NUMBER_WORDS.indexOf(m[1]!);
  if (n < 0) return null;
  const word = m[2];
  if (word === undefined) return n;
  if (unit && (word === unit || `${word}s` === unit)) return n;
  if (unit === "months" && (word === "year" || word === "years")) return n * 12;
  return null;
}

export function wholeNumber(options: {
  label: string;
  min?: number;
  max?: number;
  blankAs: number | null;
  /** What a blank cell means, said in the fix, e.g. "no limit". */
  blankMeans?: string;
  /** The unit the number counts, e.g. "months": lets "two years" suggest 24. */
  unit?: string;
}): CellParser<number | null> {
  return z.custom<Cell>().transform((v, ctx) => {
    if (blank(v)) return options.blankAs;
    const s = cellText(v).trim();
    const n = typeof v === "number" ? v : /^-?\d+$/.test(s) ? Number(s) : NaN;
    const min = options.min ?? 0;
    const inRange = (x: number) =>
      Number.isInteger(x) && x >= min && (options.max === undefined || x <= options.max);
    if (inRange(n)) return n;
    const range =
      options.max !== undefined ? `a whole number from ${min} to ${options.max}` : `${min} or more`;
    const orBlank = options.blankMeans ? `, or leave it blank for ${options.blankMeans}` : "";
    let message: string;
    if (Number.isInteger(n)) {
      const side = n < min ? `less than ${min}` : `more than ${options.max}`;
      message = `${options.label} ${n} is ${side}; write ${range}${orBlank}`;
    } else {
      const meant = typeof v === "string" ? meantNumber(s, options.unit) : null;
      const fix = meant !== null && inRange(meant) ? String(meant) : range;
      const what = options.unit ? `a whole number of ${options.unit}` : "a whole number";
      message = `${options.label} "${s}" is not ${what}; write ${fix}${orBlank}`;
    }
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  });
}

export function yesNo(options: { label: string; blankAs: boolean }): CellParser<boolean> {
  return z.custom<Cell>().transform((v, ctx) => {
    if (blank(v)) return options.blankAs;
    if (typeof v === "boolean") return v;
    const s = cellText(v).trim().toLowerCase();
    if (["yes", "y", "true"].includes(s)) return true;
    if (["no", "n", "false"].includes(s)) return false;
    ctx.addIssue({
      code: "custom",
      message: `${options.label} "${cellText(v)}" is not Yes or No; write Yes or No`,
    });
    return z.NEVER;
  });
}

/** A Europe/London date-time: a date cell, or text "YYYY-MM-DD HH:MM" (people type both). */
export function londonDateTime(options: {
  label: string;
  required: boolean;
  example: string;
}): CellParser<Date | null> {
  return z.custom<Cell>().transform((v, ctx) => {
    if (isDate(v)) return v;
    const s = cellText(v).trim();
    if (s === "") {
      if (!options.required) return null;
      ctx.addIssue({
        code: "custom",
        message: `${options.label} is empty; write a date and time such as ${options.example}`,
      });
      return z.NEVER;
    }
    const parsed = parseLondonWallClock(s);
    if (parsed) return parsed;
    // People type the time with a dot or an "h" (17.00, 17h00): say which part is wrong and
    // give the whole value to write, when mending the time makes it a valid date and time.
    const time = /(\d{1,2})[.h](\d{2})\s*$/.exec(s);
    const mended = time
      ? `${s.slice(0, time.index)}${time[1]!.padStart(2, "0")}:${time[2]}`.trim()
      : null;
    let message: string;
    if (time && mended && parseLondonWallClock(mended))
      message = `${options.label} "${s}" is not a date and time ("${time[0].trim()}" is not a time); write ${mended}`;
    else if (time && time.index === 0)
      message = `${options.label} "${s}" has no date; write a date and time such as ${options.example}`;
    else message = `${options.label} "${s}" is not a date and time; write it as ${options.example}`;
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  });
}

export function academicYear(options: { label: string }): CellParser<string> {
  return z.custom<Cell>().transform((v, ctx) => {
    const s = cellText(v).trim();
    const year = normaliseAcademicYear(s);
    if (year) return year;
    // "2024-2025x", "AY 2024/25": the year inside, when there is exactly one that reads well.
    const inside = /(\d{4})\s*[/-]\s*(\d{4}|\d{2})/.exec(s);
    const meant = inside ? normaliseAcademicYear(inside[0]) : null;
    ctx.addIssue({
      code: "custom",
      message:
        s === ""
          ? `${options.label} is empty; write it like 2024/25`
          : `${options.label} "${s}" is not an academic year; write ${meant ?? "it like 2024/25"}`,
    });
    return z.NEVER;
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function email(options: { label: string; required: boolean }): CellParser<string> {
  return z.custom<Cell>().transform((v, ctx) => {
    const typed = cellText(v).trim();
    const s = typed.toLowerCase();
    if (s === "" && !options.required) return "";
    if (!EMAIL.test(s) || /[\r\n,;]/.test(s)) {
      let why = "";
      if (/[\s,;]/.test(s) && s.split(/[\s,;]+/).filter((p) => EMAIL.test(p)).length > 1)
        why = " (it holds more than one)";
      else if (!s.includes("@")) why = " (it has no @)";
      ctx.addIssue({
        code: "custom",
        message:
          s === ""
            ? `${options.label} is empty; write an email address such as name@example.org`
            : `${options.label} "${typed}" is not an email address${why}; write one address such as name@example.org`,
      });
      return z.NEVER;
    }
    return s;
  });
}

/** A list in one cell, separated by the given character(s); "all" stays as ["all"]. */
export function list(separator: RegExp): CellParser<string[]> {
  return z.custom<Cell>().transform((v) =>
    cellText(v)
      .split(separator)
      .map((s) => s.trim())
      .filter((s) => s !== ""),
  );
}

/** Parses one cell, pushing a located problem on failure. */
export function parseCell<T>(
  parser: CellParser<T>,
  value: Cell,
  where: { sheet: string; row: number; column: number },
  problems: ConfigProblem[],
): T | undefined {
  const result = parser.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push({ cell: cellRef(where.sheet, where.row, where.column), message: issue.message });
  }
  return undefined;
}

export function showLondon(d: Date): string {
  return formatLondon(d, "yyyy-MM-dd HH:mm");
}
