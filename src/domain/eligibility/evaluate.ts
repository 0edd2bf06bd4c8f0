// Judges one application: validation, school checks, common checks and the programme's rules
// for the year, then the verdict (the worst effect) and the ranking score.
import { requireAcademicYear } from "../calendar";
import { type ParsedAnswers, validateAnswers } from "../programmes/answers";
import { programmeByKey } from "../programmes/catalogue";
import { RULEBOOK, rulesFor } from "../programmes/rulebook";
import type { RuleBook } from "../programmes/rules";
import type { SchoolLookup } from "../schools/register";
import type {
  EndorsementStatus,
  EngagementRecord,
  ProgrammeKey,
  RawAnswers,
  Reason,
  School,
  Verdict,
} from "../types";
import { declinedReason, endorserReason, lateReason } from "./common-checks";
import { asEngagementIndex, type EngagementIndex } from "./engagement";
import { applyRules } from "./rule-engine";
import { checkSchool } from "./school-checks";
import { type ScoreWeights, scoreApplication } from "./score";
import { worstVerdict } from "./verdict";

export interface ApplicationInput {
  responseId: string;
  programme: ProgrammeKey;
  submittedAt: Date;
  answers: RawAnswers;
  endorsement: EndorsementStatus;
  /** 0–5, set by a lead on review; null until then. */
  statementScore: number | null;
}

export interface EvaluationContext {
  /** The academic year the programme runs in, e.g. "2024/25". */
  year: string;
  closesAt: Date | null;
  schools: SchoolLookup;
  /** The local authorities the hub serves; empty means the area is not checked. */
  hubLas: readonly string[];
  priorityLas: readonly string[];
  priorityUrns: readonly string[];
  /** The Engagement sheet, or an index of it built once with indexEngagement. */
  engagement: readonly EngagementRecord[] | EngagementIndex;
  weights: ScoreWeights;
  /** The rule book to use; the built-in one when absent. */
  rules?: RuleBook;
}

export interface Evaluation {
  responseId: string;
  programme: ProgrammeKey;
  verdict: Verdict;
  /** 0–100, one decimal place. Orders eligible applications; never changes the verdict. */
  score: number;
  reasons: Reason[];
  school: School | null;
  /** The resolved URN, or what the applicant typed when no school was found. */
  schoolUrn: string;
  /** The register's name for the school, else the name typed (ITT partnerships: the provider). */
  schoolName: string;
  applicantName: string;
  email: string;
  endorsementNeeded: boolean;
  parsed: ParsedAnswers;
  /** The academic year whose rules were applied (the latest known one for a later year). */
  rulesYear: string;
}

export function evaluateApplication(input: ApplicationInput, ctx: EvaluationContext): Evaluation {
  const programme = programmeByKey(input.programme);
  const year = requireAcademicYear(ctx.year);
  const ruleSet = rulesFor(programme.key, year, ctx.rules ?? RULEBOOK);
  const engagement = asEngagementIndex(ctx.engagement);

  const { parsed, problems } = validateAnswers(programme, input.answers);
  const reasons: Reason[] = [...problems];

  const late = lateReason(input.submittedAt, ctx.closesAt);
  if (late) reasons.push(late);

  const school = checkSchool(programme, ruleSet.school, parsed, {
    schools: ctx.schools,
    hubLas: ctx.hubLas,
  });
  reasons.push(...school.reasons);

  const declined = declinedReason(programme, input.endorsement);
  if (declined) reasons.push(declined);
  const endorser = endorserReason(programme, parsed);
  if (endorser) reasons.push(endorser);

  reasons.push(
    ...applyRules(ruleSet.rules, {
      parsed,
      raw: input.answers,
      school: school.school,
      lineage: school.lineage,
      year,
      engagement,
    }),
  );

  const { score } = scoreApplication(
    {
      programme,
      parsed,
      school: school.school,
      lineage: school.lineage,
      year,
      engagement,
      priorityLas: ctx.priorityLas,
      priorityUrns: ctx.priorityUrns,
      endorsement: input.endorsement,
      statementScore: input.statementScore,
    },
    ctx.weights,
  );

  const typedEmail = (input.answers.email ?? "").trim().toLowerCase();
  return {
    responseId: input.responseId,
    programme: programme.key,
    verdict: worstVerdict(reasons),
    score,
    reasons,
    school: school.school,
    schoolUrn: school.urn,
    schoolName: school.school?.name ?? parsed.schoolName ?? parsed.ittProvider ?? "",
    applicantName: [parsed.firstName, parsed.lastName].filter(Boolean).join(" "),
    email: parsed.email ?? typedEmail,
    endorsementNeeded: programme.endorsement !== null,
    parsed,
    rulesYear: ruleSet.year,
  };
}
