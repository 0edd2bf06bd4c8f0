// The vocabulary of programme rules. Each entry is plain data (a kind, its parameters, the
// reason code and effect it raises, and a message template) so that a year's rules can be read,
// compared, copied and amended without touching the engine that interprets them.
//
// Message templates may use: {school} (the school's name, or "the school"), {answer} (the
// applicant's answer as typed), {value}, {years} ("3 years"), {min}, {minYears}, {max},
// {maxYears}, {year} (the application's academic year), {previousYear}, {teachingYear},
// {ectYears} ("1–2").
import type { ProgrammeKey, ReasonCode, ReasonEffect } from "../types";
import type { CountField, TeachesMaths, YesNoField } from "./answers";
import type { SchoolRequirement } from "./model";

export interface Outcome {
  readonly code: ReasonCode;
  readonly effect: ReasonEffect;
  readonly message: string;
}

/** Raised when a Yes/No (or Yes/No/Within a year) answer has the given value. */
export interface AnswerIsRule extends Outcome {
  readonly kind: "answer-is";
  readonly field: YesNoField | "teachesMaths";
  readonly value: boolean | TeachesMaths;
}

/** Raised when a number answer is below `min`. */
export interface FewerThanRule extends Outcome {
  readonly kind: "fewer-than";
  readonly field: CountField;
  readonly min: number;
}

/** Raised when a number answer is above `max`. */
export interface MoreThanRule extends Outcome {
  readonly kind: "more-than";
  readonly field: CountField;
  readonly max: number;
}

/**
 * Early career status. The year of teaching is the `ectYear` answer where the Form asks it,
 * otherwise completed years (`yearsTeaching`) plus one. `ectYears` is the year's definition.
 */
export interface EctRule extends Outcome {
  readonly kind: "ect";
  readonly raiseWhen: "ect" | "not-ect";
  readonly ectYears: readonly number[];
}

/** Raised when the role answer does not match `pattern` (case-insensitive). */
export interface RoleRule extends Outcome {
  readonly kind: "role-not";
  readonly pattern: string;
}

/** Raised when no second advocate is named, or the second is the applicant. */
export interface SecondAdvocateRule extends Outcome {
  readonly kind: "second-advocate";
  readonly sameAsApplicantMessage: string;
}

/** Raised when the register shows no trust for the applicant's school. */
export interface InTrustRule extends Outcome {
  readonly kind: "school-in-trust";
}

/** Where to look in the Engagement sheet: programmes and years relative to the application's. */
export interface EngagementQuery {
  readonly programmes: readonly string[];
  /** 0 is the application's academic year, -1 the one before, and so on. */
  readonly yearOffsets: readonly number[];
}

/** Raised when the school's history already has a matching engagement. */
export interface EngagementFoundRule extends Outcome {
  readonly kind: "engagement-found";
  readonly engagement: EngagementQuery;
}

/**
 * An applicant's claim about their school's history, checked against the Engagement sheet.
 * `ifDenied` applies when the claim is "no" (unless a record shows otherwise, when
 * `unlessRecorded`); `ifUnrecorded` when the claim is "yes" but there is no record.
 */
export interface EngagementClaimRule {
  readonly kind: "engagement-claim";
  readonly field: YesNoField | "previousDevelopmentYear";
  readonly engagement: EngagementQuery;
  readonly ifDenied?: Outcome & { readonly unlessRecorded?: boolean };
  readonly ifUnrecorded?: Outcome;
}

export type RuleEntry =
  | AnswerIsRule
  | FewerThanRule
  | MoreThanRule
  | EctRule
  | RoleRule
  | SecondAdvocateRule
  | InTrustRule
  | EngagementFoundRule
  | EngagementClaimRule;

export type RuleKind = RuleEntry["kind"];

/** One programme's rules for one academic year. */
export interface RuleSet {
  readonly programme: ProgrammeKey;
  /** The academic year these rules were written for. */
  readonly year: string;
  /** School checks; null where the programme has no school-type rules. */
  readonly school: SchoolRequirement | null;
  readonly rules: readonly RuleEntry[];
}

export type YearRules = Readonly<Record<ProgrammeKey, RuleSet>>;

/** Every known year's rules, keyed by academic year ("2024/25"). */
export type RuleBook = Readonly<Record<string, YearRules>>;
