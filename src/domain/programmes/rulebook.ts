// The rules of RULES.md as data, one rule set per programme per academic year, and the
// functions that choose a year's rules or add a year by copying one.
import { compareAcademicYears, requireAcademicYear } from "../calendar";
import { PROGRAMME_KEYS, type ProgrammeKey } from "../types";
import { PROGRAMMES } from "./catalogue";
import { deepFreeze } from "./freeze";
import type { RuleBook, RuleEntry, RuleSet, YearRules } from "./rules";

/** Teaching for Mastery Work Groups, for "school already in a TfM Work Group". */
export const TFM_WORK_GROUPS = ["sec-development", "sec-embedding", "special-crossphase"] as const;

// Every programme's rules, written once with the definition of "early career teacher" as a
// parameter: that definition is the one thing RULES.md changes between the years it covers.
function programmeRules(ectYears: readonly number[]): Record<ProgrammeKey, readonly RuleEntry[]> {
  const noQts: RuleEntry = {
    kind: "answer-is",
    field: "qts",
    value: false,
    code: "NO_QTS",
    effect: "INELIGIBLE",
    message: "The applicant does not have qualified teacher status.",
  };
  const isEct: RuleEntry = {
    kind: "ect",
    raiseWhen: "ect",
    ectYears,
    code: "IS_ECT",
    effect: "INELIGIBLE",
    message:
      "The applicant is in year {teachingYear} of teaching, which counts as early career in {year} (years {ectYears}).",
  };
  return {
    "sec-specialist": [
      noQts,
      {
        kind: "fewer-than",
        field: "yearsTeaching",
        min: 2,
        code: "TOO_LITTLE_EXPERIENCE",
        effect: "INELIGIBLE",
        message:
          "The applicant has taught for {years}; Secondary Mastery Specialists need at least {minYears}.",
      },
      isEct,
      {
        kind: "answer-is",
        field: "headSupport",
        value: false,
        code: "NO_HEAD_SUPPORT",
        effect: "INELIGIBLE",
        message: "The application says the head teacher does not support it.",
      },
      {
        kind: "answer-is",
        field: "headAttendsLaunch",
        value: false,
        code: "NO_HEAD_SUPPORT",
        effect: "REVIEW",
        message: "The head teacher cannot attend part of the autumn launch.",
      },
    ],
    "pri-specialist": [
      noQts,
      isEct,
      {
        kind: "answer-is",
        field: "headSupport",
        value: false,
        code: "NO_HEAD_SUPPORT",
        effect: "INELIGIBLE",
        message:
          "The application says the head teacher will not support it with 15 days' release in the first year.",
      },
      {
        kind: "fewer-than",
        field: "yearsTeaching",
        min: 3,
        code: "TOO_LITTLE_EXPERIENCE",
        effect: "REVIEW",
        message:
          "The applicant has taught for {years}; Primary Mastery Specialists normally have at least {minYears}.",
      },
    ],
    "sec-development": [
      {
        kind: "answer-is",
        field: "hodSupport",
        value: false,
        code: "NO_HOD_SUPPORT",
        effect: "INELIGIBLE",
        message: "The application says the head of maths does not support it.",
      },
      {
        kind: "answer-is",
        field: "headSupport",
        value: false,
        code: "NO_HEAD_SUPPORT",
        effect: "INELIGIBLE",
        message: "The application says neither the head teacher nor a senior leader supports it.",
      },
      {
        kind: "second-advocate",
        code: "NEEDS_TWO_ADVOCATES",
        effect: "REVIEW",
        message: "Only one Mastery Advocate is named; the school should nominate two.",
        sameAsApplicantMessage:
          "The second Mastery Advocate's email address is the applicant's own; the school should nominate two people.",
      },
      {
        kind: "engagement-found",
        engagement: { programmes: ["sec-development"], yearOffsets: [-1] },
        code: "ALREADY_IN_DEVELOPMENT",
        effect: "REVIEW",
        message:
          "{school} took part in a Development Work Group in {previousYear}; Embedding Year Support may suit it better.",
      },
    ],
    "sec-embedding": [
      {
        kind: "engagement-claim",
        field: "previousDevelopmentYear",
        engagement: { programmes: ["sec-development"], yearOffsets: [-1] },
        ifDenied: {
          code: "NOT_PREVIOUS_DEVELOPMENT",
          effect: "INELIGIBLE",
          message:
            'Embedding is for schools that took part in a Development Work Group in {previousYear}; the answer given was "{answer}".',
        },
        ifUnrecorded: {
          code: "NOT_PREVIOUS_DEVELOPMENT",
          effect: "REVIEW",
          message:
            "The application says {school} took part in a Development Work Group in {previousYear}, but the Engagement sheet has no record of it.",
        },
      },
    ],
    "special-crossphase": [],
    "subject-leaders": [
      {
        kind: "role-not",
        pattern:
          "head of (?:maths|mathematics|department|faculty)|subject lead|curriculum lead|director of (?:maths|mathematics)|\\bhod\\b|maths lead",
        code: "NOT_SUBJECT_LEADER",
        effect: "REVIEW",
        message: 'The role given ("{answer}") is not head of department or maths subject leader.',
      },
    ],
    "mat-leaders": [
      {
        kind: "fewer-than",
        field: "matSchoolCount",
        min: 2,
        code: "TOO_FEW_MAT_SCHOOLS",
        effect: "INELIGIBLE",
        message:
          "The applicant leads maths across {value} of the trust's schools; the community is for leaders of at least {min}.",
      },
      {
        kind: "fewer-than",
        field: "matSecondaryCount",
        min: 1,
        code: "TOO_FEW_MAT_SCHOOLS",
        effect: "INELIGIBLE",
        message:
          "None of the trust schools the applicant leads maths across is a secondary school.",
      },
      {
        kind: "school-in-trust",
        code: "NOT_IN_TRUST",
        effect: "REVIEW",
        message: "The register does not show {school} as part of a trust.",
      },
    ],
    "securing-foundations": [
      {
        kind: "answer-is",
        field: "teachesYear7",
        value: false,
        code: "NOT_TEACHING_YEAR_7",
        effect: "REVIEW",
        message:
          "The applicant does not teach Year 7 pupils working below age-related expectations.",
      },
    ],
    "crossphase-l2": [
      {
        kind: "answer-is",
        field: "teachesL2",
        value: false,
        code: "NOT_TEACHING_L2",
        effect: "REVIEW",
        message:
          "The applicant teaches neither Year 10 or 11 nor post-16 GCSE resit or Functional Skills maths.",
      },
    ],
    "sktm-nonspecialist": [
      {
        kind: "answer-is",
        field: "ittInMaths",
        value: true,
        code: "MATHS_SPECIALIST",
        effect: "INELIGIBLE",
        message:
          "The applicant's initial teacher training was in maths, so they are not a non-specialist.",
      },
      {
        kind: "answer-is",
        field: "teachesMaths",
        value: "no",
        code: "NOT_TEACHING_MATHS",
        effect: "INELIGIBLE",
        message: "The applicant does not teach maths and does not expect to within a year.",
      },
    ],
    "sktm-ect-1": [
      {
        kind: "ect",
        raiseWhen: "not-ect",
        ectYears,
        code: "NOT_ECT",
        effect: "INELIGIBLE",
        message:
          "The applicant is in year {teachingYear} of teaching; in {year} Phase 1 is for early career teachers in years {ectYears}.",
      },
    ],
    "sktm-ect-2": [
      {
        kind: "engagement-claim",
        field: "sktmPhase1Done",
        engagement: { programmes: ["sktm-ect-1"], yearOffsets: [0, -1, -2, -3] },
        ifDenied: {
          code: "NO_SKTM_PHASE_1",
          effect: "REVIEW",
          unlessRecorded: true,
          message:
            "The applicant has not completed Phase 1 and the Engagement sheet has no Phase 1 record for {school}.",
        },
      },
      {
        kind: "more-than",
        field: "yearsTeaching",
        max: 5,
        code: "NOT_ECT",
        effect: "REVIEW",
        message: "The applicant has taught for {years}; Phase 2 is for early career teachers.",
      },
    ],
    "sktm-ta": [
      {
        kind: "engagement-claim",
        field: "schoolInWorkGroup",
        engagement: { programmes: TFM_WORK_GROUPS, yearOffsets: [0, -1] },
        ifDenied: {
          code: "SCHOOL_NOT_IN_WORK_GROUP",
          effect: "INELIGIBLE",
          message: "The application says {school} is not in a Teaching for Mastery Work Group.",
        },
        ifUnrecorded: {
          code: "SCHOOL_NOT_IN_WORK_GROUP",
          effect: "REVIEW",
          message:
            "The application says {school} is in a Teaching for Mastery Work Group, but the Engagement sheet has no record of one in {previousYear} or {year}.",
        },
      },
    ],
    "itt-partnerships": [
      {
        kind: "answer-is",
        field: "ittInMaths",
        value: false,
        code: "NO_ITT_MATHS_ROLE",
        effect: "INELIGIBLE",
        message: "The applicant has no responsibility for maths in initial teacher training.",
      },
    ],
    "pd-lead": [
      {
        kind: "answer-is",
        field: "ledPdBeyondSchool",
        value: false,
        code: "NO_PD_BEYOND_SCHOOL",
        effect: "REVIEW",
        message:
          "The applicant does not lead maths professional development beyond their own school or college.",
      },
    ],
    "school-dev-lead": [
      {
        kind: "answer-is",
        field: "headSupport",
        value: false,
        code: "NO_HEAD_SUPPORT",
        effect: "INELIGIBLE",
        message: "The application says neither the head teacher nor the trust supports it.",
      },
      {
        kind: "answer-is",
        field: "pdLeadCompleted",
        value: false,
        code: "NO_PD_LEAD",
        effect: "REVIEW",
        message: "The applicant has not completed the PD Lead Programme.",
      },
    ],
  };
}

function yearRules(year: string, ectYears: readonly number[]): YearRules {
  const rules = programmeRules(ectYears);
  return Object.fromEntries(
    PROGRAMME_KEYS.map((key): [ProgrammeKey, RuleSet] => [
      key,
      { programme: key, year, school: PROGRAMMES[key].schoolRequirement, rules: rules[key] },
    ]),
  ) as Record<ProgrammeKey, RuleSet>;
}

/** The years RULES.md covers. "ECT" meant years 1–2 of teaching until 2024/25, 2–3 from 2025/26. */
export const RULEBOOK: RuleBook = deepFreeze({
  "2023/24": yearRules("2023/24", [1, 2]),
  "2024/25": yearRules("2024/25", [1, 2]),
  "2025/26": yearRules("2025/26", [2, 3]),
});

/** The book's years, earliest first. */
export function knownYears(book: RuleBook = RULEBOOK): string[] {
  return Object.keys(book).sort(compareAcademicYears);
}

/**
 * A programme's rules for an academic year. A year the book does not have uses the latest
 * year before it (rules carry on until someone writes new ones); a year before every known
 * year uses the earliest. The returned set's `year` says which year's rules were used.
 */
export function rulesFor(key: ProgrammeKey, year: string, book: RuleBook = RULEBOOK): RuleSet {
  const wanted = requireAcademicYear(year);
  const years = knownYears(book);
  if (years.length === 0) throw new RangeError("The rule book has no years.");
  const chosen =
    [...years].reverse().find((y) => compareAcademicYears(y, wanted) <= 0) ?? years[0]!;
  const set = book[chosen]?.[key];
  if (!set) throw new RangeError(`The rules for ${chosen} have nothing for "${key}".`);
  return set;
}

/**
 * A new book with `newYear` added as a copy of `copyFrom`'s rules, for a hub to amend.
 * Refuses to overwrite a year that already has rules.
 */
export function withYear(copyFrom: string, newYear: string, book: RuleBook = RULEBOOK): RuleBook {
  const from = requireAcademicYear(copyFrom);
  const to = requireAcademicYear(newYear);
  const source = book[from];
  if (!source) throw new RangeError(`There are no rules for ${from} to copy.`);
  if (book[to]) throw new RangeError(`${to} already has rules.`);
  const copy = Object.fromEntries(
    PROGRAMME_KEYS.map((key): [ProgrammeKey, RuleSet] => [key, { ...source[key], year: to }]),
  ) as Record<ProgrammeKey, RuleSet>;
  return deepFreeze({ ...book, [to]: copy });
}

/** A new book in which one programme's rules for one year are replaced. */
export function withRules(
  year: string,
  key: ProgrammeKey,
  rules: readonly RuleEntry[],
  book: RuleBook = RULEBOOK,
): RuleBook {
  const y = requireAcademicYear(year);
  const existing = book[y];
  if (!existing) throw new RangeError(`There are no rules for ${y}; add the year first.`);
  return deepFreeze({ ...book, [y]: { ...existing, [key]: { ...existing[key], rules } } });
}
