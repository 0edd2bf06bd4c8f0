// Shared vocabulary of the hub's domain. Pure types: no Apps Script, no I/O.

export const PROGRAMME_KEYS = [
  "sec-specialist",
  "pri-specialist",
  "sec-development",
  "sec-embedding",
  "special-crossphase",
  "subject-leaders",
  "mat-leaders",
  "securing-foundations",
  "crossphase-l2",
  "sktm-nonspecialist",
  "sktm-ect-1",
  "sktm-ect-2",
  "sktm-ta",
  "itt-partnerships",
  "pd-lead",
  "school-dev-lead",
] as const;
export type ProgrammeKey = (typeof PROGRAMME_KEYS)[number];

/** "2024/25": September 2024 to August 2025. Hubs may add later years by copying one. */
export type AcademicYear = string;

export const VERDICTS = ["ELIGIBLE", "REVIEW", "INELIGIBLE", "INVALID"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Reason codes: extend, never rename (DESIGN.md). */
export const REASON_CODES = [
  "MISSING_FIELD",
  "BAD_EMAIL",
  "SCHOOL_NOT_FOUND",
  "URN_SUPERSEDED",
  "SCHOOL_CLOSED",
  "NOT_STATE_FUNDED",
  "NOT_IN_ENGLAND",
  "WRONG_PHASE",
  "OUT_OF_AREA",
  "NO_QTS",
  "TOO_LITTLE_EXPERIENCE",
  "IS_ECT",
  "NOT_ECT",
  "NO_HEAD_SUPPORT",
  "NO_HOD_SUPPORT",
  "NEEDS_TWO_ADVOCATES",
  "NOT_PREVIOUS_DEVELOPMENT",
  "TOO_FEW_MAT_SCHOOLS",
  "SCHOOL_NOT_IN_WORK_GROUP",
  "NO_PD_LEAD",
  "LATE",
  "DUPLICATE",
  "SCHOOL_LIMIT",
  "ENDORSER_UNVERIFIED",
  "UNASSIGNED",
  // Added with the eligibility engine: situations RULES.md names without giving them a code.
  "BAD_ANSWER",
  "ALREADY_IN_DEVELOPMENT",
  "NOT_SUBJECT_LEADER",
  "NOT_IN_TRUST",
  "NOT_TEACHING_YEAR_7",
  "NOT_TEACHING_L2",
  "MATHS_SPECIALIST",
  "NOT_TEACHING_MATHS",
  "NO_SKTM_PHASE_1",
  "NO_ITT_MATHS_ROLE",
  "NO_PD_BEYOND_SCHOOL",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** What a reason does to the verdict. The verdict is the worst effect that applies. */
export type ReasonEffect = "INVALID" | "INELIGIBLE" | "REVIEW" | "INFO";

export interface Reason {
  code: ReasonCode;
  effect: ReasonEffect;
  /** One plain British English sentence, e.g. "Example Prep School is an independent school." */
  message: string;
}

/** Canonical form fields (DESIGN.md). Each programme's form asks a subset. */
export const CANONICAL_FIELDS = [
  "email",
  "firstName",
  "lastName",
  "role",
  "schoolUrn",
  "schoolName",
  "schoolPostcode",
  "qts",
  "yearsTeaching",
  "ectYear",
  "teachesMaths",
  "headName",
  "headEmail",
  "headSupport",
  "headAttendsLaunch",
  "hodSupport",
  "advocate2Name",
  "advocate2Email",
  "previousDevelopmentYear",
  "matName",
  "matSchoolCount",
  "matSecondaryCount",
  "ittProvider",
  "ittInMaths",
  "teachesYear7",
  "teachesL2",
  "ledPdBeyondSchool",
  "sktmPhase1Done",
  "schoolInWorkGroup",
  "pdLeadCompleted",
  "statement",
  "consent",
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/** Raw answers as the form gave them, keyed by canonical field (checkbox answers joined by ", "). */
export type RawAnswers = Partial<Record<CanonicalField, string>>;

export type EstablishmentStatus =
  "Open" | "Closed" | "Proposed to open" | "Open, but proposed to close" | string;

/** One establishment from the national register (GIAS), reduced to what the rules need. */
export interface School {
  urn: string;
  name: string;
  /** GIAS "TypeOfEstablishment (name)", e.g. "Academy converter". */
  type: string;
  /** GIAS "EstablishmentTypeGroup (name)", e.g. "Academies". */
  typeGroup: string;
  status: EstablishmentStatus;
  /** GIAS "PhaseOfEducation (name)", e.g. "Secondary", "All-through", "Middle deemed secondary". */
  phase: string;
  lowAge: number | null;
  highAge: number | null;
  /** Local authority name, e.g. "Leeds". */
  la: string;
  postcode: string;
  /** GIAS "GOR (name)", e.g. "Yorkshire and the Humber", or "Wales (pseudo)". */
  region: string;
  /** Trust / MAT name where GIAS gives one. */
  trust: string;
  /** The URN this establishment's Successor link points to, or "". */
  successorUrn: string;
}

export const ENDORSEMENT_STATUSES = ["Not needed", "Requested", "Confirmed", "Declined"] as const;
export type EndorsementStatus = (typeof ENDORSEMENT_STATUSES)[number];

/** One row of the Engagement sheet: the hub's history with a school. */
export interface EngagementRecord {
  urn: string;
  programme: ProgrammeKey | string;
  year: AcademicYear;
  /** e.g. "completed", "participating", "withdrew". */
  status: string;
}

/** An Engagement sheet row: a record and where it came from (an import, or an allocation run). */
export interface EngagementRow extends EngagementRecord {
  source: string;
}
