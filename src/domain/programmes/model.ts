// The shape of a programme in the catalogue: what the hub offers, who may apply, and the Form
// that collects applications.
import type { PhaseFlags } from "../schools/classify";
import type { CanonicalField, ProgrammeKey, ReasonCode, ReasonEffect } from "../types";

export type QuestionType = "text" | "email" | "number" | "choice" | "checkbox" | "paragraph";

export interface Question {
  readonly field: CanonicalField;
  /** The question text applicants see. */
  readonly title: string;
  readonly type: QuestionType;
  readonly required: boolean;
  /** For "choice" and "checkbox" questions, in the order the Form shows them. */
  readonly choices?: readonly string[];
  readonly helpText?: string;
  /** Other titles hubs commonly give this question, so an existing Form can be bound. */
  readonly aliases?: readonly string[];
}

/** What one application stands for: a person, a school's pair of advocates, or a school. */
export type Unit = "individual" | "school-pair" | "school";

/** Whether the Form asks for a school at all (ITT providers are not schools). */
export type SchoolQuestion = "required" | "optional" | "none";

export type PhaseFlag = keyof PhaseFlags;

/** Which schools a programme admits; the school checks of RULES.md read this. */
export interface SchoolRequirement {
  readonly stateFunded: boolean;
  /** A school must have at least one of these phases; "any" admits every phase. */
  readonly phases: readonly PhaseFlag[] | "any";
  readonly wrongPhaseEffect: ReasonEffect;
  /** Plain words for the admitted schools, used in reasons: "state-funded secondary schools". */
  readonly summary: string;
}

export type Endorser = "head" | "head-of-maths-and-head-or-slt" | "head-or-mat";

export interface EndorsementRequirement {
  readonly by: Endorser;
  /** How reasons and emails name the endorser: "head teacher". */
  readonly endorserTitle: string;
  /** The Specialist programmes ask the head to attend part of the autumn launch. */
  readonly headAttendsLaunch: boolean;
  /** The code a declined endorsement gives. */
  readonly declinedCode: Extract<ReasonCode, "NO_HEAD_SUPPORT" | "NO_HOD_SUPPORT">;
}

/** Which optional criteria of the score (RULES.md, "Score") apply to a programme. */
export interface ScoringProfile {
  /** "years": min(years, 8) / 8 (specialists); "full": always 1 (ECT and TA programmes). */
  readonly experience: "years" | "full" | null;
  /** The programme is for leaders, so a leadership role counts. */
  readonly leadership: boolean;
}

export interface Programme {
  readonly key: ProgrammeKey;
  readonly title: string;
  readonly description: string;
  /** Who may apply, in a line, as the recruitment page puts it. */
  readonly eligibilitySummary: string;
  readonly unit: Unit;
  readonly defaultPlaces: number;
  /** Normal limit of applications per school (in units); null when there is none. */
  readonly maxPerSchool: number | null;
  readonly school: SchoolQuestion;
  /** Null for programmes without school-type rules (ITT partnerships). */
  readonly schoolRequirement: SchoolRequirement | null;
  readonly endorsement: EndorsementRequirement | null;
  /** Counts as Teaching for Mastery engagement for the "never engaged" score. */
  readonly teachingForMastery: boolean;
  readonly scoring: ScoringProfile;
  readonly questions: readonly Question[];
}
