// The ranking score of RULES.md ("Score"). Criteria a programme does not use are left out and
// the rest scaled to 100, so that programmes without, say, an endorsement are not capped at 90
// and scores stay comparable within a programme (the only place they are compared).
import type { ParsedAnswers } from "../programmes/answers";
import type { Programme } from "../programmes/model";
import { PROGRAMMES } from "../programmes/catalogue";
import type { EndorsementStatus, School } from "../types";
import { compareAcademicYears } from "../calendar";
import type { EngagementIndex } from "./engagement";

export interface ScoreWeights {
  neverEngaged: number;
  priorityArea: number;
  experience: number;
  leadership: number;
  endorsement: number;
  statement: number;
}

export const DEFAULT_SCORE_WEIGHTS: Readonly<ScoreWeights> = Object.freeze({
  neverEngaged: 25,
  priorityArea: 20,
  experience: 20,
  leadership: 15,
  endorsement: 10,
  statement: 10,
});

export type Criterion = keyof ScoreWeights;

export interface ScoreInputs {
  programme: Programme;
  parsed: ParsedAnswers;
  school: School | null;
  lineage: readonly string[];
  year: string;
  engagement: EngagementIndex;
  priorityLas: readonly string[];
  priorityUrns: readonly string[];
  endorsement: EndorsementStatus;
  statementScore: number | null;
}

export interface ScoreBreakdown {
  score: number;
  /** Each applicable criterion's value (0–1); criteria the programme does not use are absent. */
  values: Partial<Record<Criterion, number>>;
}

const TFM_KEYS = new Set(
  Object.values(PROGRAMMES)
    .filter((p) => p.teachingForMastery)
    .map((p) => p.key as string),
);

const LEADERSHIP =
  /head of|subject lead|curriculum lead|key stage|\bks\s?\d|phase lead|senior lead|\bslt\b|deputy|assistant head|head ?teacher|principal|trust|director|\bhod\b|maths lead/i;

export function isLeadershipRole(role: string | undefined): boolean {
  return role !== undefined && LEADERSHIP.test(role);
}

/** 1 if the school never took part in Teaching for Mastery, 0.5 if it lapsed over 2 years ago. */
function neverEngagedValue(inputs: ScoreInputs): number {
  if (!inputs.school) return 0;
  const years = inputs.engagement
    .recordsFor(inputs.lineage)
    .filter((r) => TFM_KEYS.has(String(r.programme)))
    .map((r) => r.year)
    .filter((y) => compareAcademicYears(y, inputs.year) <= 0);
  if (years.length === 0) return 1;
  const latest = years.reduce((a, b) => (compareAcademicYears(a, b) >= 0 ? a : b));
  return compareAcademicYears(inputs.year, latest) > 2 ? 0.5 : 0;
}

function priorityValue(inputs: ScoreInputs): number {
  const { school } = inputs;
  if (!school) return 0;
  const las = new Set(inputs.priorityLas.map((la) => la.trim().toLowerCase()));
  const urns = new Set(inputs.priorityUrns.map((u) => u.trim()));
  const inLa = las.has(school.la.trim().toLowerCase());
  return inLa || inputs.lineage.some((u) => urns.has(u)) || urns.has(school.urn) ? 1 : 0;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

function criterionValues(inputs: ScoreInputs): Partial<Record<Criterion, number>> {
  const { programme, parsed } = inputs;
  const values: Partial<Record<Criterion, number>> = {};
  if (programme.school !== "none") {
    values.neverEngaged = neverEngagedValue(inputs);
    values.priorityArea = priorityValue(inputs);
  }
  if (programme.scoring.experience === "years") {
    values.experience = clamp01(Math.min(parsed.yearsTeaching ?? 0, 8) / 8);
  } else if (programme.scoring.experience === "full") {
    values.experience = 1;
  }
  if (programme.scoring.leadership) values.leadership = isLeadershipRole(parsed.role) ? 1 : 0;
  if (programme.endorsement) values.endorsement = inputs.endorsement === "Confirmed" ? 1 : 0;
  values.statement = clamp01((inputs.statementScore ?? 0) / 5);
  return values;
}

/** 0–100 to one decimal place; 0 when every applicable weight is 0. */
export function scoreApplication(
  inputs: ScoreInputs,
  weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS,
): ScoreBreakdown {
  const values = criterionValues(inputs);
  let total = 0;
  let possible = 0;
  for (const [criterion, value] of Object.entries(values) as [Criterion, number][]) {
    const weight = Math.max(0, Number.isFinite(weights[criterion]) ? weights[criterion] : 0);
    total += weight * value;
    possible += weight;
  }
  const score = possible > 0 ? Math.round((1000 * total) / possible) / 10 : 0;
  return { score: Math.min(100, Math.max(0, score)), values };
}
