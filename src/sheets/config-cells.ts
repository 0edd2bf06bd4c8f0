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

export function wholeNumber(options: {
  label: string;
  min?: number;
  max?: number;
  blankAs: number | null;
}): CellParser<number | null> {
  return z.custom<Cell>().transform((v, ctx) => {
    if (blank(v)) return options.blankAs;
    const s = cellText(v).trim();
    const n = typeof v === "number" ? v : /^-?\d+$/.test(s) ? Number(s) : NaN;
    const range =
      options.max !== undefined
        ? `a whole number from ${options.min ?? 0} to ${options.max}`
        : `a whole number of at least ${options.min ?? 0}`;
    if (
      !Number.isInteger(n) ||
      n < (options.min ?? 0) ||
      (options.max !== undefined && n > options.max)
    ) {
      ctx.addIssue({
        code: "custom",
        message: `${options.label} "${s}" is not ${range}; write ${range}`,
      });
      return z.NEVER;
    }
    return n;
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
    const time = /(\d{1,2})[.h](\d{2})\s*$/.exec(s);
    const hint = time
      ? `time "${time[0].trim()}" is not a time; write ${time[1]!.padStart(2, "0")}:${time[2]}, e.g. ${options.example}`
      : `"${s}" is not a date and time; write it as ${options.example}`;
    ctx.addIssue({ code: "custom", message: `${options.label} ${hint}` });
    return z.NEVER;
  });
}

export function academicYear(options: { label: string }): CellParser<string> {
  return z.custom<Cell>().transform((v, ctx) => {
    const s = cellText(v).trim();
    const year = normaliseAcademicYear(s);
    if (year) return year;
    ctx.addIssue({
      code: "custom",
      message: `${options.label} "${s}" is not an academic year; write it like 2024/25`,
    });
    return z.NEVER;
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function email(options: { label: string; required: boolean }): CellParser<string> {
  return z.custom<Cell>().transform((v, ctx) => {
    const s = cellText(v).trim().toLowerCase();
    if (s === "" && !options.required) return "";
    if (!EMAIL.test(s) || /[\r\n,;]/.test(s)) {
      ctx.addIssue({
        code: "custom",
        message:
          s === ""
            ? `${options.label} is empty; write an email address`
            : `${options.label} "${s}" is not an email address; write one address like name@example.org`,
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
