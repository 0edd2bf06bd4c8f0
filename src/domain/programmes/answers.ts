// Turns a Form's raw answers into typed values, listing every problem rather than the first.
// Each canonical field has one meaning, whatever the Form calls it, so it is parsed by kind.
import { normaliseAcademicYear } from "../calendar";
import type { CanonicalField, RawAnswers, Reason } from "../types";
import { z } from "../zod";
import type { Programme, Question } from "./model";

export type TeachesMaths = "yes" | "no" | "within-a-year";

/** An Embedding applicant's Development year: "2023/24", "none", or "last-year" (said in words). */
export type DevelopmentYearAnswer = string;

interface KindValues {
  text: string;
  email: string;
  count: number;
  "yes-no": boolean;
  "teaches-maths": TeachesMaths;
  "academic-year": DevelopmentYearAnswer;
  consent: boolean;
}
type FieldKind = keyof KindValues;

export const FIELD_KINDS = {
  email: "email",
  firstName: "text",
  lastName: "text",
  role: "text",
  schoolUrn: "text",
  schoolName: "text",
  schoolPostcode: "text",
  qts: "yes-no",
  yearsTeaching: "count",
  ectYear: "count",
  teachesMaths: "teaches-maths",
  headName: "text",
  headEmail: "email",
  headSupport: "yes-no",
  headAttendsLaunch: "yes-no",
  hodSupport: "yes-no",
  advocate2Name: "text",
  advocate2Email: "email",
  previousDevelopmentYear: "academic-year",
  matName: "text",
  matSchoolCount: "count",
  matSecondaryCount: "count",
  ittProvider: "text",
  ittInMaths: "yes-no",
  teachesYear7: "yes-no",
  teachesL2: "yes-no",
  ledPdBeyondSchool: "yes-no",
  sktmPhase1Done: "yes-no",
  schoolInWorkGroup: "yes-no",
  pdLeadCompleted: "yes-no",
  statement: "text",
  consent: "consent",
} as const satisfies Record<CanonicalField, FieldKind>;

export type ParsedAnswers = {
  -readonly [F in CanonicalField]?: KindValues[(typeof FIELD_KINDS)[F]];
};

export type YesNoField = {
  [F in CanonicalField]: (typeof FIELD_KINDS)[F] extends "yes-no" ? F : never;
}[CanonicalField];
export type CountField = {
  [F in CanonicalField]: (typeof FIELD_KINDS)[F] extends "count" ? F : never;
}[CanonicalField];

export interface AnswerValidation {
  parsed: ParsedAnswers;
  problems: Reason[];
}

// Why a value failed, as the end of the sentence 'The answer to "…" ("…") …'.
type Failure = { effect: "INVALID" | "REVIEW"; code: "BAD_EMAIL" | "BAD_ANSWER"; says: string };

// Up to 1,000 and at most two decimals; people add words ("3 years") and "+" ("10+").
const COUNT = /^(\d{1,4}(?:\.\d{1,2})?)\s*\+?\s*(?:years?|yrs?|schools?)?\.?$/i;
const YES = /^(?:yes|y|true)\b/i;
const NO = /^(?:no|n|false)\b/i;

const schemas: { [K in FieldKind]: z.ZodType<KindValues[K], string> } = {
  text: z.string().transform((s) => s.trim()),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "is not a valid email address" })),
  count: z
    .string()
    .trim()
    .regex(COUNT, { error: "is not a number" })
    .transform((s) => Number(COUNT.exec(s)![1])),
  "yes-no": z
    .string()
    .trim()
    .refine((s) => YES.test(s) || NO.test(s), { error: "is neither Yes nor No" })
    .transform((s) => YES.test(s)),
  "teaches-maths": z
    .string()
    .trim()
    .transform((s, ctx): TeachesMaths => {
      if (/not yet|within a year|\bwill\b/i.test(s)) return "within-a-year";
      if (YES.test(s)) return "yes";
      if (NO.test(s)) return "no";
      ctx.addIssue({ code: "custom", message: "is not one of the choices" });
      return z.NEVER;
    }),
  "academic-year": z
    .string()
    .trim()
    .transform((s, ctx): DevelopmentYearAnswer => {
      const year = normaliseAcademicYear(s);
      if (year) return year;
      if (/^(?:none|no|never|not|n\/a|nil)\b/i.test(s)) return "none";
      if (/last (?:academic )?year|previous (?:academic )?year|^yes\b/i.test(s)) return "last-year";
      ctx.addIssue({ code: "custom", message: "is not an academic year such as 2024/25" });
      return z.NEVER;
    }),
  consent: z.string().transform(() => true),
};

function failureFor(kind: FieldKind, message: string): Failure {
  if (kind === "email") return { effect: "INVALID", code: "BAD_EMAIL", says: message };
  // A count that is not a number cannot be judged; a choice typed in words a lead can read.
  if (kind === "count") return { effect: "INVALID", code: "BAD_ANSWER", says: message };
  return { effect: "REVIEW", code: "BAD_ANSWER", says: message };
}

/** An answer as reasons quote it: spaces collapsed, at most 60 characters. */
export function quoteAnswer(value: string | undefined): string {
  const flat = (value ?? "").replace(/\s+/g, " ").trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

function checkQuestion(
  question: Question,
  raw: string | undefined,
  parsed: ParsedAnswers,
): Reason | null {
  const value = typeof raw === "string" ? raw : "";
  if (value.trim() === "") {
    return question.required
      ? {
          code: "MISSING_FIELD",
          effect: "INVALID",
          message: `The question "${question.title}" was not answered.`,
        }
      : null;
  }
  const kind: FieldKind = FIELD_KINDS[question.field];
  const result = schemas[kind].safeParse(value);
  if (result.success) {
    (parsed as Record<CanonicalField, unknown>)[question.field] = result.data;
    return null;
  }
  const failure = failureFor(kind, result.error.issues[0]?.message ?? "could not be read");
  return {
    code: failure.code,
    effect: failure.effect,
    message: `The answer to "${question.title}" ("${quoteAnswer(value)}") ${failure.says}.`,
  };
}

/**
 * Parses the answers to a programme's questions. Numbers become numbers, Yes/No answers
 * booleans and email addresses are trimmed and lower-cased; every problem is reported, in the
 * Form's order. Answers to questions the programme does not ask are ignored; `raw` is not changed.
 */
export function validateAnswers(programme: Programme, raw: RawAnswers): AnswerValidation {
  const parsed: ParsedAnswers = {};
  const problems: Reason[] = [];
  for (const question of programme.questions) {
    const own = Object.prototype.hasOwnProperty.call(raw, question.field);
    const problem = checkQuestion(question, own ? raw[question.field] : undefined, parsed);
    if (problem) problems.push(problem);
  }
  return { parsed, problems };
}
